"""`seed_demo`: idempotent demo data, and every printed demo user can log in."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from arenden.models import Arende, Handelse, Kanal, Medarbetare, RosaNiva, Status


def seed(**argument) -> str:
    ut = StringIO()
    call_command("seed_demo", stdout=ut, **argument)
    return ut.getvalue()


def demoanvandare(utskrift: str) -> list[tuple[str, str, str]]:
    """Return (roll, användarnamn, lösenord) for each user the command printed."""
    return re.findall(r"^\s+(\w+)\s+(\w+)\s+(\S+)$", utskrift.split("Demoanvändare")[1], re.M)[1:]


@pytest.mark.django_db
def test_seed_ar_idempotent_och_tacker_kanaler_och_nivaer():
    """A second run creates nothing; the data covers every kanal and many ROSA-nivåer."""
    forsta = seed(arenden=300, dagar=30)
    antal = Arende.objects.count()
    handelser = Handelse.objects.count()

    andra = seed(arenden=300, dagar=30)

    assert antal == 300
    assert "finns redan" in andra and "finns redan" not in forsta
    assert (Arende.objects.count(), Handelse.objects.count()) == (antal, handelser)
    assert set(Arende.objects.values_list("kanal", flat=True)) == set(Kanal.values)
    assert len(set(Arende.objects.values_list("rosa", flat=True))) >= 6
    assert {Status.AVSLUTAD, Status.ESKALERAD} <= set(
        Arende.objects.values_list("status", flat=True)
    )
    # Every ärende has a timeline that starts with its creation.
    assert not Arende.objects.exclude(handelser__typ=Handelse.Typ.SKAPAT).exists()
    # Unclassified new ärenden have no level yet; every other value is one of the eight.
    assert set(Arende.objects.values_list("rosa", flat=True)) <= {None, *RosaNiva.values}


@pytest.mark.django_db
def test_varje_utskriven_demoanvandare_kan_logga_in_och_ser_sin_ko(client):
    """Each printed user logs in with the printed password and sees the queue of his role."""
    utskrift = seed(arenden=200, dagar=30)
    anvandare = demoanvandare(utskrift)

    assert {roll for roll, _, _ in anvandare} == {
        "kommunvagledare",
        "handlaggare",
        "teamledare",
        "administrator",
    }
    for roll, namn, losenord in anvandare:
        client.logout()
        inloggning = client.post("/logga-in/", {"username": namn, "password": losenord})
        assert inloggning.status_code == 302, (roll, namn)

        ko = client.get("/")
        api = client.get("/api/v1/arenden/", {"antal": 200}).json()["results"]

        assert ko.status_code == 200
        assert api, f"{namn} ser inga ärenden"
        if roll == "handlaggare":
            # Exactly his förvaltning's escalated ärenden, and those assigned to him.
            mig = Medarbetare.objects.get(anvandare__username=namn)
            vantade = Arende.objects.filter(
                Q(forvaltning=mig.forvaltning, eskalerad__isnull=False) | Q(tilldelad=mig.anvandare)
            )
        else:
            vantade = Arende.objects.all()
        # Sekretess ärenden only where he is named.
        namngiven = Arende.sekretess_behoriga.through.objects.filter(user__username=namn)
        vantade = vantade.filter(Q(sekretess=False) | Q(pk__in=namngiven.values("arende_id")))
        assert {r["nummer"] for r in api} == set(vantade.values_list("nummer", flat=True))

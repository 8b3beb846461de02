"""Gallring through `manage.py gallra` and the Celery task: only what the rule says goes."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from arenden import services
from arenden.models import (
    Arende,
    Bilaga,
    Handelse,
    Kategori,
    Kontakt,
    Meddelande,
    Status,
)
from arenden.statistik.tasks import statistik_uppdatera
from integritet import gallring
from integritet.models import Logghandelse
from integritet.tasks import gallra
from tests.factories import KategoriFactory
from tests.integritet.conftest import avslutat, logg


def gallra_kommando(*argument) -> str:
    ut = StringIO()
    call_command("gallra", *argument, stdout=ut)
    return ut.getvalue()


@pytest.fixture
def fall(vagledare, kategori_anonymiseras, kategori_raderas, kategori_diarieford, kalle, lisa):
    """One ärende per case the rule must tell apart."""
    utan_regel = KategoriFactory(forvaltning=kategori_anonymiseras.forvaltning, namn="Övrigt")
    fall = {
        "gammalt": avslutat(
            av=vagledare, kategori=kategori_anonymiseras, kontakt=kalle, manader_sedan=13
        ),
        "nyligen": avslutat(
            av=vagledare, kategori=kategori_anonymiseras, kontakt=kalle, manader_sedan=11
        ),
        "diarienummer": avslutat(
            av=vagledare, kategori=kategori_anonymiseras, kontakt=lisa, manader_sedan=24
        ),
        "diarieford_kategori": avslutat(
            av=vagledare, kategori=kategori_diarieford, kontakt=lisa, manader_sedan=24
        ),
        "utan_regel": avslutat(av=vagledare, kategori=utan_regel, manader_sedan=120),
        "raderas": avslutat(av=vagledare, kategori=kategori_raderas, kontakt=lisa, manader_sedan=4),
    }
    Arende.objects.filter(pk=fall["diarienummer"].pk).update(diarienummer="KS 2024/123")
    Kategori.objects.filter(pk=kategori_diarieford.pk).update(gallras_efter_manader=1)
    oppet = services.arende_skapa(
        rubrik="Fortfarande öppet", kanal="epost", av=vagledare, kategori=kategori_anonymiseras
    )
    fall["oppet"] = oppet
    return fall


def test_gallra_anonymiserar_och_raderar_bara_det_regeln_sager(
    fall, media, django_capture_on_commit_callbacks
):
    """Old closed ärenden go; diarieförda, recently closed, open and rule-less ones stay."""
    filer_fore = {b.fil.name for b in Bilaga.objects.filter(arende=fall["gammalt"])}
    raderad_fil = Bilaga.objects.get(arende=fall["raderas"]).fil.name

    # Files leave the storage once the transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        ut = gallra_kommando()

    gammalt = Arende.objects.get(pk=fall["gammalt"].pk)
    assert gammalt.rubrik == "Gallrat ärende"
    assert gammalt.beskrivning == "" and gammalt.kontakt is None
    assert not Meddelande.objects.filter(arende=gammalt).exists()
    assert not Bilaga.objects.filter(arende=gammalt).exists()
    assert list(gammalt.handelser.values_list("typ", flat=True)) == [Handelse.Typ.GALLRAT]
    # What statistics count is kept.
    assert (gammalt.kanal, gammalt.status, gammalt.utfall) == (
        fall["gammalt"].kanal,
        Status.AVSLUTAD,
        fall["gammalt"].utfall,
    )
    assert gammalt.kategori_id == fall["gammalt"].kategori_id
    assert not Arende.objects.filter(pk=fall["raderas"].pk).exists()
    for namn in ("nyligen", "diarienummer", "diarieford_kategori", "utan_regel", "oppet"):
        kvar = Arende.objects.get(pk=fall[namn].pk)
        assert kvar.rubrik == fall[namn].rubrik, namn
        assert not kvar.handelser.filter(typ=Handelse.Typ.GALLRAT).exists(), namn
    assert Meddelande.objects.filter(arende=fall["nyligen"]).exists()
    # The files left the storage too.
    for namn in (*filer_fore, raderad_fil):
        assert not (Path(media) / namn).exists()
    assert (Path(media) / Bilaga.objects.filter(arende=fall["nyligen"]).get().fil.name).exists()
    # Kalle still has a recent ärende; Lisa keeps her diarieförda ones.
    assert Kontakt.objects.filter(namn="Kalle Karlsson").exists()
    assert fall["gammalt"].nummer in ut and fall["raderas"].nummer in ut


def test_gallringen_loggas_utan_personuppgifter(fall):
    """Each removed ärende has a log row: nummer, kategori, date closed, rule; no one's data."""
    gallra_kommando()

    rader = {r.arende_nummer: r for r in logg(typ=Logghandelse.Typ.GALLRING)}

    assert set(rader) == {fall["gammalt"].nummer, fall["raderas"].nummer}
    rad = rader[fall["gammalt"].nummer]
    assert rad.aktor is None and rad.aktor_namn == ""
    assert rad.data["kategori"] == "Allmän fråga"
    assert rad.data["avslutad"] == fall["gammalt"].avslutad.date().isoformat()
    assert rad.data["regel"] == {"gallras_efter_manader": 12, "satt": "anonymisera"}
    assert rader[fall["raderas"].nummer].data["regel"]["satt"] == "radera"
    text = str([(r.orsak, r.data) for r in rader.values()])
    assert "Kalle" not in text and "9876" not in text and "Storgatan" not in text


def test_torrkorning_andrar_ingenting(fall):
    """--torrkorning lists what would go and changes no row and no file."""
    fore = list(Arende.objects.order_by("pk").values_list("pk", "rubrik", "kontakt_id"))
    handelser = Handelse.objects.count()

    ut = gallra_kommando("--torrkorning")

    assert "Torrkörning" in ut
    assert fall["gammalt"].nummer in ut and fall["raderas"].nummer in ut
    assert fall["nyligen"].nummer not in ut
    assert list(Arende.objects.order_by("pk").values_list("pk", "rubrik", "kontakt_id")) == fore
    assert Handelse.objects.count() == handelser
    assert not Logghandelse.objects.filter(typ=Logghandelse.Typ.GALLRING).exists()


def test_gallra_igen_gor_ingenting(fall):
    """A second run finds nothing more: an anonymised ärende is not gallrat twice."""
    gallra_kommando()
    antal = Logghandelse.objects.count()

    ut = gallra_kommando()

    assert "Anonymiserade: 0" in ut and "Raderade: 0" in ut
    assert Logghandelse.objects.count() == antal


def test_celery_uppgiften_gallrar(fall):
    """The beat task does what the command does."""
    resultat = gallra.apply().get()

    assert resultat == {"anonymiserade": 1, "raderade": 1, "filer": 2}
    assert Arende.objects.get(pk=fall["gammalt"].pk).rubrik == "Gallrat ärende"


def test_anonymisering_behaller_statistiken_radering_minskar_den(api_client, teamledare, fall):
    """KKiK figures count the anonymised ärende still; a deleted one is gone from them."""
    idag = timezone.localdate()
    fraga = {"fran": (idag - timedelta(days=30)).isoformat(), "till": idag.isoformat()}
    statistik_uppdatera.apply()
    fore = api_client(teamledare).get("/api/v1/statistik/", fraga).json()["antal"]

    gallra_kommando()
    statistik_uppdatera.apply()
    efter = api_client(teamledare).get("/api/v1/statistik/", fraga).json()["antal"]

    assert efter == fore - 1  # the anonymised one is still counted, the deleted one is not


def test_tidslinjen_gar_fortfarande_inte_att_andra(fall):
    """Gallring deletes timeline rows; it never needed the trigger relaxed for UPDATE."""
    gallra_kommando()
    handelse = Handelse.objects.filter(arende=fall["gammalt"]).get()

    with pytest.raises(DatabaseError), transaction.atomic():
        Handelse.objects.filter(pk=handelse.pk).update(data={"x": 1})


def test_ateroppnat_gallrat_arende_gallras_igen(fall, vagledare):
    """A late reply reopens an anonymised ärende; closed again and due, it is gallrat again."""
    gallra_kommando()
    gammalt = Arende.objects.get(pk=fall["gammalt"].pk)
    services.arende_ta_emot_meddelande(
        arende=gammalt, kanal="epost", text="Hej igen, det är Kalle.", avsandare="k@example.se"
    )
    gammalt.refresh_from_db()
    services.arende_avsluta(arende=gammalt, av=vagledare, utfall="lost_av_kontaktcenter")

    nu = gallring.gallra()
    om_ett_ar = gallring.gallra(nu=timezone.now() + timedelta(days=400))

    assert gammalt.nummer not in nu.anonymiserade  # closed again today: not due yet
    assert gammalt.nummer in om_ett_ar.anonymiserade
    assert not Meddelande.objects.filter(arende=gammalt).exists()

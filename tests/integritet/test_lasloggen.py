"""The audit log through HTTP: every way a sekretess ärende's content is shown is logged,
and only administratörer read the log."""

import pytest
from django.db import DatabaseError, transaction

from arenden import services
from integritet.models import Logghandelse
from tests.integritet.conftest import logg

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def hemligt(vagledare, kalle):
    return services.arende_skapa(
        rubrik="Skyddad adress", kanal="telefon", av=vagledare, kontakt=kalle, sekretess=True
    )


@pytest.fixture
def vanligt(vagledare):
    return services.arende_skapa(rubrik="Gatlampa", kanal="telefon", av=vagledare)


@pytest.mark.parametrize(
    ("vag", "typ"),
    [
        ("sidan", "last"),
        ("api-detalj", "last"),
        ("kon", "listat"),
        ("kon-htmx", "listat"),
        ("api-lista", "listat"),
        ("personsok", "listat"),
    ],
)
def test_varje_visning_av_sekretessarende_loggas(
    client, api_client, vagledare, hemligt, vanligt, vag, typ
):
    """The page, the API, the queue (page and fragment), the API list and the person search
    all write who saw the sekretess ärende; the ordinary ärende beside it is not logged.

    A list shows the ärende's number but not its rubrik (behorighet.listrad_rubrik); that it
    was listed, or found by a search, is still written down."""
    client.force_login(vagledare)
    svar = {
        "sidan": lambda: client.get(f"/arenden/{hemligt.nummer}/"),
        "api-detalj": lambda: api_client(vagledare).get(f"/api/v1/arenden/{hemligt.nummer}/"),
        "kon": lambda: client.get("/"),
        "kon-htmx": lambda: client.get("/", {"q": "Skyddad"}, **HX),
        "api-lista": lambda: api_client(vagledare).get("/api/v1/arenden/"),
        "personsok": lambda: client.post("/sok/person/", {"sok": "kalle@example.se"}),
    }[vag]()

    assert svar.status_code == 200
    innehall = svar.content.decode()
    assert hemligt.nummer in innehall
    assert ("Skyddad adress" in innehall) == (typ == "last")
    rader = logg(arende_nummer=hemligt.nummer)
    assert [(r.typ, r.aktor_id, r.aktor_namn) for r in rader] == [(typ, vagledare.pk, "vagledare")]
    assert not logg(arende_nummer=vanligt.nummer)


def test_lista_utan_sekretessarenden_skriver_ingenting(client, vagledare, vanligt):
    """A queue page without a sekretess ärende costs no log row (and no query for it)."""
    client.force_login(vagledare)

    client.get("/")

    assert Logghandelse.objects.count() == 0


def test_statistikexport_loggas(client, teamledare):
    """An XLSX export of the statistics is logged with its period and whether it names staff."""
    client.force_login(teamledare)

    svar = client.get("/statistik/export.xlsx", {"fran": "2026-01-01", "till": "2026-01-31"})

    assert svar.status_code == 200
    [rad] = logg(typ=Logghandelse.Typ.EXPORT)
    assert rad.aktor_namn == "teamledare"
    assert rad.data["export"] == "statistik" and rad.data["per_medarbetare"] is True
    assert rad.data["fran"] == "2026-01-01"


@pytest.mark.parametrize(
    "adress",
    ["/integritet/logg/", "/integritet/registerutdrag/", "/integritet/kontakter/{kontakt}/"],
)
@pytest.mark.parametrize("roll", ["vagledare", "handlaggare_a", "teamledare", "utan_roll"])
def test_bara_administratorer(request, client, kalle, adress, roll):
    """Every other role gets 403 on the personal-data pages, and no nav link to them."""
    client.force_login(request.getfixturevalue(roll))

    svar = client.get(adress.format(kontakt=kalle.pk))

    assert svar.status_code == 403
    assert "/integritet/logg/" not in client.get("/paminnelser/").content.decode()


def test_loggsidan_filtrerar_och_bladdrar(client, administrator, vagledare, hemligt, vanligt):
    """The admin's log page filters by ärende and user and pages by cursor."""
    lasare = client
    lasare.force_login(vagledare)
    for _ in range(3):
        lasare.get(f"/arenden/{hemligt.nummer}/")
    client.force_login(administrator)

    alla = client.get("/integritet/logg/")
    per_arende = client.get("/integritet/logg/", {"arende": hemligt.nummer.lower()})
    per_anvandare = client.get("/integritet/logg/", {"anvandare": "administrator"})

    assert alla.status_code == 200
    assert alla.content.decode().count(f"<td>{hemligt.nummer}</td>") == 3
    assert per_arende.content.decode().count("<td>vagledare</td>") == 3
    assert "<td>vagledare</td>" not in per_anvandare.content.decode()
    assert "Personuppgifter" in alla.content.decode()  # in the admin's navigation


def test_loggsidan_ar_snabb_och_bladdrar(client, administrator, django_assert_max_num_queries):
    """A page costs a fixed number of queries; "Visa fler" brings the rest, nothing twice."""
    for _ in range(60):
        Logghandelse.objects.create(typ=Logghandelse.Typ.EXPORT, aktor_namn="x")
    client.force_login(administrator)

    with django_assert_max_num_queries(8):
        forsta = client.get("/integritet/logg/")
    andra = client.get(forsta.context["nasta_url"], **HX)

    assert len(forsta.context["sida"].rader) == 50
    assert len(andra.context["sida"].rader) == 10
    assert {r.pk for r in forsta.context["sida"].rader}.isdisjoint(
        r.pk for r in andra.context["sida"].rader
    )


def test_loggen_kan_inte_andras_eller_tommas(administrator):
    """The trigger refuses UPDATE and DELETE of a log row."""
    rad = Logghandelse.objects.create(typ=Logghandelse.Typ.EXPORT, aktor_namn="administrator")

    with pytest.raises(DatabaseError), transaction.atomic():
        Logghandelse.objects.filter(pk=rad.pk).update(orsak="ändrad")
    with pytest.raises(DatabaseError), transaction.atomic():
        Logghandelse.objects.filter(pk=rad.pk).delete()
    assert Logghandelse.objects.get(pk=rad.pk).orsak == ""

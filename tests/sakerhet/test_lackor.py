"""Targeted leak tests: what lists, searches, counts, cursors, ids and numbers give away.

The matrix (test_matris.py) says who gets which status; these say that what comes back with
a 200 holds nothing the reader may not see, and that a 404 for a hidden row looks exactly
like the 404 for a row that does not exist.
"""

import base64
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from arenden.behorighet import SEKRETESS_RUBRIK, arende_queryset_for_user
from arenden.models import Arende, Bilaga, Handelse
from arenden.statistik.tasks import statistik_uppdatera
from kunskapsbank import services as kunskapsbank
from kunskapsbank.models import Kunskapsartikel, Sokning
from paminnelser.models import Paminnelse
from paminnelser.tasks import paminnelser_skapa
from tests.factories import ForvaltningFactory, KategoriFactory
from tests.sakerhet.conftest import (
    ADMINISTRATOR,
    ANNAN_KOMMUN,
    HANDLAGGARE_A,
    HANDLAGGARE_B,
    PDF,
    ROLLER,
    TEAMLEDARE,
    UTAN_ROLL,
    VAGLEDARE,
)

pytestmark = pytest.mark.django_db

HEMLIG_TEXT = "Hemligvägen"  # in the sekretess ärende's rubrik
EJ_NAMNGIVNA = (HANDLAGGARE_A, HANDLAGGARE_B, TEAMLEDARE, ADMINISTRATOR, ANNAN_KOMMUN, UTAN_ROLL)


def _lasningar(arende) -> int:
    return Handelse.objects.filter(arende=arende, typ=Handelse.Typ.LAST).count()


def _api_lista(klient, **parametrar) -> dict:
    svar = klient.get(reverse("api:arenden"), parametrar)
    assert svar.status_code == 200, svar.content
    return svar.json()


# --- Lists, search, counts ---------------------------------------------------------------------


@pytest.mark.parametrize("roll", EJ_NAMNGIVNA)
@pytest.mark.parametrize(
    "parametrar",
    [
        {},
        {"q": "Skyddad adress"},
        {"q": HEMLIG_TEXT},
        {"q": "NUMMER"},
        {"q": "nummer-gemener"},
        {"ordning": "svar_senast"},
        {"status": "ny,pagaende,vantar_pa_kontakt"},
        {"kanal": "brev"},
        {"tilldelad": "ingen"},
        {"forsenade": "false", "antal": "200"},
    ],
    ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()) or "alla",
)
def test_sekretessarende_syns_inte_for_ej_namngivna(klient, varld, roll, parametrar):
    """No filter, search or sort order brings the secret ärende into an unnamed user's list."""
    nummer = varld.hemligt.nummer
    fraga = {
        k: (nummer if v == "NUMMER" else nummer.lower() if v == "nummer-gemener" else v)
        for k, v in parametrar.items()
    }
    c = klient(roll)

    api = _api_lista(c, **fraga)
    # The fragment htmx swaps in: the result rows, without the search box echoing the query.
    ui = c.get(reverse("arenden:ko"), fraga, HTTP_HX_REQUEST="true").content.decode()
    # The poller's URL carries the user's own filter back to the server; it is not a row.
    ui = re.sub(r'<div id="ko-poll"[^>]*></div>', "", ui)

    assert nummer not in [rad["nummer"] for rad in api["results"]]
    assert nummer not in ui and HEMLIG_TEXT not in ui


def test_sidbyte_avslojar_inte_dolda_rader(klient, varld):
    """With exactly as many rows as the teamledare sees, there is no next page.

    A hidden row counted anywhere (a count, a page that comes back empty) would tell him
    that something is there.
    """
    c = klient(TEAMLEDARE)
    synliga = _api_lista(c, antal=200)["results"]

    sida = _api_lista(c, antal=len(synliga))

    assert len(sida["results"]) == len(synliga)
    assert sida["next"] is None
    assert varld.hemligt.nummer not in {rad["nummer"] for rad in synliga}


def test_egen_markor_pa_dold_rad_ger_bara_synliga(klient, varld):
    """A cursor forged to point just past the secret ärende still lists only visible rows."""
    hemligt = varld.hemligt
    # Descending by inkom the next page starts below the cursor's id, ascending above it.
    for falt, ordning, pk in (
        ("inkom", "-inkom", hemligt.pk + 1),
        ("svar_senast", "svar_senast", hemligt.pk - 1),
    ):
        varde = getattr(hemligt, falt)
        markor = base64.urlsafe_b64encode(f"{varde.isoformat()}|{pk}".encode())

        for roll in EJ_NAMNGIVNA:
            rader = _api_lista(klient(roll), cursor=markor.decode(), ordning=ordning)["results"]

            assert hemligt.nummer not in {rad["nummer"] for rad in rader}


def test_namngiven_ser_raden_utan_innehall_och_utan_logg(klient, varld):
    """The one named on it sees the row, but neither its rubrik nor its kontakt: no read."""
    hemligt = varld.hemligt
    c = klient(VAGLEDARE)
    fore = _lasningar(hemligt)

    rader = {r["nummer"]: r for r in _api_lista(c, q=hemligt.nummer)["results"]}
    sokt = {r["nummer"]: r for r in _api_lista(c, q="Skyddad adress")["results"]}
    ko = c.get(reverse("arenden:ko")).content.decode()

    assert rader[hemligt.nummer]["rubrik"] == str(SEKRETESS_RUBRIK)
    assert rader[hemligt.nummer]["kontakt"] is None
    assert rader[hemligt.nummer]["sekretess"] is True
    assert set(sokt) == {hemligt.nummer}
    assert sokt[hemligt.nummer]["rubrik"] == str(SEKRETESS_RUBRIK)
    assert hemligt.nummer in ko
    assert HEMLIG_TEXT not in ko and str(SEKRETESS_RUBRIK) in ko
    assert _lasningar(hemligt) == fore


def test_namngiven_som_oppnar_arendet_loggas(klient, varld):
    """Opening it (API, page, scan) shows the rubrik and writes one read each."""
    hemligt = varld.hemligt
    c = klient(VAGLEDARE)
    fore = _lasningar(hemligt)

    api = c.get(reverse("api:arende", args=[hemligt.nummer]))
    sida = c.get(reverse("arenden:arende", args=[hemligt.nummer]))
    skanning = c.get(reverse("brev:skanning", args=[varld.bilaga_hemligt.pk]))

    assert api.json()["rubrik"] == hemligt.rubrik
    assert HEMLIG_TEXT in sida.content.decode()
    assert skanning.status_code == 200
    assert _lasningar(hemligt) == fore + 3


def test_oppna_listor_visar_rubriken(klient, varld):
    """An ordinary ärende keeps its rubrik in lists: only secret ones are blanked."""
    rader = {r["nummer"]: r for r in _api_lista(klient(TEAMLEDARE))["results"]}

    assert rader[varld.oppet.nummer]["rubrik"] == varld.oppet.rubrik


# --- Another kommun, by nummer ---------------------------------------------------------------


def _utan_nummer(text: str) -> str:
    return re.sub(r"KC-\d{4}-\d+", "NUMMER", text, flags=re.IGNORECASE)


@pytest.mark.parametrize("roll", [TEAMLEDARE, ADMINISTRATOR, VAGLEDARE, HANDLAGGARE_A])
def test_annan_kommuns_arende_svarar_som_ett_som_inte_finns(klient, varld, roll):
    """The neighbour's ärende and a number never issued get the same 404, body and all."""
    c = klient(roll)
    finns_inte = "KC-2099-999999"

    for namn, data in (("api:arende", None), ("api:anteckna", {"text": "x"})):
        dold = (c.get if data is None else c.post)(
            reverse(namn, args=[varld.granne.nummer]), data, content_type="application/json"
        )
        saknas = (c.get if data is None else c.post)(
            reverse(namn, args=[finns_inte]), data, content_type="application/json"
        )

        assert dold.status_code == saknas.status_code == 404
        assert dold.json()["code"] == saknas.json()["code"] == "arende_saknas"
        assert _utan_nummer(dold.json()["message"]) == _utan_nummer(saknas.json()["message"])
    assert c.get(reverse("arenden:arende", args=[varld.granne.nummer])).status_code == 404
    assert varld.granne.rubrik not in c.get(reverse("arenden:ko")).content.decode()


def test_annan_kommuns_personal_kan_inte_fa_arendet(klient, varld):
    """Handing an ärende to the neighbour's staff is refused, and he still cannot see it."""
    c = klient(TEAMLEDARE)

    svar = c.post(
        reverse("api:tilldela", args=[varld.oppet.nummer]),
        {"anvandare": ANNAN_KOMMUN},
        content_type="application/json",
    )

    assert svar.status_code == 400
    assert svar.json()["code"] == "fel_mottagare"
    assert (
        klient(ANNAN_KOMMUN).get(reverse("api:arende", args=[varld.oppet.nummer])).status_code
        == 404
    )


def test_statistik_raknar_bara_den_egna_kommunen(klient, varld):
    """The neighbour's teamledare counts his one ärende; ours count our three."""
    statistik_uppdatera.apply()  # the summary views, refreshed as Celery beat would
    idag = timezone.localdate(Arende.objects.order_by("-inkom").first().inkom)

    def antal(roll: str) -> int:
        svar = klient(roll).get(reverse("api:statistik"), {"fran": idag, "till": idag})
        assert svar.status_code == 200, svar.content
        return svar.json()["antal"]

    assert antal(ANNAN_KOMMUN) == Arende.objects.filter(kommun=varld.granne.kommun).count() == 1
    assert antal(TEAMLEDARE) == Arende.objects.filter(kommun=varld.oppet.kommun).count()


# --- Attachments -------------------------------------------------------------------------------


@pytest.mark.parametrize("roll", ROLLER)
def test_bilagor_gissade_efter_id(klient, varld, roll):
    """Walking every attachment id gives exactly the scans of the ärenden the role sees."""
    c = klient(roll)
    user = varld.user(roll)
    synliga = set()
    if user is not None:
        synliga = set(
            Bilaga.objects.filter(arende__in=arende_queryset_for_user(user)).values_list(
                "pk", flat=True
            )
        )
    # Ids are not reset between test modules: walk the world's range and a little beyond.
    alla = sorted(Bilaga.objects.values_list("pk", flat=True))
    svar = {
        pk: c.get(reverse("brev:skanning", args=[pk])).status_code
        for pk in range(max(1, alla[0] - 2), alla[-1] + 3)
    }

    oppnade = {pk for pk, status in svar.items() if status == 200}
    assert oppnade == synliga
    assert set(svar.values()) <= ({200, 404} if user is not None else {302})


def test_bilagans_filsokvag_serveras_inte(klient, varld):
    """The stored file is not reachable by its media path, only through the checked view."""
    fil = varld.bilaga_hemligt.fil.name

    for roll in (VAGLEDARE, TEAMLEDARE, "anonym"):
        c = klient(roll)
        for sokvag in (f"/media/{fil}", f"/{fil}", f"/static/../media/{fil}"):
            svar = c.get(sokvag)
            assert svar.status_code in (302, 404)
            assert b"%PDF" not in b"".join(getattr(svar, "streaming_content", [svar.content]))


# --- Kunskapsbanken ----------------------------------------------------------------------------


def test_publika_sidor_visar_aldrig_interna_artiklar(klient, varld):
    """The FAQ, its search and the public API show no internal article, to anyone."""
    intern = varld.intern
    for roll in ("anonym", VAGLEDARE):
        c = klient(roll)
        sidor = [
            c.get(reverse("kunskapsbank:fragor")).content.decode(),
            c.get(
                reverse("kunskapsbank:fragor"), {"q": "skyddade personuppgifter"}
            ).content.decode(),
        ]
        assert all(intern.fraga not in sida for sida in sidor)
        assert c.get(reverse("kunskapsbank:fraga", args=[intern.pk])).status_code == 404

    anonym = klient("anonym")
    lista = anonym.get(reverse("kunskapsbank_api:artiklar")).json()
    sok = anonym.get(reverse("kunskapsbank_api:sok"), {"q": "skyddade personuppgifter"}).json()
    assert {a["id"] for a in lista} == {varld.publik.pk}
    assert intern.pk not in {t["id"] for t in sok["resultat"]}


def test_sekretessarende_blir_ingen_artikel(klient, varld):
    """Proposing a secret ärende as an article is refused: articles are read by all staff."""
    fore = Kunskapsartikel.objects.count()

    svar = klient(VAGLEDARE).post(
        reverse("kunskapsbank_api:forslag"),
        {"arende": varld.hemligt.nummer},
        content_type="application/json",
    )

    assert svar.status_code == 400
    assert svar.json()["code"] == "sekretess"
    assert Kunskapsartikel.objects.count() == fore


def test_sokning_for_sekretessarende_hamnar_inte_i_sokloggen(klient, varld):
    """The side panel's search for a secret ärende leaves nothing in the gap report's log."""
    fore = set(Sokning.objects.values_list("pk", flat=True))
    c = klient(VAGLEDARE)

    panel = c.get(reverse("kunskapsbank:forslag"), {"arende": varld.hemligt.nummer})
    skrivet = c.get(
        reverse("kunskapsbank:forslag"), {"arende": varld.hemligt.nummer, "q": "skyddad adress"}
    )
    vanlig = c.get(reverse("kunskapsbank:forslag"), {"arende": varld.oppet.nummer})

    assert panel.status_code == skrivet.status_code == vanlig.status_code == 200
    nya = Sokning.objects.exclude(pk__in=fore)
    assert HEMLIG_TEXT not in " ".join(nya.values_list("text", flat=True))
    assert "skyddad adress" not in " ".join(nya.values_list("text", flat=True))
    assert nya.count() == 1  # the ordinary ärende's search is logged as before
    luckor = klient(TEAMLEDARE).get(reverse("kunskapsbank:luckor")).content.decode()
    assert HEMLIG_TEXT not in luckor


# --- The admin and the operations pages --------------------------------------------------------


def test_admin_visar_bara_det_administratoren_far_se(klient, varld):
    """The ärende admin lists no secret ärende he is not named on and no other kommun's."""
    c = klient(ADMINISTRATOR)

    lista = c.get(reverse("admin:arenden_arende_changelist")).content.decode()
    utskick = c.get(reverse("admin:epost_utskick_changelist")).content.decode()

    assert varld.oppet.nummer in lista
    assert varld.hemligt.nummer not in lista and HEMLIG_TEXT not in lista
    assert varld.granne.nummer not in lista
    assert "hemlig@exempel.se" not in utskick


def _utan_csrf(innehall: bytes) -> bytes:
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", innehall)


def test_statuslank_aterkallad_ger_404_och_ny_fungerar(klient, varld):
    """A revoked status link answers like one never issued; the live one shows no staff text."""
    anonym = klient("anonym")

    aterkallad = anonym.get(reverse("etjanst:status", args=[varld.aterkallad_statuslank]))
    gissad = anonym.get(reverse("etjanst:status", args=["x" * 43]))
    levande = anonym.get(reverse("etjanst:status", args=[varld.statuslank]))

    assert aterkallad.status_code == gissad.status_code == 404
    # The same page, but for the CSRF token every page carries (masked anew each time).
    assert _utan_csrf(aterkallad.content) == _utan_csrf(gissad.content)
    assert levande.status_code == 200
    assert varld.oppet.nummer in levande.content.decode()


def test_annan_kommuns_personal_ser_och_skriver_inte_vara_artiklar(klient, varld):
    """The neighbour's staff neither find, export nor write into our kunskapsbank."""
    c = klient(ANNAN_KOMMUN)
    var_forvaltning = varld.intern.forvaltning_id

    sok = c.get(reverse("kunskapsbank_api:sok"), {"q": "skyddade personuppgifter"}).json()
    panel = c.get(reverse("kunskapsbank:forslag"), {"q": "skyddade personuppgifter"})
    export = c.get(reverse("kunskapsbank_api:export")).content.decode()
    ny = c.post(
        reverse("kunskapsbank_api:artiklar"),
        {"fraga": "Grannens fråga?", "svar": "<p>Svar.</p>", "forvaltning": var_forvaltning},
        content_type="application/json",
    )

    assert sok["resultat"] == []
    assert varld.intern.fraga not in panel.content.decode()
    assert varld.intern.fraga not in export and varld.publik.fraga not in export
    assert ny.status_code == 403
    assert not Kunskapsartikel.objects.filter(fraga="Grannens fråga?").exists()
    # Our own staff still find it.
    egen = klient(TEAMLEDARE).get(
        reverse("kunskapsbank_api:sok"), {"q": "skyddade personuppgifter"}
    )
    assert varld.intern.pk in {t["id"] for t in egen.json()["resultat"]}


def test_admin_visar_bara_egna_kommunens_artiklar(klient, varld):
    """The article admin shows the administratör his own kommun's articles only."""
    granne = kunskapsbank.artikel_skapa(
        fraga="Grannkommunens interna rutin",
        svar="<p>Rutin.</p>",
        forvaltning=ForvaltningFactory(kommun=varld.granne.kommun, namn="Grannförvaltningen"),
        av=varld.user(ANNAN_KOMMUN),
    )

    lista = klient(ADMINISTRATOR).get(reverse("admin:kunskapsbank_kunskapsartikel_changelist"))

    assert varld.intern.fraga in lista.content.decode()
    assert granne.fraga not in lista.content.decode()


def test_sokloggen_visas_bara_for_egen_kommun(klient, varld):
    """What our staff typed is in our gap report and statistics, not in the neighbour's."""
    sokt = "Anna Svensson skyddad identitet blankett"
    klient(HANDLAGGARE_A).get(reverse("kunskapsbank_api:sok"), {"q": sokt})
    statistik_uppdatera.apply()
    idag = timezone.localdate()

    def syns_for(roll: str) -> list[bool]:
        c = klient(roll)
        rapport = c.get(reverse("kunskapsbank_api:luckor")).json()
        sida = c.get(reverse("kunskapsbank:luckor")).content.decode()
        statistik = c.get(reverse("api:statistik"), {"fran": idag, "till": idag}).json()
        return [
            sokt in {r["text"] for r in rapport},
            sokt in sida,
            sokt in {r["text"] for r in statistik["kunskapsbank"]["luckor"]},
        ]

    assert syns_for(TEAMLEDARE) == [True, True, True]
    assert syns_for(ANNAN_KOMMUN) == [False, False, False]
    admin = klient(ADMINISTRATOR).get(reverse("admin:kunskapsbank_sokning_changelist"))
    assert sokt in admin.content.decode()


def test_paminnelser_om_sekretessarende_bara_till_namngivna(klient, varld):
    """When every due time has passed, the teamledare is reminded of the open ärenden he may
    open, and neither told of nor shown the secret one he is not named on."""
    langt_fram = timezone.now() + timedelta(days=400)
    paminnelser_skapa.apply(kwargs={"nu": langt_fram.isoformat()})
    teamledare = varld.user(TEAMLEDARE)

    sida = klient(TEAMLEDARE).get(reverse("paminnelser:lista")).content.decode()

    assert Paminnelse.objects.filter(mottagare=teamledare, arende=varld.oppet).exists()
    assert (
        not Paminnelse.objects.filter(arende=varld.hemligt)
        .exclude(mottagare__in=varld.hemligt.sekretess_behoriga.all())
        .exists()
    )
    assert varld.oppet.nummer in sida and varld.hemligt.nummer not in sida


@pytest.fixture
def grannens_kategori(varld):
    forvaltning = ForvaltningFactory(kommun=varld.granne.kommun, namn="Grannens miljöförvaltning")
    return KategoriFactory(forvaltning=forvaltning, namn="Hundskatt")


def test_personal_registrerar_och_klassificerar_bara_i_egen_kommun(
    klient, varld, grannens_kategori
):
    """A förvaltning or kategori of the neighbour is refused: it would move the ärende there."""
    c = klient(VAGLEDARE)
    fore = Arende.objects.filter(kommun=varld.granne.kommun).count()

    ny = c.post(
        reverse("api:arenden"),
        {"rubrik": "Hund", "kanal": "telefon", "forvaltning": grannens_kategori.forvaltning_id},
        content_type="application/json",
    )
    klassad = c.post(
        reverse("api:klassificera", args=[varld.oppet.nummer]),
        {"kategori": grannens_kategori.pk},
        content_type="application/json",
    )

    assert (ny.status_code, ny.json()["code"]) == (400, "fel_kommun")
    assert (klassad.status_code, klassad.json()["code"]) == (400, "fel_kommun")
    assert Arende.objects.filter(kommun=varld.granne.kommun).count() == fore
    varld.oppet.refresh_from_db()
    assert varld.oppet.kategori_id is None


def test_forslagen_kategori_ar_den_egna_kommunens(klient, varld, grannens_kategori):
    """A letter about the neighbour's kategori stays in our kommun, without that kategori."""
    svar = klient(VAGLEDARE).post(
        reverse("brev:registrera"),
        {
            "fil": SimpleUploadedFile("hund.pdf", PDF + b"hund", content_type="application/pdf"),
            "fraga": "Fråga om hundskatt",
        },
    )
    forslag = klient(VAGLEDARE).get(reverse("telefon:forslag"), {"fraga": "hundskatt"})

    assert svar.status_code == 302
    arende = Arende.objects.get(rubrik="Fråga om hundskatt")
    assert arende.kommun_id == varld.oppet.kommun_id
    assert arende.kategori_id != grannens_kategori.pk
    assert "Hundskatt" not in forslag.content.decode()


def test_katalogen_ar_den_egna_kommunens(klient, varld, grannens_kategori):
    """The förvaltningar and kategorier offered to staff are their own kommun's."""
    for roll, egen, annan in (
        (TEAMLEDARE, varld.oppet.kommun.namn, varld.granne.kommun.namn),
        (ANNAN_KOMMUN, varld.granne.kommun.namn, varld.oppet.kommun.namn),
    ):
        c = klient(roll)
        forvaltningar = c.get(reverse("api:forvaltningar")).json()
        kategorier = {k["namn"] for k in c.get(reverse("api:kategorier")).json()}
        formular = c.get(reverse("telefon:registrera")).content.decode()

        assert {f["kommun"] for f in forvaltningar} == {egen}, annan
        assert ("Hundskatt" in kategorier) == (roll == ANNAN_KOMMUN)
        assert ("Hundskatt" in formular) == (roll == ANNAN_KOMMUN)

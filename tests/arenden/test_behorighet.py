"""Who sees and changes which ärende, through the API as a client meets it.

The matrix: each role against the list, the detail page and every action. An ärende the
user may not see answers 404 exactly like one that does not exist; an action the role may
not take on a visible ärende answers 403 behorighet_saknas.
"""

import pytest

from arenden import services
from arenden.behorighet import Roll
from arenden.models import Handelse, Utfall
from tests.factories import ArendeFactory, KommunFactory, KontaktFactory, anvandare_med_roll

pytestmark = pytest.mark.django_db

ROLLER = [
    "vagledare",
    "handlaggare_a",
    "handlaggare_b",
    "teamledare",
    "administrator",
    "utan_roll",
    "anonym",
]


def anvandare(request, roll: str):
    return None if roll == "anonym" else request.getfixturevalue(roll)


def lista(klient, **parametrar) -> list[str]:
    svar = klient.get("/api/v1/arenden/", parametrar)
    assert svar.status_code == 200, svar.content
    return [rad["nummer"] for rad in svar.json()["results"]]


@pytest.fixture
def arenden(kommun, forvaltning_a, forvaltning_b, vagledare, handlaggare_b):
    """One ärende of each kind the rules tell apart."""
    oppet = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Öppet i kontaktcenter")
    eskalerat_a = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Eskalerat till A")
    services.arende_eskalera(
        arende=eskalerat_a, av=vagledare, forvaltning=forvaltning_a, orsak="Bygglovsfråga."
    )
    tilldelat_b = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Hos handläggare B")
    services.arende_eskalera(
        arende=tilldelat_b,
        av=vagledare,
        forvaltning=forvaltning_b,
        handlaggare=handlaggare_b,
        orsak="Biståndsfråga.",
    )
    # Only its creator, vagledare, is named on it.
    hemligt = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Skyddad adress", sekretess=True)
    annan_kommun = ArendeFactory(kommun=KommunFactory(namn="Grannkommun"), rubrik="Grannens")
    return {
        "oppet": oppet,
        "eskalerat_a": eskalerat_a,
        "tilldelat_b": tilldelat_b,
        "hemligt": hemligt,
        "annan_kommun": annan_kommun,
    }


SYNLIGA = {
    "vagledare": {"oppet", "eskalerat_a", "tilldelat_b", "hemligt"},
    "handlaggare_a": {"eskalerat_a"},
    "handlaggare_b": {"tilldelat_b"},
    "teamledare": {"oppet", "eskalerat_a", "tilldelat_b"},
    "administrator": {"oppet", "eskalerat_a", "tilldelat_b"},
    "utan_roll": set(),
}


# ---------------------------------------------------------------------------------------
# List and detail


@pytest.mark.parametrize("roll", SYNLIGA)
def test_listan_visar_det_rollen_far_se(request, api_client, arenden, roll):
    """The list holds exactly the ärenden the role may see, nothing of another kommun."""
    klient = api_client(anvandare(request, roll))

    synliga = set(lista(klient))

    assert synliga == {arenden[namn].nummer for namn in SYNLIGA[roll]}


@pytest.mark.parametrize("roll", SYNLIGA)
def test_detaljen_ar_200_eller_404_aldrig_403(request, api_client, arenden, roll):
    """Detail answers 200 for what the role may see and 404 for the rest, never 403."""
    klient = api_client(anvandare(request, roll))

    svar = {namn: klient.get(f"/api/v1/arenden/{a.nummer}/") for namn, a in arenden.items()}

    assert {namn: s.status_code for namn, s in svar.items()} == {
        namn: 200 if namn in SYNLIGA[roll] else 404 for namn in arenden
    }
    for namn, s in svar.items():
        if s.status_code == 404:
            assert s.json()["code"] == "arende_saknas"
        else:
            assert s.json()["nummer"] == arenden[namn].nummer


def test_osynligt_arende_svarar_som_ett_som_inte_finns(api_client, arenden, handlaggare_a):
    """A hidden ärende and a non-existent one get the same answer."""
    klient = api_client(handlaggare_a)

    dolt = klient.get(f"/api/v1/arenden/{arenden['oppet'].nummer}/")
    saknas = klient.get("/api/v1/arenden/KC-1999-999999/")

    assert dolt.status_code == saknas.status_code == 404
    assert dolt.json()["code"] == saknas.json()["code"] == "arende_saknas"
    assert dolt.json()["extra"] == saknas.json()["extra"] == {}


@pytest.mark.parametrize("adress", ["/api/v1/arenden/", "/api/v1/arenden/KC-2026-000001/"])
def test_anonym_far_inte_inloggad(api_client, arenden, adress):
    """Without a login the API answers inte_inloggad before looking anything up."""
    svar = api_client().get(adress)

    assert svar.status_code in (401, 403)
    assert svar.json()["code"] == "inte_inloggad"


# ---------------------------------------------------------------------------------------
# Actions


def _forbered_vanta(arende, anv):
    # eskalera needs a status other than eskalerad; waiting is open and not escalated.
    services.arende_vanta(arende=arende, av=anv)


def _forbered_svarat(arende, anv):
    services.arende_svara(arende=arende, av=anv, text="Svar.")


# action url name -> (how to bring the escalated ärende to a status it fits, payload)
ATGARDER = {
    "tilldela": (None, lambda ctx: {}),
    "klassificera": (None, lambda ctx: {"rosa": 5}),
    "svara": (None, lambda ctx: {"text": "Här är svaret."}),
    "anteckna": (None, lambda ctx: {"text": "Intern notering."}),
    "eskalera": (
        _forbered_vanta,
        lambda ctx: {"forvaltning": ctx["forvaltning_b"].pk, "orsak": "Fel förvaltning."},
    ),
    "vanta": (None, lambda ctx: {"orsak": "Saknar underlag."}),
    "avsluta": (None, lambda ctx: {"utfall": Utfall.ESKALERAT}),
    "ateroppna": (_forbered_svarat, lambda ctx: {"orsak": "Ny fråga."}),
    "sla-ihop": (None, lambda ctx: {"med": ctx["mal"].nummer}),
}

HANDLAGGARENS = {"tilldela", "svara", "anteckna", "vanta", "avsluta", "ateroppna"}

FORVANTAT = {
    "vagledare": {a: 200 for a in ATGARDER},
    "handlaggare_a": {a: 200 if a in HANDLAGGARENS else 403 for a in ATGARDER},
    "handlaggare_b": {a: 404 for a in ATGARDER},
    "teamledare": {a: 200 for a in ATGARDER},
    "administrator": {a: 200 for a in ATGARDER},
    "utan_roll": {a: 404 for a in ATGARDER},
    "anonym": {a: 401 for a in ATGARDER},
}


@pytest.mark.parametrize("atgard", ATGARDER)
@pytest.mark.parametrize("roll", ROLLER)
def test_atgardsmatrisen(
    request, api_client, kommun, vagledare, forvaltning_a, forvaltning_b, roll, atgard
):
    """Allowed → 200; the role may not → 403 behorighet_saknas; not visible → 404."""
    # given: an ärende escalated to förvaltning A, so handläggare A sees it and B does not
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_eskalera(
        arende=arende, av=vagledare, forvaltning=forvaltning_a, orsak="Till A."
    )
    mal = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_eskalera(arende=mal, av=vagledare, forvaltning=forvaltning_a, orsak="Till A.")
    forbered, indata = ATGARDER[atgard]
    if forbered:
        forbered(arende, vagledare)
    ctx = {"forvaltning_b": forvaltning_b, "mal": mal}
    klient = api_client(anvandare(request, roll))
    handelser_fore = Handelse.objects.filter(arende=arende).count()

    # when
    svar = klient.post(f"/api/v1/arenden/{arende.nummer}/{atgard}/", indata(ctx), format="json")

    # then
    forvantat = FORVANTAT[roll][atgard]
    if forvantat == 401:
        assert svar.status_code in (401, 403)
        assert svar.json()["code"] == "inte_inloggad"
    else:
        assert svar.status_code == forvantat, svar.content
    if forvantat == 200:
        assert svar.json()["nummer"] == arende.nummer
        assert Handelse.objects.filter(arende=arende).count() > handelser_fore
    else:
        assert Handelse.objects.filter(arende=arende).count() == handelser_fore
    if forvantat == 403:
        assert svar.json()["code"] == "behorighet_saknas"
    if forvantat == 404:
        assert svar.json()["code"] == "arende_saknas"


@pytest.mark.parametrize(
    ("roll", "forvantat"),
    [("vagledare", 403), ("handlaggare_a", 403), ("teamledare", 200), ("administrator", 200)],
)
def test_omfordela_till_annan_ar_for_teamledare(
    request, api_client, kommun, vagledare, vagledare2, forvaltning_a, roll, forvantat
):
    """Giving an ärende to someone else, or taking it over, needs teamledare or admin."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_eskalera(arende=arende, av=vagledare, forvaltning=forvaltning_a, orsak="A.")
    klient = api_client(anvandare(request, roll))

    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/tilldela/", {"anvandare": "vagledare2"}, format="json"
    )

    assert svar.status_code == forvantat, svar.content
    if forvantat == 403:
        assert svar.json()["code"] == "behorighet_saknas"
        assert svar.json()["extra"] == {"atgard": "omfordela"}
    else:
        assert svar.json()["tilldelad"] == "vagledare2"


# ---------------------------------------------------------------------------------------
# Sekretess


@pytest.fixture
def hemligt(kommun, vagledare):
    """A sekretessmarkerat ärende on which only vagledare is named."""
    kontakt = KontaktFactory(namn="Sigrid Skyddsdotter", epost="sigrid@example.se")
    return ArendeFactory(
        kommun=kommun,
        av=vagledare,
        rubrik="Skyddad identitet flytt",
        kontakt=kontakt,
        sekretess=True,
    )


EJ_NAMNGIVNA = ["vagledare2", "teamledare", "administrator", "handlaggare_a"]


@pytest.mark.parametrize("roll", EJ_NAMNGIVNA)
def test_sekretess_dold_for_ej_namngivna(request, api_client, hemligt, roll):
    """Not even teamledare or admin see a secret ärende unless named; nothing is logged."""
    klient = api_client(anvandare(request, roll))

    assert hemligt.nummer not in lista(klient)
    detalj = klient.get(f"/api/v1/arenden/{hemligt.nummer}/")
    assert detalj.status_code == 404
    atgard = klient.post(
        f"/api/v1/arenden/{hemligt.nummer}/anteckna/", {"text": "Hej"}, format="json"
    )
    assert atgard.status_code == 404
    assert not Handelse.objects.filter(arende=hemligt, typ=Handelse.Typ.LAST).exists()
    assert not Handelse.objects.filter(arende=hemligt, typ=Handelse.Typ.ANTECKNING).exists()


@pytest.mark.parametrize("roll", EJ_NAMNGIVNA)
@pytest.mark.parametrize(
    "sokning",
    [
        lambda a: a.rubrik,
        lambda a: "Skyddad",
        lambda a: "skyddsdotter",
        lambda a: "sigrid@example.se",
        lambda a: a.nummer,
        lambda a: a.nummer.lower(),
    ],
    ids=[
        "hel-rubrik",
        "ord-i-rubrik",
        "kontaktens-namn",
        "kontaktens-epost",
        "nummer",
        "nummer-sma",
    ],
)
def test_sekretess_lacker_inte_genom_sokning(request, api_client, hemligt, roll, sokning):
    """Free text and ärendenummer search never find a secret ärende for the unnamed."""
    klient = api_client(anvandare(request, roll))

    assert lista(klient, q=sokning(hemligt)) == []


@pytest.mark.parametrize(
    "sokning",
    [lambda a: "Skyddad", lambda a: "skyddsdotter", lambda a: a.nummer],
    ids=["rubrik", "kontakt", "nummer"],
)
def test_sekretess_hittas_av_namngiven(api_client, hemligt, vagledare, sokning):
    """Those named on a secret ärende find it like any other."""
    assert lista(api_client(vagledare), q=sokning(hemligt)) == [hemligt.nummer]


def test_varje_lasning_av_sekretessarende_loggas(api_client, hemligt, vagledare):
    """Every read by a named user writes a "last" event with the reader as aktor."""
    klient = api_client(vagledare)

    forsta = klient.get(f"/api/v1/arenden/{hemligt.nummer}/")
    andra = klient.get(f"/api/v1/arenden/{hemligt.nummer}/")

    assert forsta.status_code == andra.status_code == 200
    lasningar = Handelse.objects.filter(arende=hemligt, typ=Handelse.Typ.LAST)
    assert [(h.aktor, h.data) for h in lasningar] == [(vagledare, {}), (vagledare, {})]
    # the reads are evidence, not part of the timeline the reader is shown
    assert "last" not in {h["typ"] for h in andra.json()["tidslinje"]}


def test_namngiven_genom_satt_sekretess_ser_arendet(
    api_client, kommun, teamledare, vagledare, vagledare2
):
    """Naming someone on a secret ärende lets him, and only him among his peers, see it."""
    arende = ArendeFactory(kommun=kommun, av=teamledare)
    services.arende_satt_sekretess(
        arende=arende, av=teamledare, sekretess=True, behoriga=[vagledare2]
    )

    assert api_client(vagledare2).get(f"/api/v1/arenden/{arende.nummer}/").status_code == 200
    assert api_client(teamledare).get(f"/api/v1/arenden/{arende.nummer}/").status_code == 200
    assert api_client(vagledare).get(f"/api/v1/arenden/{arende.nummer}/").status_code == 404
    lasare = Handelse.objects.filter(arende=arende, typ=Handelse.Typ.LAST)
    assert {h.aktor for h in lasare} == {vagledare2, teamledare}


def test_sekretessarende_eskalerat_till_handlaggare_namnger_honom(
    api_client, hemligt, vagledare, forvaltning_a, handlaggare_a, kommun
):
    """A secret ärende escalated to a named handläggare is his to see; his colleague's not."""
    kollega = anvandare_med_roll(Roll.HANDLAGGARE, kommun=kommun, forvaltning=forvaltning_a)
    services.arende_eskalera(
        arende=hemligt,
        av=vagledare,
        forvaltning=forvaltning_a,
        handlaggare=handlaggare_a,
        orsak="Behöver beslut.",
    )

    assert lista(api_client(handlaggare_a)) == [hemligt.nummer]
    assert lista(api_client(kollega)) == []
    assert api_client(kollega).get(f"/api/v1/arenden/{hemligt.nummer}/").status_code == 404


def test_vagledare_i_annan_kommun_ser_inget(api_client, arenden):
    """A shared contact center: each kommun's staff see only their kommun's ärenden."""
    grannkommun = KommunFactory(namn="Grannkommun")
    granne = anvandare_med_roll(Roll.KOMMUNVAGLEDARE, kommun=grannkommun)
    klient = api_client(granne)

    assert lista(klient) == [arenden["annan_kommun"].nummer]
    assert klient.get(f"/api/v1/arenden/{arenden['oppet'].nummer}/").status_code == 404

"""The whole permission matrix through HTTP: every URL pattern, every role, one expected status.

Each row names a URL pattern, a method, the object it is called on and what each role gets
back. `test_matrisen_tacker_varje_url` fails when a URL pattern is added without a row here,
so a new page or endpoint cannot ship without someone deciding who may use it.

How to read the statuses:
- `LOGIN`: a browser page that sends the anonymous visitor to the login page;
- 404: the object is not there for this user – an ärende he may not see answers exactly like
  one that does not exist, so nummer guessing tells nothing;
- 403: the user sees the object (or the page is not about one) but his role may not do this;
- 400/409: the role got through; the (deliberately empty or incomplete) input or the
  ärende's state stopped it – the access decision is what the matrix is about.
- API calls without a session answer 401 (token authentication comes first and asks for it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from arenden import selectors
from tests.sakerhet.conftest import (
    ADMINISTRATOR,
    ANNAN_KOMMUN,
    ANONYM,
    HANDLAGGARE_A,
    HANDLAGGARE_B,
    ROLLER,
    TEAMLEDARE,
    UTAN_ROLL,
    VAGLEDARE,
    Varld,
)

pytestmark = pytest.mark.django_db

LOGIN = "login"  # 302 to the login page
ADMIN_LOGIN = "admin_login"  # 302 to the admin's login page

# Groups of roles the rules speak of.
PERSONAL = (VAGLEDARE, HANDLAGGARE_A, HANDLAGGARE_B, TEAMLEDARE, ADMINISTRATOR, ANNAN_KOMMUN)
INLOGGADE = (*PERSONAL, UTAN_ROLL)
KONTAKTCENTER = (VAGLEDARE, TEAMLEDARE, ADMINISTRATOR, ANNAN_KOMMUN)  # may register ärenden
LEDNING = (TEAMLEDARE, ADMINISTRATOR, ANNAN_KOMMUN)  # statistik, rapporter, Platina
HANDLAGGARE = (HANDLAGGARE_A, HANDLAGGARE_B)
# Staff of the kommun the world's articles belong to; the neighbour's staff are not.
EGEN_PERSONAL = (VAGLEDARE, HANDLAGGARE_A, HANDLAGGARE_B, TEAMLEDARE, ADMINISTRATOR)
EGEN_LEDNING = (TEAMLEDARE, ADMINISTRATOR)
# Who sees each ärende of the world.
SER_OPPET = (VAGLEDARE, TEAMLEDARE, ADMINISTRATOR)
SER_ESKALERAT_A = (VAGLEDARE, HANDLAGGARE_A, TEAMLEDARE, ADMINISTRATOR)
SER_HEMLIGT = (VAGLEDARE,)
SER_GRANNE = (ANNAN_KOMMUN,)


def svar(ovriga, *par) -> dict[str, object]:
    """Build a role → status map: `ovriga` for every role not named in the (roles, status) pairs."""
    karta = dict.fromkeys(ROLLER, ovriga)
    for roller, status in par:
        for roll in (roller,) if isinstance(roller, str) else roller:
            karta[roll] = status
    return karta


@dataclass(frozen=True)
class Fall:
    namn: str  # the URL pattern, "namespace:name"
    metod: str
    url: Callable[[Varld], str]
    forvantat: dict
    data: dict | None = None
    json: bool = False  # send data as JSON (the API) rather than as a form
    etikett: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.namn}[{self.etikett or self.metod}]"


def _url(namn: str, *args: Callable[[Varld], object]) -> Callable[[Varld], str]:
    return lambda v: reverse(namn, args=[a(v) for a in args])


def _fraga(namn: str, fraga: str, *args) -> Callable[[Varld], str]:
    bas = _url(namn, *args)
    return lambda v: f"{bas(v)}?{fraga}"


OPPET = lambda v: v.oppet.nummer  # noqa: E731
ESKALERAT_A = lambda v: v.eskalerat_a.nummer  # noqa: E731
HEMLIGT = lambda v: v.hemligt.nummer  # noqa: E731
GRANNE = lambda v: v.granne.nummer  # noqa: E731
INTERN = lambda v: v.intern.pk  # noqa: E731
PUBLIK = lambda v: v.publik.pk  # noqa: E731


def _arende_sidor() -> list[Fall]:
    fall = []
    for etikett, nummer, ser in (
        ("oppet", OPPET, SER_OPPET),
        ("eskalerat_a", ESKALERAT_A, SER_ESKALERAT_A),
        ("hemligt", HEMLIGT, SER_HEMLIGT),
        ("granne", GRANNE, SER_GRANNE),
    ):
        fall += [
            Fall(
                "arenden:arende",
                "GET",
                _url("arenden:arende", nummer),
                svar(404, (ANONYM, LOGIN), (ser, 200)),
                etikett=etikett,
            ),
            Fall(
                "api:arende",
                "GET",
                _url("api:arende", nummer),
                svar(404, (ANONYM, 401), (ser, 200)),
                etikett=etikett,
            ),
            # A note is open to every role that sees the ärende.
            Fall(
                "arenden:atgard",
                "POST",
                _url("arenden:atgard", nummer, lambda v: "anteckna"),
                svar(404, (ANONYM, LOGIN), (ser, 302)),
                data={"text": "Ringde tillbaka."},
                etikett=f"anteckna-{etikett}",
            ),
            Fall(
                "api:anteckna",
                "POST",
                _url("api:anteckna", nummer),
                svar(404, (ANONYM, 401), (ser, 200)),
                data={"text": "Ringde tillbaka."},
                json=True,
                etikett=etikett,
            ),
        ]
    return fall


# What an empty POST to each action gets from a role that may take it on the open ärende
# (ny, in the contact center) and on the one escalated to förvaltning A: 200 when nothing is
# required, 400 when a field is, 409 when the ärende's status does not allow it.
_ATGARD_PA_OPPET = {
    "tilldela": 200, "klassificera": 200, "svara": 400, "anteckna": 400, "eskalera": 400,
    "vanta": 200, "avsluta": 400, "ateroppna": 409, "sla_ihop": 400, "parkera": 400,
    "aterlamna": 400, "forseningsbesked": 400,
}  # fmt: skip
_KONTAKTCENTER_ATGARDER = set(_ATGARD_PA_OPPET) - {"aterlamna"}
_HANDLAGGARENS_ATGARDER = {
    "tilldela", "svara", "anteckna", "vanta", "avsluta", "ateroppna", "parkera", "aterlamna",
    "forseningsbesked",
}  # fmt: skip


def _api_atgarder() -> list[Fall]:
    fall = []
    for atgard, status in _ATGARD_PA_OPPET.items():
        namn = f"api:{atgard}"
        kc = status if atgard in _KONTAKTCENTER_ATGARDER else 403
        hl = status if atgard in _HANDLAGGARENS_ATGARDER else 403
        fall.append(
            Fall(
                namn,
                "POST",
                _url(namn, OPPET),
                svar(404, (ANONYM, 401), (SER_OPPET, kc)),
                data={},
                json=True,
                etikett="oppet",
            )
        )
        fall.append(
            Fall(
                namn,
                "POST",
                _url(namn, ESKALERAT_A),
                svar(
                    404,
                    (ANONYM, 401),
                    ((VAGLEDARE, TEAMLEDARE, ADMINISTRATOR), kc),
                    (HANDLAGGARE_A, hl),
                ),
                data={},
                json=True,
                etikett="eskalerat_a",
            )
        )
    return fall


FALL: list[Fall] = [
    # --- The ärende workspace (arenden) ------------------------------------------------------
    # A person search is posted, never in a URL; every role searches what it may see anyway.
    Fall(
        "arenden:sok_person",
        "GET",
        _url("arenden:sok_person"),
        svar(200, (ANONYM, LOGIN), (UTAN_ROLL, 403)),
    ),
    Fall(
        "arenden:sok_person",
        "POST",
        _url("arenden:sok_person"),
        svar(200, (ANONYM, LOGIN), (UTAN_ROLL, 403)),
        data={"sok": "sara@example.se"},
    ),
    Fall("arenden:ko", "GET", _url("arenden:ko"), svar(200, (ANONYM, LOGIN))),
    Fall(
        "arenden:ko",
        "GET",
        _fraga("arenden:ko", "q=Skyddad&status=ny&ordning=svar_senast"),
        svar(200, (ANONYM, LOGIN)),
        etikett="filter",
    ),
    Fall(
        "arenden:nytt",
        "GET",
        _url("arenden:nytt"),
        svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 200)),
    ),
    Fall(
        "arenden:nytt",
        "POST",
        _url("arenden:nytt"),
        svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 400)),
        data={},
    ),
    *_arende_sidor(),
    Fall(
        "arenden:atgard",
        "POST",
        _url("arenden:atgard", ESKALERAT_A, lambda v: "eskalera"),
        # The handläggare sees it but his role may not escalate; the others lack the input.
        svar(
            404,
            (ANONYM, LOGIN),
            ((VAGLEDARE, TEAMLEDARE, ADMINISTRATOR), 400),
            (HANDLAGGARE_A, 403),
        ),
        data={},
        etikett="eskalera-eskalerat_a",
    ),
    Fall(
        "arenden:atgard",
        "POST",
        _url("arenden:atgard", OPPET, lambda v: "finns-inte"),
        svar(404, (ANONYM, LOGIN)),
        data={},
        etikett="okand-atgard",
    ),
    Fall(
        "arenden:statistik",
        "GET",
        _url("arenden:statistik"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
    ),
    Fall(
        "arenden:statistik_export",
        "GET",
        _url("arenden:statistik_export", lambda v: "xlsx"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
        etikett="xlsx",
    ),
    Fall(
        "arenden:statistik_export",
        "GET",
        _fraga("arenden:statistik_export", "tabell=kkik", lambda v: "csv"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
        etikett="csv",
    ),
    # --- The ärende API ----------------------------------------------------------------------
    Fall("api:arenden", "GET", _url("api:arenden"), svar(200, (ANONYM, 401))),
    Fall(
        "api:arenden",
        "GET",
        _fraga("api:arenden", "q=Skyddad&ordning=svar_senast&antal=1"),
        svar(200, (ANONYM, 401)),
        etikett="filter",
    ),
    Fall(
        "api:arenden",
        "POST",
        _url("api:arenden"),
        svar(403, (ANONYM, 401), (KONTAKTCENTER, 400)),
        data={},
        json=True,
    ),
    *_api_atgarder(),
    Fall("api:forvaltningar", "GET", _url("api:forvaltningar"), svar(200, (ANONYM, 401))),
    Fall("api:kategorier", "GET", _url("api:kategorier"), svar(200, (ANONYM, 401))),
    Fall(
        "api:statistik",
        "GET",
        _fraga("api:statistik", "fran=2026-01-01&till=2026-12-31"),
        svar(403, (ANONYM, 401), (LEDNING, 200)),
    ),
    # --- Kunskapsbanken in the browser -------------------------------------------------------
    Fall(
        "kunskapsbank:forslag",
        "GET",
        _fraga("kunskapsbank:forslag", "q=soptunna"),
        svar(403, (ANONYM, LOGIN), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank:forslag",
        "GET",
        lambda v: f"{reverse('kunskapsbank:forslag')}?arende={v.hemligt.nummer}",
        svar(404, (ANONYM, LOGIN), (UTAN_ROLL, 403), (SER_HEMLIGT, 200)),
        etikett="hemligt",
    ),
    Fall(
        "kunskapsbank:anvand",
        "POST",
        _url("kunskapsbank:anvand", INTERN),
        svar(404, (ANONYM, LOGIN), (SER_OPPET, 200)),
        data={"arende": "KC-0000-000000"},
        extra={"arende": OPPET},
    ),
    Fall(
        "kunskapsbank:forsla",
        "POST",
        _url("kunskapsbank:forsla", ESKALERAT_A),
        # Everyone who sees it gets through to the rule: it has no answer to propose yet.
        svar(404, (ANONYM, LOGIN), (SER_ESKALERAT_A, 400)),
        data={},
    ),
    Fall(
        "kunskapsbank:forsla",
        "POST",
        _url("kunskapsbank:forsla", HEMLIGT),
        svar(404, (ANONYM, LOGIN), (SER_HEMLIGT, 400)),
        data={},
        etikett="hemligt",
    ),
    Fall(
        "kunskapsbank:granska",
        "GET",
        _url("kunskapsbank:granska"),
        svar(403, (ANONYM, LOGIN), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank:artiklar",
        "GET",
        _url("kunskapsbank:artiklar"),
        svar(403, (ANONYM, LOGIN), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank:ny",
        "GET",
        _url("kunskapsbank:ny"),
        svar(403, (ANONYM, LOGIN), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank:ny",
        "POST",
        _url("kunskapsbank:ny"),
        svar(403, (ANONYM, LOGIN), (PERSONAL, 400)),
        data={},
    ),
    Fall(
        "kunskapsbank:artikel",
        "GET",
        _url("kunskapsbank:artikel", INTERN),
        svar(403, (ANONYM, LOGIN), (EGEN_PERSONAL, 200), (ANNAN_KOMMUN, 404)),
    ),
    Fall(
        "kunskapsbank:artikel",
        "POST",
        _url("kunskapsbank:artikel", INTERN),
        # Published: only its owner (the vägledare), a teamledare or an administratör edits it.
        svar(403, (ANONYM, LOGIN), ((VAGLEDARE, *EGEN_LEDNING), 400), (ANNAN_KOMMUN, 404)),
        data={},
    ),
    Fall(
        "kunskapsbank:status",
        "POST",
        _url("kunskapsbank:status", INTERN),
        # Archiving a published article is for its owner, a teamledare or an administratör;
        # the others are told so on the article page they are sent back to.
        svar(403, (ANONYM, LOGIN), (EGEN_PERSONAL, 302), (ANNAN_KOMMUN, 404)),
        data={"status": "arkiverad"},
    ),
    Fall(
        "kunskapsbank:versioner",
        "GET",
        _url("kunskapsbank:versioner", INTERN),
        svar(403, (ANONYM, LOGIN), (EGEN_PERSONAL, 200), (ANNAN_KOMMUN, 404)),
    ),
    Fall(
        "kunskapsbank:luckor",
        "GET",
        _url("kunskapsbank:luckor"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
    ),
    # The public FAQ shows public articles to everyone, and internal ones to no one.
    Fall("kunskapsbank:fragor", "GET", _url("kunskapsbank:fragor"), svar(200)),
    Fall(
        "kunskapsbank:fragor",
        "GET",
        _fraga("kunskapsbank:fragor", "q=skyddade+personuppgifter"),
        svar(200),
        etikett="sok",
    ),
    Fall("kunskapsbank:fraga", "GET", _url("kunskapsbank:fraga", PUBLIK), svar(200)),
    Fall(
        "kunskapsbank:fraga",
        "GET",
        _url("kunskapsbank:fraga", INTERN),
        svar(404),
        etikett="intern",
    ),
    # --- The kunskapsbank API ----------------------------------------------------------------
    Fall("kunskapsbank_api:sok", "GET", _fraga("kunskapsbank_api:sok", "q=soptunna"), svar(200)),
    Fall("kunskapsbank_api:artiklar", "GET", _url("kunskapsbank_api:artiklar"), svar(200)),
    Fall(
        "kunskapsbank_api:artiklar",
        "POST",
        _url("kunskapsbank_api:artiklar"),
        svar(403, (PERSONAL, 400)),
        data={},
        json=True,
    ),
    Fall(
        "kunskapsbank_api:artikel",
        "GET",
        _url("kunskapsbank_api:artikel", INTERN),
        svar(404, (EGEN_PERSONAL, 200)),
        etikett="intern",
    ),
    Fall(
        "kunskapsbank_api:artikel",
        "GET",
        _url("kunskapsbank_api:artikel", PUBLIK),
        # Staff work with their own kommun's articles, public ones included.
        svar(200, (ANNAN_KOMMUN, 404)),
        etikett="publik",
    ),
    Fall(
        "kunskapsbank_api:artikel",
        "PATCH",
        _url("kunskapsbank_api:artikel", INTERN),
        svar(403, (EGEN_PERSONAL, 400), (ANNAN_KOMMUN, 404)),
        data={},
        json=True,
    ),
    Fall(
        "kunskapsbank_api:status",
        "POST",
        _url("kunskapsbank_api:status", INTERN),
        svar(404, (ANONYM, 401), ((VAGLEDARE, *EGEN_LEDNING), 200), (HANDLAGGARE, 403)),
        data={"status": "arkiverad"},
        json=True,
    ),
    Fall(
        "kunskapsbank_api:versioner",
        "GET",
        _url("kunskapsbank_api:versioner", INTERN),
        svar(403, (ANONYM, 401), (EGEN_PERSONAL, 200), (ANNAN_KOMMUN, 404)),
    ),
    Fall(
        "kunskapsbank_api:anvand",
        "POST",
        _url("kunskapsbank_api:anvand", INTERN),
        svar(404, (ANONYM, 401), (UTAN_ROLL, 403), (SER_OPPET, 201)),
        data={},
        json=True,
        extra={"arende": OPPET},
    ),
    Fall(
        "kunskapsbank_api:forslag",
        "POST",
        _url("kunskapsbank_api:forslag"),
        svar(404, (ANONYM, 401), (UTAN_ROLL, 403), (SER_ESKALERAT_A, 400)),
        data={},
        json=True,
        extra={"arende": ESKALERAT_A},
    ),
    Fall(
        "kunskapsbank_api:granska",
        "GET",
        _url("kunskapsbank_api:granska"),
        svar(403, (ANONYM, 401), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank_api:luckor",
        "GET",
        _url("kunskapsbank_api:luckor"),
        svar(403, (ANONYM, 401), (LEDNING, 200)),
    ),
    Fall(
        "kunskapsbank_api:export",
        "GET",
        _url("kunskapsbank_api:export"),
        svar(403, (ANONYM, 401), (PERSONAL, 200)),
    ),
    Fall(
        "kunskapsbank_api:import",
        "POST",
        _url("kunskapsbank_api:import"),
        svar(403, (ANONYM, 401), (PERSONAL, 400)),
        data={},
        json=True,
    ),
    # --- Channels ------------------------------------------------------------------------------
    Fall(
        "epost:triage",
        "GET",
        _url("epost:triage"),
        svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 200)),
    ),
    Fall(
        "epost:triage_hantera",
        "POST",
        _url("epost:triage_hantera", lambda v: v.inkommet.pk),
        # The mailbox belongs to förvaltning A of the first kommun.
        svar(403, (ANONYM, LOGIN), (ANNAN_KOMMUN, 404), (SER_OPPET, 302)),
        data={"atgard": "kassera"},
    ),
    Fall(
        "epost:forsok_igen",
        "POST",
        _url("epost:forsok_igen", lambda v: v.utskick_hemligt.pk),
        svar(404, (ANONYM, LOGIN), (SER_HEMLIGT, 302)),
        data={},
    ),
    *(
        Fall(namn, "GET", _url(namn), svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 200)))
        for namn in ("telefon:registrera", "besok:registrera", "brev:registrera")
    ),
    *(
        Fall(
            namn,
            "GET",
            _fraga(namn, "fraga=bygglov"),
            svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 200)),
        )
        for namn in ("telefon:forslag", "besok:forslag")
    ),
    *(
        Fall(
            namn,
            "POST",
            _url(namn),
            svar(403, (ANONYM, LOGIN), (KONTAKTCENTER, 400)),
            data={},
        )
        for namn in ("telefon:registrera", "besok:registrera", "brev:registrera")
    ),
    *(
        Fall(
            "brev:skanning",
            "GET",
            _url("brev:skanning", bilaga),
            svar(404, (ANONYM, LOGIN), (ser, 200)),
            etikett=etikett,
        )
        for etikett, bilaga, ser in (
            ("oppet", lambda v: v.bilaga_oppet.pk, SER_OPPET),
            ("hemligt", lambda v: v.bilaga_hemligt.pk, SER_HEMLIGT),
            ("granne", lambda v: v.bilaga_granne.pk, SER_GRANNE),
            ("finns-inte", lambda v: 999999, ()),
        )
    ),
    *(
        Fall(namn, "POST", _url(namn), svar(403, (ANONYM, 401), (KONTAKTCENTER, 400)), data={})
        for namn in ("telefon_api:arenden", "besok_api:arenden", "brev_api:arenden")
    ),
    # The integrations' endpoints take a token and nothing else: no session gets through,
    # not even an administratör's (the token mechanics are tested with the channels).
    Fall(
        "telefon_api:samtal",
        "POST",
        _url("telefon_api:samtal"),
        svar(401),
        data={"samtals_id": "1", "handelse": "inkommande"},
        json=True,
    ),
    Fall(
        "etjanst_api:inlamning",
        "POST",
        _url("etjanst_api:inlamning"),
        svar(401),
        data={},
        json=True,
    ),
    # --- The citizen's pages -----------------------------------------------------------------
    Fall("etjanst:kontakta_oss", "GET", _url("etjanst:kontakta_oss"), svar(200)),
    Fall("etjanst:status", "GET", _url("etjanst:status", lambda v: v.statuslank), svar(200)),
    Fall(
        "etjanst:status",
        "GET",
        _url("etjanst:status", lambda v: v.aterkallad_statuslank),
        svar(404),
        etikett="aterkallad",
    ),
    Fall(
        "etjanst:status",
        "GET",
        _url("etjanst:status", lambda v: "gissad-token-" + "x" * 30),
        svar(404),
        etikett="gissad",
    ),
    Fall(
        "etjanst:statuslank_aterkalla",
        "POST",
        _url("etjanst:statuslank_aterkalla", OPPET),
        svar(404, (ANONYM, LOGIN), ((TEAMLEDARE, ADMINISTRATOR), 302)),
        data={},
    ),
    Fall("servicematning:enkat", "GET", _url("servicematning:enkat", lambda v: v.enkat), svar(200)),
    Fall(
        "servicematning:enkat",
        "GET",
        _url("servicematning:enkat", lambda v: "gissad"),
        svar(404),
        etikett="gissad",
    ),
    Fall(
        "servicematning:skapa",
        "POST",
        _url("servicematning:skapa", OPPET),
        svar(404, (ANONYM, LOGIN), (SER_OPPET, 302)),
        data={},
    ),
    # --- Operations ----------------------------------------------------------------------------
    Fall(
        "platina:registreringar",
        "GET",
        _url("platina:registreringar"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
    ),
    *(
        Fall(
            namn,
            "POST",
            _url(namn, lambda v: v.registrering.pk),
            # The other kommun's teamledare is told there is no such registration.
            svar(403, (ANONYM, LOGIN), ((TEAMLEDARE, ADMINISTRATOR), 302), (ANNAN_KOMMUN, 404)),
            data={"diarienummer": "KS 2026/1"},
        )
        for namn in ("platina:forsok_igen", "platina:markera_manuellt")
    ),
    # The sekretess ärende's registration: a teamledare or administratör not named on it may
    # still retry it (he sees its state, not its content; test_platina), but not mark it by
    # hand: the number he types becomes the ärende's.
    Fall(
        "platina:forsok_igen",
        "POST",
        _url("platina:forsok_igen", lambda v: v.registrering_hemligt.pk),
        svar(403, (ANONYM, LOGIN), ((TEAMLEDARE, ADMINISTRATOR), 302), (ANNAN_KOMMUN, 404)),
        data={},
        etikett="hemligt",
    ),
    Fall(
        "platina:markera_manuellt",
        "POST",
        _url("platina:markera_manuellt", lambda v: v.registrering_hemligt.pk),
        svar(403, (ANONYM, LOGIN), (ANNAN_KOMMUN, 404)),
        data={"diarienummer": "KS 2026/2"},
        etikett="hemligt",
    ),
    Fall("paminnelser:lista", "GET", _url("paminnelser:lista"), svar(200, (ANONYM, LOGIN))),
    Fall(
        "paminnelser:lasta",
        "POST",
        _url("paminnelser:lasta"),
        svar(302, (ANONYM, LOGIN)),
        data={},
    ),
    # --- The shell -----------------------------------------------------------------------------
    Fall("login", "GET", _url("login"), svar(200)),
    Fall("logout", "POST", _url("logout"), svar(302), data={}),
    Fall("halsa", "GET", _url("halsa"), svar(200)),
    # The API description is public, like the API's existence.
    Fall("schema", "GET", _url("schema"), svar(200)),
    Fall("api-docs", "GET", _url("api-docs"), svar(200)),
    Fall("api-redoc", "GET", _url("api-redoc"), svar(200)),
    # --- The admin: is_staff users only; the ärende list is scoped like the queue ---------------
    Fall(
        "admin:index",
        "GET",
        _url("admin:index"),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 200)),
    ),
    Fall(
        "admin:arenden_arende_changelist",
        "GET",
        _url("admin:arenden_arende_changelist"),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 200)),
    ),
    Fall(
        "admin:arenden_arende_change",
        "GET",
        _url("admin:arenden_arende_change", lambda v: v.oppet.pk),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 200)),
        etikett="oppet",
    ),
    Fall(
        "admin:arenden_arende_change",
        "GET",
        _url("admin:arenden_arende_change", lambda v: v.hemligt.pk),
        # Not named on it: the admin does not show it either (it redirects to the index).
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 302)),
        etikett="hemligt",
    ),
    *(
        Fall(
            "admin:platina_bridge_platinaregistrering_change",
            "GET",
            _url("admin:platina_bridge_platinaregistrering_change", registrering),
            svar(ADMIN_LOGIN, (ADMINISTRATOR, status)),
            etikett=etikett,
        )
        for etikett, registrering, status in (
            ("eskalerat_a", lambda v: v.registrering.pk, 200),
            ("hemligt", lambda v: v.registrering_hemligt.pk, 302),
        )
    ),
    # Rows of an ärende (e-post, besök, samtal) are the services' to write: none is added, and
    # one of an ärende the user may not see (the sekretess kvitto) is not there for him.
    Fall(
        "admin:epost_utskick_change",
        "GET",
        _url("admin:epost_utskick_change", lambda v: v.utskick_hemligt.pk),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 302)),
        etikett="hemligt",
    ),
    *(
        Fall(
            namn,
            "GET",
            _url(namn),
            svar(ADMIN_LOGIN, (ADMINISTRATOR, 403)),
        )
        for namn in (
            "admin:epost_utskick_add",
            "admin:epost_inkommet_add",
            "admin:besok_besok_add",
            "admin:telefon_samtal_add",
        )
    ),
    *(
        Fall(namn, "GET", _url(namn), svar(ADMIN_LOGIN, (ADMINISTRATOR, 200)))
        for namn in (
            "admin:epost_utskick_changelist",
            "admin:besok_besok_changelist",
            "admin:telefon_samtal_changelist",
        )
    ),
    # The catalogue in the admin is the own kommun's: the neighbour kommun is not there, no
    # kommun is added by a scoped user, and nobody changes his own placement.
    Fall(
        "admin:arenden_kommun_add",
        "GET",
        _url("admin:arenden_kommun_add"),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 403)),
    ),
    *(
        Fall(
            "admin:arenden_kommun_change",
            "GET",
            _url("admin:arenden_kommun_change", kommun),
            svar(ADMIN_LOGIN, (ADMINISTRATOR, status)),
            etikett=etikett,
        )
        for etikett, kommun, status in (
            ("egen", lambda v: v.oppet.kommun_id, 200),
            ("granne", lambda v: v.granne.kommun_id, 302),
        )
    ),
    Fall(
        "admin:arenden_medarbetare_change",
        "POST",
        _url("admin:arenden_medarbetare_change", lambda v: v.user(ADMINISTRATOR).medarbetare.pk),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 403)),
        data={"forvaltning": ""},
        extra={"kommun": lambda v: v.granne.kommun_id},
        etikett="egen",
    ),
    # Staff accounts in the admin are the own kommun's: the neighbour's account is not there,
    # and its password is not his to set.
    *(
        Fall(
            namn,
            "GET",
            _url(namn, anvandare),
            svar(ADMIN_LOGIN, (ADMINISTRATOR, status)),
            etikett=etikett,
        )
        for namn, etikett, anvandare, status in (
            ("admin:auth_user_change", "egen", lambda v: v.user(VAGLEDARE).pk, 200),
            ("admin:auth_user_change", "granne", lambda v: v.user(ANNAN_KOMMUN).pk, 302),
            ("admin:auth_user_password_change", "granne", lambda v: v.user(ANNAN_KOMMUN).pk, 404),
        )
    ),
    # The svarsmallar in the admin are those of the app's pages: the neighbour's is not there.
    Fall(
        "admin:arenden_svarsmall_changelist",
        "GET",
        _url("admin:arenden_svarsmall_changelist"),
        svar(ADMIN_LOGIN, (ADMINISTRATOR, 200)),
    ),
    *(
        Fall(
            "admin:arenden_svarsmall_change",
            metod,
            _url("admin:arenden_svarsmall_change", mall),
            svar(ADMIN_LOGIN, (ADMINISTRATOR, status)),
            data=data,
            etikett=f"{etikett}-{metod}",
        )
        for etikett, mall, metod, data, status in (
            ("egen", lambda v: v.svarsmall.pk, "GET", None, 200),
            ("gemensam", lambda v: v.svarsmall_gemensam.pk, "GET", None, 200),
            ("granne", lambda v: v.svarsmall_granne.pk, "GET", None, 302),
            ("granne", lambda v: v.svarsmall_granne.pk, "POST", {"titel": "x", "text": "y"}, 302),
        )
    ),
    # --- The workspace's polling, bulk actions and svarsmallar ---------------------------------
    # Polling answers 204 when nothing visible to the user is newer.
    Fall(
        "arenden:ko_nya",
        "GET",
        lambda v: f"{reverse('arenden:ko_nya')}?efter={selectors.kod_for_tid(timezone.now())}",
        svar(204, (ANONYM, LOGIN)),
    ),
    # Every ticked ärende goes through arende_get_for_user and its own action; with none
    # ticked the queue is shown again with the reason.
    Fall(
        "arenden:massatgard",
        "POST",
        _url("arenden:massatgard"),
        svar(302, (ANONYM, LOGIN)),
        data={"atgard": "tilldela"},
    ),
    Fall(
        "arenden:svarsmallar",
        "GET",
        _url("arenden:svarsmallar"),
        svar(200, (ANONYM, LOGIN), (UTAN_ROLL, 403)),
    ),
    Fall(
        "arenden:svarsmall_ny",
        "GET",
        _url("arenden:svarsmall_ny"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 200)),
    ),
    # Another kommun's teamledare does not find förvaltning A's mall.
    Fall(
        "arenden:svarsmall",
        "GET",
        _url("arenden:svarsmall", lambda v: v.svarsmall.pk),
        svar(403, (ANONYM, LOGIN), (EGEN_LEDNING, 200), (ANNAN_KOMMUN, 404)),
    ),
    # Förvaltning A's mall changed by its own kommun's ledning.
    Fall(
        "arenden:svarsmall",
        "POST",
        _url("arenden:svarsmall", lambda v: v.svarsmall.pk),
        svar(403, (ANONYM, LOGIN), (EGEN_LEDNING, 302), (ANNAN_KOMMUN, 404)),
        data={"titel": "Bygglov", "text": "Hej!", "aktiv": "on"},
        extra={"forvaltning": lambda v: v.svarsmall.forvaltning_id},
    ),
    # A gemensam mall reaches both kommuner: only the administratör changes it (there are
    # two kommuner, so no teamledare does); every role still inserts it (svarsmall_val).
    Fall(
        "arenden:svarsmall",
        "GET",
        _url("arenden:svarsmall", lambda v: v.svarsmall_gemensam.pk),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 200)),
        etikett="gemensam",
    ),
    Fall(
        "arenden:svarsmall",
        "POST",
        _url("arenden:svarsmall", lambda v: v.svarsmall_gemensam.pk),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 302)),
        data={"titel": "Tack", "text": "Hej!", "aktiv": "on"},
        etikett="gemensam-POST",
    ),
    # A new gemensam mall: the teamledare is told to pick his förvaltning (400, nothing saved).
    Fall(
        "arenden:svarsmall_ny",
        "POST",
        _url("arenden:svarsmall_ny"),
        svar(403, (ANONYM, LOGIN), (LEDNING, 400), (ADMINISTRATOR, 302)),
        data={"titel": "Ny gemensam", "text": "Hej!", "aktiv": "on"},
        etikett="gemensam",
    ),
    Fall(
        "arenden:svarsmall_val",
        "GET",
        _url("arenden:svarsmall_val", OPPET),
        svar(404, (ANONYM, LOGIN), (SER_OPPET, 200)),
    ),
    # An attachment is given to whoever sees its ärende; another kommun's is not found.
    Fall(
        "arenden:bilaga",
        "GET",
        _url("arenden:bilaga", lambda v: v.bilaga_oppet.pk),
        svar(404, (ANONYM, LOGIN), (SER_OPPET, 200)),
        etikett="oppet",
    ),
    Fall(
        "arenden:bilaga",
        "GET",
        _url("arenden:bilaga", lambda v: v.bilaga_hemligt.pk),
        svar(404, (ANONYM, LOGIN), (SER_HEMLIGT, 200)),
        etikett="hemligt",
    ),
    Fall(
        "arenden:bilaga",
        "GET",
        _url("arenden:bilaga", lambda v: v.bilaga_granne.pk),
        svar(404, (ANONYM, LOGIN), (SER_GRANNE, 200)),
        etikett="granne",
    ),
    # --- Personal data (integritet): administratörer only -----------------------------------
    Fall(
        "integritet:logg",
        "GET",
        _url("integritet:logg"),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 200)),
    ),
    Fall(
        "integritet:registerutdrag",
        "GET",
        _url("integritet:registerutdrag"),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 200)),
    ),
    Fall(
        "integritet:registerutdrag",
        "POST",
        _url("integritet:registerutdrag"),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 200)),
        data={"sok": "sara@example.se", "format": "json"},
    ),
    Fall(
        "integritet:kontakt",
        "GET",
        _url("integritet:kontakt", lambda v: v.kontakt.pk),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 200)),
    ),
    # Without the reason the law asks for, the administratör is told so and nothing changes.
    Fall(
        "integritet:ratta",
        "POST",
        _url("integritet:ratta", lambda v: v.kontakt.pk),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 400)),
        data={"namn": "Sara S"},
    ),
    Fall(
        "integritet:radera",
        "POST",
        _url("integritet:radera", lambda v: v.kontakt.pk),
        svar(403, (ANONYM, LOGIN), (ADMINISTRATOR, 400)),
        data={},
    ),
]


def _monster(monster, prefix: str = "", namnrymd: str | None = None):
    """Yield (route, "namespace:name") for every URL pattern below `monster`."""
    for m in monster:
        if isinstance(m, URLResolver):
            ny = ":".join(filter(None, [namnrymd, m.namespace]))
            yield from _monster(m.url_patterns, prefix + str(m.pattern), ny or None)
        elif isinstance(m, URLPattern):
            namn = m.name or str(m.pattern)
            yield prefix + str(m.pattern), f"{namnrymd}:{namn}" if namnrymd else namn


def test_matrisen_tacker_varje_url():
    """Every URL pattern of the project has at least one row in the matrix.

    The admin's own pages are Django's (is_staff and model permissions decide them); its
    index and the ärende pages stand for them in the matrix.
    """
    alla = {namn for _route, namn in _monster(get_resolver().url_patterns)}
    egna = {namn for namn in alla if not namn.startswith("admin:")}
    i_matrisen = {f.namn for f in FALL}

    saknas = sorted(egna - i_matrisen)
    assert saknas == [], (
        f"URL patterns without a row in the permission matrix: {saknas}. Decide who may use "
        "each one and add a Fall to FALL in tests/sakerhet/test_matris.py."
    )
    assert sorted(i_matrisen - alla) == []


def test_matrisens_rader_ar_fullstandiga():
    """Each row states an answer for every role, and its URL resolves to the row's pattern."""
    for fall in FALL:
        assert set(fall.forvantat) == set(ROLLER), fall.id


def _skicka(klient, fall: Fall, varld: Varld):
    url = fall.url(varld)
    data = dict(fall.data or {})
    for nyckel, hamta in fall.extra.items():
        data[nyckel] = hamta(varld)
    metod = getattr(klient, fall.metod.lower())
    if fall.metod == "GET":
        return url, metod(url)
    if fall.json:
        return url, metod(url, data, content_type="application/json")
    return url, metod(url, data)


@pytest.mark.parametrize("roll", ROLLER)
@pytest.mark.parametrize("fall", FALL, ids=[f.id for f in FALL])
def test_behorighetsmatrisen(klient, varld, fall: Fall, roll: str):
    """The role gets the status its row says, through HTTP."""
    url, svar_ = _skicka(klient(roll), fall, varld)

    assert resolve(url.split("?")[0]).view_name == fall.namn
    forvantat = fall.forvantat[roll]
    if forvantat == LOGIN:
        assert svar_.status_code == 302, svar_.content[:300]
        assert svar_["Location"].startswith(reverse(settings.LOGIN_URL))
    elif forvantat == ADMIN_LOGIN:
        assert svar_.status_code == 302, svar_.content[:300]
        assert svar_["Location"].startswith(reverse("admin:login"))
    else:
        assert svar_.status_code == forvantat, svar_.content[:300]

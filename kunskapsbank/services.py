"""Every change to the kunskapsbank: articles, their status, usage, synonyms, searches.

A service takes keyword-only arguments and runs in one transaction; each change to an
article writes a new `ArtikelVersion`, so the history is complete. Callers check the
user's right first (kunskapsbank.behorighet); services check the article's state.
"""

import datetime
import html
from collections.abc import Iterable

import nh3
from django.contrib.auth.models import AbstractUser
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from arenden.models import Arende, Forvaltning, Handelse, Kategori, Meddelande, RosaNiva
from kunskapsbank import sok
from kunskapsbank.errors import ArtikelInaktuell, OgiltigArtikel, OgiltigArtikelStatus
from kunskapsbank.models import (
    Anvandning,
    ArtikelStatus,
    ArtikelVersion,
    Kunskapsartikel,
    Malgrupp,
    Sokning,
    Synonym,
)

# The lifecycle: which status may follow which.
OVERGANGAR: dict[str, frozenset[str]] = {
    ArtikelStatus.UTKAST: frozenset({ArtikelStatus.GRANSKNING, ArtikelStatus.ARKIVERAD}),
    ArtikelStatus.GRANSKNING: frozenset(
        {ArtikelStatus.UTKAST, ArtikelStatus.PUBLICERAD, ArtikelStatus.ARKIVERAD}
    ),
    ArtikelStatus.PUBLICERAD: frozenset({ArtikelStatus.UTKAST, ArtikelStatus.ARKIVERAD}),
    ArtikelStatus.ARKIVERAD: frozenset({ArtikelStatus.UTKAST}),
}
# A published article is reviewed at least this often.
GRANSKNINGSINTERVALL = datetime.timedelta(days=365)

# The HTML an answer may hold: text structure and links, nothing that runs or loads.
TILLATNA_TAGGAR = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
TILLATNA_ATTRIBUT = {"a": {"href", "title"}}


def svar_tvatta(svar: str) -> str:
    """Return the answer's HTML with everything but simple text markup removed."""
    return nh3.clean(
        svar,
        tags=TILLATNA_TAGGAR,
        attributes=TILLATNA_ATTRIBUT,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()


def svar_som_text(svar_html: str) -> str:
    """Return the answer as plain text, paragraphs on their own lines."""
    text = svar_html.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    rader = (" ".join(r.split()) for r in strip_tags(text).splitlines())
    return html.unescape("\n".join(r for r in rader if r))


def _alternativ(alternativa_fragor: Iterable[str]) -> list[str]:
    return [a.strip()[:300] for a in alternativa_fragor if a and a.strip()]


def _version(artikel: Kunskapsartikel, av: AbstractUser | None, kommentar: str) -> None:
    ArtikelVersion.objects.create(
        artikel=artikel,
        nummer=artikel.version,
        fraga=artikel.fraga,
        svar=artikel.svar,
        alternativa_fragor=artikel.alternativa_fragor,
        status=artikel.status,
        malgrupp=artikel.malgrupp,
        andrad_av=av,
        tid=artikel.andrad,
        kommentar=kommentar[:300],
    )


def _kontrollera(*, fraga: str, svar: str, rosa: int, malgrupp: str) -> None:
    if not fraga.strip():
        raise OgiltigArtikel(_("Skriv frågan som medborgaren ställer den."), code="fraga_saknas")
    if not strip_tags(svar).strip():
        raise OgiltigArtikel(_("Svaret är tomt."), code="svar_saknas")
    if rosa not in RosaNiva.values:
        raise OgiltigArtikel(_("ROSA-nivån ska vara 1–8."), code="ogiltig_rosa")
    if malgrupp not in Malgrupp.values:
        raise OgiltigArtikel(_("Välj om artikeln är intern eller publik."), code="ogiltig_malgrupp")


@transaction.atomic
def artikel_skapa(
    *,
    fraga: str,
    svar: str,
    forvaltning: Forvaltning,
    av: AbstractUser | None,
    alternativa_fragor: Iterable[str] = (),
    kategori: Kategori | None = None,
    rosa: int = RosaNiva.INFORMATION,
    malgrupp: str = Malgrupp.INTERN,
    agare: AbstractUser | None = None,
    granskas_senast: datetime.date | None = None,
    kalla_arende: Arende | None = None,
    status: str = ArtikelStatus.UTKAST,
) -> Kunskapsartikel:
    """Create an article (a draft unless an import says otherwise) and its first version."""
    _kontrollera(fraga=fraga, svar=svar, rosa=rosa, malgrupp=malgrupp)
    if status not in ArtikelStatus.values:
        raise OgiltigArtikelStatus(_("Okänd status."), extra={"status": status})
    tvattat = svar_tvatta(svar)
    nu = timezone.now()
    artikel = Kunskapsartikel.objects.create(
        fraga=fraga.strip()[:300],
        svar=tvattat,
        svar_text=svar_som_text(tvattat),
        alternativa_fragor=_alternativ(alternativa_fragor),
        forvaltning=forvaltning,
        kategori=kategori,
        rosa=rosa,
        malgrupp=malgrupp,
        agare=agare,
        status=status,
        granskas_senast=granskas_senast or (nu + GRANSKNINGSINTERVALL).date()
        if status == ArtikelStatus.PUBLICERAD
        else granskas_senast,
        kalla_arende=kalla_arende,
        skapad=nu,
        andrad=nu,
    )
    _version(artikel, av, _("Skapad"))
    sok.sokvektor_uppdatera(artikel_ids=[artikel.pk])
    return artikel


def _las(artikel: Kunskapsartikel, version: int | None) -> Kunskapsartikel:
    artikel = Kunskapsartikel.objects.select_for_update().get(pk=artikel.pk)
    if version is not None and version != artikel.version:
        raise ArtikelInaktuell(
            _("Artikeln har ändrats av någon annan. Läs in den igen."),
            extra={"version": artikel.version},
        )
    return artikel


@transaction.atomic
def artikel_andra(
    *,
    artikel: Kunskapsartikel,
    av: AbstractUser | None,
    version: int | None = None,
    kommentar: str = "",
    **andringar,
) -> Kunskapsartikel:
    """Change an article's content and keep the old text as a version.

    `andringar` may hold fraga, svar, alternativa_fragor, kategori, rosa, malgrupp, agare,
    granskas_senast, forvaltning; the status changes only through artikel_byt_status.
    """
    tillatna = {
        "fraga", "svar", "alternativa_fragor", "kategori", "rosa", "malgrupp", "agare",
        "granskas_senast", "forvaltning",
    }  # fmt: skip
    okanda = set(andringar) - tillatna
    if okanda:
        raise OgiltigArtikel(_("Fälten kan inte ändras här."), extra={"falt": sorted(okanda)})
    artikel = _las(artikel, version)
    if "svar" in andringar:
        andringar["svar"] = svar_tvatta(andringar["svar"])
        artikel.svar_text = svar_som_text(andringar["svar"])
    if "alternativa_fragor" in andringar:
        andringar["alternativa_fragor"] = _alternativ(andringar["alternativa_fragor"])
    if "fraga" in andringar:
        andringar["fraga"] = andringar["fraga"].strip()[:300]
    for falt, varde in andringar.items():
        setattr(artikel, falt, varde)
    _kontrollera(
        fraga=artikel.fraga, svar=artikel.svar, rosa=artikel.rosa, malgrupp=artikel.malgrupp
    )
    artikel.version += 1
    artikel.andrad = timezone.now()
    artikel.save()
    _version(artikel, av, kommentar or _("Ändrad"))
    sok.sokvektor_uppdatera(artikel_ids=[artikel.pk])
    return artikel


@transaction.atomic
def artikel_byt_status(
    *,
    artikel: Kunskapsartikel,
    av: AbstractUser | None,
    status: str,
    version: int | None = None,
    kommentar: str = "",
) -> Kunskapsartikel:
    """Move an article along utkast → granskning → publicerad → arkiverad.

    Publishing sets the review date a year ahead unless one later than today is set.
    """
    artikel = _las(artikel, version)
    if status not in OVERGANGAR.get(artikel.status, frozenset()):
        raise OgiltigArtikelStatus(
            _("En artikel med status %(fran)s kan inte få status %(till)s.")
            % {
                "fran": ArtikelStatus(artikel.status).label,
                "till": ArtikelStatus(status).label if status in ArtikelStatus.values else status,
            },
            extra={"fran": artikel.status, "till": status},
        )
    artikel.status = status
    idag = timezone.localdate()
    if status == ArtikelStatus.PUBLICERAD and (
        artikel.granskas_senast is None or artikel.granskas_senast <= idag
    ):
        artikel.granskas_senast = idag + GRANSKNINGSINTERVALL
    artikel.version += 1
    artikel.andrad = timezone.now()
    artikel.save(update_fields=["status", "granskas_senast", "version", "andrad"])
    _version(artikel, av, kommentar or ArtikelStatus(status).label)
    return artikel


@transaction.atomic
def artikel_anvand(
    *,
    artikel: Kunskapsartikel,
    arende: Arende,
    av: AbstractUser,
    sokning_id: int | None = None,
) -> Anvandning:
    """Record that the article answered the ärende, on its timeline too; idempotent.

    It counts as answered at first contact when the ärende had no answer yet and was never
    escalated: statistics count those as solved in the contact center.
    """
    befintlig = Anvandning.objects.filter(artikel=artikel, arende=arende).first()
    if befintlig is not None:
        return befintlig
    forsta = arende.forsta_svar is None and arende.eskalerad is None
    sokning = Sokning.objects.filter(pk=sokning_id).first() if sokning_id else None
    anvandning = Anvandning.objects.create(
        artikel=artikel, arende=arende, av=av, forsta_kontakt=forsta, sokning=sokning
    )
    Kunskapsartikel.objects.filter(pk=artikel.pk).update(anvandningar=F("anvandningar") + 1)
    if sokning is not None:
        Sokning.objects.filter(pk=sokning.pk).update(anvand=True)
    Handelse.objects.create(
        arende=arende,
        typ=Handelse.Typ.ANTECKNING,
        aktor=av,
        data={
            "text": _("Kunskapsartikel användes i svaret: %(fraga)s") % {"fraga": artikel.fraga},
            "kunskapsartikel_id": artikel.pk,
            "forsta_kontakt": forsta,
        },
    )
    return anvandning


@transaction.atomic
def artikel_forsla_fran_arende(*, arende: Arende, av: AbstractUser) -> Kunskapsartikel:
    """Turn an escalated ärende's question and the handläggare's answer into a draft.

    The draft belongs to the förvaltning the ärende was escalated to, goes to review, and
    links back to the ärende; the ärende's timeline says so.
    """
    if arende.sekretess:
        # An article is read by all staff (and may be published): a secret ärende's
        # question and answer must not become one.
        raise OgiltigArtikel(
            _("Ett sekretessmarkerat ärende kan inte bli ett artikelförslag."),
            code="sekretess",
        )
    if arende.eskalerad is None or arende.forvaltning_id is None:
        raise OgiltigArtikel(
            _("Bara ett eskalerat ärende kan bli ett artikelförslag."), code="inte_eskalerat"
        )
    svar = (
        Meddelande.objects.filter(arende=arende, riktning=Meddelande.Riktning.UT)
        .order_by("-skapad", "-id")
        .first()
    )
    if svar is None:
        raise OgiltigArtikel(
            _("Ärendet har inget svar ännu att göra en artikel av."), code="svar_saknas"
        )
    fraga = arende.rubrik
    alternativ = [arende.beskrivning[:300]] if arende.beskrivning.strip() else []
    paragrafer = "".join(
        f"<p>{stycke}</p>"
        for stycke in (nh3.clean_text(s.strip()) for s in svar.text.split("\n\n") if s.strip())
    )
    artikel = artikel_skapa(
        fraga=fraga,
        svar=paragrafer,
        alternativa_fragor=alternativ,
        forvaltning=arende.forvaltning,
        kategori=arende.kategori,
        rosa=arende.rosa or RosaNiva.INFORMATION,
        malgrupp=Malgrupp.INTERN,
        av=av,
        kalla_arende=arende,
    )
    artikel = artikel_byt_status(
        artikel=artikel, av=av, status=ArtikelStatus.GRANSKNING, kommentar=_("Förslag från ärende")
    )
    Handelse.objects.create(
        arende=arende,
        typ=Handelse.Typ.ANTECKNING,
        aktor=av,
        data={
            "text": _("Svaret föreslogs som kunskapsartikel"),
            "kunskapsartikel_id": artikel.pk,
        },
    )
    return artikel


def sokning_logga(
    *, text: str, antal_traffar: int, roll: str, anvandare: AbstractUser | None
) -> Sokning:
    """Log one search for the gap report.

    Outside a caller's transaction the row is committed without waiting for the disk
    (synchronous_commit off for this transaction only): a crash may lose the last few
    log rows, never anything else, and the search does not wait for an fsync.
    """
    egen_transaktion = not connection.in_atomic_block
    with transaction.atomic():
        if egen_transaktion:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return Sokning.objects.create(
            text=text.strip()[:300],
            antal_traffar=antal_traffar,
            roll=roll[:20],
            anvandare=anvandare if anvandare is not None and anvandare.is_authenticated else None,
        )


@transaction.atomic
def synonym_spara(*, ord: str, betyder: str) -> Synonym:
    """Add a synonym pair (both directions count); idempotent."""
    ord, betyder = ord.strip().lower(), betyder.strip().lower()
    if not ord or not betyder or ord == betyder:
        raise OgiltigArtikel(_("En synonym behöver två olika ord."), code="ogiltig_synonym")
    synonym, _skapad = Synonym.objects.get_or_create(ord=ord, betyder=betyder)
    return synonym

"""Turn a quick registration (a call, a visit) into arenden service calls, in one transaction.

The outcome is one choice: solved directly, connected/referred to a colleague, callback
needed, or escalate. Each choice maps to the arenden services that record it, so the
ärende carries kanal, inkom and utfall like any other and statistics count it.
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenden import behorighet
from arenden import services as arende_services
from arenden.errors import OgiltigUppgift
from arenden.models import Arende, Forvaltning, Kategori, Utfall
from kanaler.snabbregistrering import forslag


class Val(models.TextChoices):
    """The outcome of a call or a visit, as the kommunvägledare picks it."""

    LOST = "lost", gettext_lazy("Löst direkt")
    KOPPLAT = "kopplat", gettext_lazy("Kopplat till kollega")
    ATERKONTAKT = "aterkontakt", gettext_lazy("Återuppringning behövs")
    ESKALERA = "eskalera", gettext_lazy("Eskalera till förvaltning")


# (artikel_id=, arende=, av=) -> None; records that a kunskapsartikel answered the ärende.
# The kunskapsbank's adapter is registered from kanaler.telefon's AppConfig.ready().
_artikelanvandning: list[Callable[..., None]] = []


def registrera_artikelanvandning(funktion: Callable[..., None]) -> None:
    """Make `funktion` record the kunskapsartikel a solved contact was answered with."""
    if funktion not in _artikelanvandning:
        _artikelanvandning.append(funktion)


def _rubrik(fraga: str) -> str:
    forsta = fraga.strip().splitlines()[0] if fraga.strip() else ""
    return forsta if len(forsta) <= 200 else forsta[:197] + "…"


@arende_services.atomic_block()
def snabbkontakt_registrera(
    *,
    av: AbstractUser,
    kanal: str,
    fraga: str,
    val: str,
    kontakt: dict[str, str] | None = None,
    kategori: Kategori | None = None,
    foresla_kategori: bool = True,
    forvaltning: Forvaltning | None = None,
    kunskapsartikel: int | None = None,
    svar: str = "",
    kopplat_till: str = "",
    orsak: str = "",
    kopplat_utfall: str = Utfall.KOPPLAT_SAMTAL,
    inkom: datetime | None = None,
) -> Arende:
    """Open the ärende for a call or visit and record its outcome; all or nothing.

    Without a kategori, the best suggestion from the question's words is used (when
    `foresla_kategori`). A solved contact closes as "löst av kontaktcenter", or as
    "besvarat med kunskapsartikel" when an article is named; a connected one closes with
    `kopplat_utfall` and to whom; a callback stays open in the queue with a note; an
    escalation goes to the chosen förvaltning or the kategori's.
    """
    fraga = fraga.strip()
    if not fraga:
        raise OgiltigUppgift(
            _("Skriv vad kontakten gällde."), code="fraga_saknas", extra={"falt": "fraga"}
        )
    if val not in Val.values:
        raise OgiltigUppgift(_("Välj ett utfall."), code="utfall_saknas", extra={"falt": "val"})
    kontakt = {k: v for k, v in (kontakt or {}).items() if v}
    if val == Val.KOPPLAT and not kopplat_till.strip():
        raise OgiltigUppgift(
            _("Skriv vem kontakten kopplades eller hänvisades till."),
            code="kopplat_till_saknas",
            extra={"falt": "kopplat_till"},
        )
    if val == Val.ATERKONTAKT and not (kontakt.get("telefon") or kontakt.get("epost")):
        raise OgiltigUppgift(
            _("Ange ett telefonnummer eller en e-postadress att återkomma till."),
            code="kontaktvag_saknas",
            extra={"falt": "kontakt_telefon"},
        )
    if kategori is None and foresla_kategori:
        forslagen = forslag.kategori_foresla(
            text=fraga, antal=1, kommun_id=behorighet.kommun_id_for_user(av)
        )
        kategori = forslagen[0] if forslagen else None
    if val == Val.ESKALERA:
        forvaltning = forvaltning or (kategori.forvaltning if kategori else None)
        if forvaltning is None:
            raise OgiltigUppgift(
                _("Välj förvaltning eller en kategori att eskalera till."),
                code="forvaltning_saknas",
                extra={"falt": "forvaltning"},
            )
    beskrivning = fraga if _rubrik(fraga) != fraga else ""
    arende = arende_services.arende_registrera(
        av=av,
        kontakt=kontakt,
        rubrik=_rubrik(fraga),
        beskrivning=beskrivning,
        kanal=kanal,
        kategori=kategori,
        inkom=inkom,
    )
    # Each service returns the ärende as it left it; `arende` stays as registered (the
    # kunskapsartikel's use is counted against the ärende before its answer).
    aktuellt = arende
    if svar.strip():
        aktuellt = arende_services.arende_svara(arende=arende, av=av, text=svar).arende
    if val == Val.LOST:
        utfall = Utfall.LOST_AV_KONTAKTCENTER
        if kunskapsartikel is not None:
            utfall = Utfall.KUNSKAPSARTIKEL
            for funktion in _artikelanvandning:
                funktion(artikel_id=kunskapsartikel, arende=arende, av=av)
        aktuellt = arende_services.arende_avsluta(arende=arende, av=av, utfall=utfall)
    elif val == Val.KOPPLAT:
        aktuellt = arende_services.arende_avsluta(
            arende=arende,
            av=av,
            utfall=kopplat_utfall,
            kommentar=_("Kopplat till %(vem)s.") % {"vem": kopplat_till.strip()},
        )
    elif val == Val.ATERKONTAKT:
        vag = kontakt.get("telefon") or kontakt.get("epost")
        text = _("Återkoppling behövs, till %(vag)s.") % {"vag": vag}
        arende_services.arende_anteckna(
            arende=arende, av=av, text=f"{text} {orsak.strip()}".strip()
        )
    else:
        aktuellt = arende_services.arende_eskalera(
            arende=arende, av=av, forvaltning=forvaltning, orsak=orsak.strip() or fraga
        )
    return aktuellt

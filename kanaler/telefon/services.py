"""Telefon: register a call from the quick form, take the växel's call events.

A missed call with a number becomes a callback ärende ("återuppringning") in the work
queue, once per call however often the event is replayed.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import kontaktuppgifter
from arenden import services as arende_services
from arenden.errors import OgiltigUppgift
from arenden.models import Arende, Kanal, Utfall
from kanaler.snabbregistrering.services import snabbkontakt_registrera
from kanaler.telefon.models import Samtal, Samtalshandelse


def _samtal_las(samtals_id: str) -> Samtal:
    """Return the call's row, created if new, locked for this transaction."""
    samtal, _ny = Samtal.objects.get_or_create(samtals_id=samtals_id)
    return Samtal.objects.select_for_update().get(pk=samtal.pk)


@arende_services.atomic_block()
def samtal_registrera(*, av: AbstractUser, samtals_id: str = "", **snabb) -> Arende:
    """Register a call from the quick form; link it to the växel's call when its id is given.

    `snabb` are snabbkontakt_registrera's arguments (fraga, val, kontakt, kategori, …).
    """
    arende = snabbkontakt_registrera(
        av=av, kanal=Kanal.TELEFON, kopplat_utfall=Utfall.KOPPLAT_SAMTAL, **snabb
    )
    if samtals_id.strip():
        samtal = _samtal_las(samtals_id.strip())
        samtal.arende = arende
        samtal.save(update_fields=["arende"])
    return arende


def _normalisera_nummer(nummer: str) -> str:
    if not nummer.strip():
        return ""
    try:
        return kontaktuppgifter.normalisera_telefon(nummer)
    except OgiltigUppgift:
        # A växel reports what the network gave ("anonymous", "unknown"): keep it, never refuse.
        return nummer.strip()[:30]


def _ringbart(nummer: str) -> bool:
    return nummer.isdigit() and len(nummer) >= 5


def samtalshandelse_ta_emot(
    *,
    samtals_id: str,
    typ: str,
    tid: datetime,
    nummer: str = "",
    ko: str = "",
    agent: str = "",
    kopplat_till: str = "",
    arende_nummer: str = "",
    data: dict | None = None,
) -> tuple[Samtalshandelse, bool]:
    """Record one call event; return it and whether it was new (False: a replay).

    Events may arrive out of order; each fills in its own moment on the call.
    """
    try:
        return _ta_emot(
            samtals_id=samtals_id,
            typ=typ,
            tid=tid,
            nummer=nummer,
            ko=ko,
            agent=agent,
            kopplat_till=kopplat_till,
            arende_nummer=arende_nummer,
            data=data or {},
        )
    except IntegrityError:
        # The same event arrived twice at once: the other request stored it.
        handelse = Samtalshandelse.objects.get(samtal__samtals_id=samtals_id, typ=typ, tid=tid)
        return handelse, False


@arende_services.atomic_block()
def _ta_emot(
    *,
    samtals_id: str,
    typ: str,
    tid: datetime,
    nummer: str,
    ko: str,
    agent: str,
    kopplat_till: str,
    arende_nummer: str,
    data: dict,
) -> tuple[Samtalshandelse, bool]:
    samtal = _samtal_las(samtals_id)
    befintlig = Samtalshandelse.objects.filter(samtal=samtal, typ=typ, tid=tid).first()
    if befintlig is not None:
        return befintlig, False
    handelse = Samtalshandelse.objects.create(samtal=samtal, typ=typ, tid=tid, data=data)

    samtal.nummer = samtal.nummer or _normalisera_nummer(nummer)
    samtal.ko = ko.strip()[:100] or samtal.ko
    samtal.agent = agent.strip()[:150] or samtal.agent
    if samtal.inkom is None or (typ == Samtalshandelse.Typ.INKOMMANDE and tid < samtal.inkom):
        samtal.inkom = tid
    if typ == Samtalshandelse.Typ.BESVARAT:
        samtal.besvarat = min(filter(None, (samtal.besvarat, tid)))
    elif typ == Samtalshandelse.Typ.MISSAT:
        samtal.missat = samtal.missat or tid
    elif typ == Samtalshandelse.Typ.KOPPLAT:
        samtal.kopplat = samtal.kopplat or tid
        samtal.kopplat_till = kopplat_till.strip()[:150] or samtal.kopplat_till
    elif typ == Samtalshandelse.Typ.AVSLUTAT:
        samtal.avslutat = samtal.avslutat or tid
    if arende_nummer.strip():
        samtal.arende = _arende(arende_nummer)
    if (
        samtal.missat is not None
        and samtal.besvarat is None
        and samtal.aterringning_id is None
        and _ringbart(samtal.nummer)
    ):
        samtal.aterringning = _aterringning_skapa(samtal)
    samtal.save()
    return handelse, True


def _arende(nummer: str) -> Arende:
    arende = Arende.objects.filter(nummer=nummer.strip().upper()).first()
    if arende is None:
        raise OgiltigUppgift(
            _("Ärendet %(nummer)s finns inte.") % {"nummer": nummer},
            code="arende_saknas",
            extra={"falt": "arende"},
        )
    return arende


def _aterringning_skapa(samtal: Samtal) -> Arende:
    """Open the callback ärende for a missed call, in the transaction that saw it missed."""
    lokal = timezone.localtime(samtal.inkom)
    arende = arende_services.arende_registrera(
        av=None,
        kontakt={"telefon": samtal.nummer},
        rubrik=_("Återuppringning: missat samtal från %(nummer)s") % {"nummer": samtal.nummer},
        kanal=Kanal.TELEFON,
        inkom=samtal.inkom,
    )
    arende_services.arende_anteckna(
        arende=arende,
        av=None,
        text=_("Återuppringning. Missat samtal i kön ”%(ko)s” %(tid)s. Ring upp %(nummer)s.")
        % {
            "ko": samtal.ko or _("okänd"),
            "tid": lokal.strftime("%Y-%m-%d %H:%M"),
            "nummer": samtal.nummer,
        },
    )
    return arende

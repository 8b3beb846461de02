"""The outbox's state changes: queue, send, reconcile, retry, mark by hand.

States: köad → skickas → registrerad, or on the way okänt utfall (the request may have
been committed; the next attempt looks the case up before anything is created),
misslyckad – försöker igen (transient or auth trouble; retried with backoff) and
misslyckad – kräver åtgärd (Platina refused the content; only a registrator moves it on).
"""

import base64
import logging
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import services as arende_services
from arenden.models import Arende, Bilaga, Meddelande
from platina_bridge import behorighet, konfiguration, las
from platina_bridge.errors import (
    PlatinaBehorighet,
    PlatinaFel,
    PlatinaOklartUtfall,
    PlatinaValidering,
    RegistreringFel,
)
from platina_bridge.klient import Fall, Handling, NyttFall, PlatinaKlient
from platina_bridge.klient import klient as ny_klient
from platina_bridge.models import PlatinaRegistrering, Tillstand

logger = logging.getLogger(__name__)

# Rows the beat task re-sends per run; each is one small task message.
FASTNADE_PER_KORNING = 500
# Attachments larger than this stay in Kontaktcenter; the handling says so.
STORSTA_BILAGA_BYTE = 10 * 1024 * 1024


def _skicka_efter_commit(registrering_id: int) -> None:
    from platina_bridge import tasks

    transaction.on_commit(
        lambda: tasks.registrering_skicka.apply_async(
            args=[registrering_id], queue=konfiguration.varde("KO")
        )
    )


def registrering_koa_vid_eskalering(*, arende: Arende, av: AbstractUser | None, diariefor: bool):
    """The escalation hook (see arenden.krokar): queue diarieföring when it was asked for."""
    if diariefor:
        registrering_koa(arende=arende)


def registrering_koa(*, arende: Arende) -> PlatinaRegistrering | None:
    """Write the outbox row in the caller's transaction and send it after commit.

    One registration per ärende: escalating again, or an ärende that already carries a
    diarienummer, queues nothing new.
    """
    befintlig = PlatinaRegistrering.objects.filter(arende=arende).first()
    if befintlig is not None or arende.diarienummer:
        return befintlig
    registrering = PlatinaRegistrering.objects.create(
        arende=arende,
        diarium=str(konfiguration.varde("DIARIUM")),
        idempotensnyckel=arende.nummer,
    )
    _skicka_efter_commit(registrering.pk)
    return registrering


def _nytt_fall(arende: Arende) -> NyttFall:
    kontakt = arende.kontakt
    initierare = []
    if kontakt is not None:
        initierare.append({"name": kontakt.namn, "email": kontakt.epost, "phone": kontakt.telefon})
    beskrivning = (arende.beskrivning or arende.rubrik).strip()[:4000]
    return NyttFall(
        extern_referens=arende.nummer,
        titel=arende.rubrik[:200],
        beskrivning=beskrivning,
        arendetyp_id=konfiguration.varde("ARENDETYP_ID"),
        status_id=konfiguration.varde("STATUS_ID"),
        ursprung=konfiguration.varde("URSPRUNG"),
        # Personal data about a named person is in the case (PuL level 1), none otherwise.
        pul_niva=1 if kontakt is not None else 0,
        sekretessniva=1 if arende.sekretess else 0,
        # Which OSL paragraph applies is a registrator's judgement, never guessed here:
        # Platina refuses secrecy without one, and the row waits in "kräver åtgärd".
        sekretessparagrafer=[],
        initierare=initierare,
    )


def _handling(arende: Arende) -> Handling:
    meddelande = (
        Meddelande.objects.filter(arende=arende, riktning=Meddelande.Riktning.IN)
        .order_by("skapad", "id")
        .first()
    )
    text = (meddelande.text if meddelande else "") or arende.beskrivning or arende.rubrik
    dokument = []
    for bilaga in Bilaga.objects.filter(arende=arende).order_by("id"):
        if bilaga.storlek > STORSTA_BILAGA_BYTE:
            text += "\n" + _("Bilagan %(namn)s är för stor och finns i Kontaktcenter.") % {
                "namn": bilaga.namn
            }
            continue
        with bilaga.fil.open("rb") as fil:
            innehall = base64.b64encode(fil.read()).decode("ascii")
        dokument.append({"fileName": bilaga.namn, "mimeType": bilaga.typ, "content": innehall})
    return Handling(
        extern_referens=f"{arende.nummer}/in",
        titel=_("Inkommande meddelande %(nummer)s") % {"nummer": arende.nummer},
        text=text[:4000],
        dokument=dokument,
    )


def _markera_fel(
    registrering_id: int, fel: PlatinaFel, tillstand: str, *, oklart: bool = False
) -> None:
    with transaction.atomic():
        registrering = PlatinaRegistrering.objects.select_for_update().get(pk=registrering_id)
        if registrering.tillstand == Tillstand.REGISTRERAD:
            return
        registrering.tillstand = tillstand
        registrering.senaste_fel = fel.message
        registrering.senaste_felkod = fel.code
        registrering.uppdaterad = timezone.now()
        if oklart:
            registrering.oklart_sedan = registrering.uppdaterad
        registrering.save()
    if isinstance(fel, PlatinaBehorighet):
        # Credentials rarely heal by themselves: tell whoever watches the logs.
        logger.error("Platina nekar bryggan åtkomst: %s", fel.message)


def _markera_registrerad(
    registrering_id: int, fall: Fall, *, av: AbstractUser | None = None
) -> PlatinaRegistrering:
    with transaction.atomic():
        registrering = PlatinaRegistrering.objects.select_for_update().get(pk=registrering_id)
        if registrering.tillstand != Tillstand.REGISTRERAD:
            nu = timezone.now()
            registrering.tillstand = Tillstand.REGISTRERAD
            registrering.diarienummer = fall.diarienummer
            registrering.platina_id = fall.id or None
            registrering.handling_registrerad = av is None
            registrering.manuellt_av = av
            registrering.registrerad = nu
            registrering.uppdaterad = nu
            registrering.senaste_fel = ""
            registrering.senaste_felkod = ""
            registrering.save()
            arende_services.arende_satt_diarienummer(
                arende=registrering.arende,
                diarienummer=fall.diarienummer,
                av=av,
                manuellt=av is not None,
            )
    return registrering


def _inte_an(vanta_ut: bool) -> None:
    if vanta_ut:
        raise PlatinaOklartUtfall(
            _(
                "Ett tidigare anrop kan fortfarande vara på väg in i Platina; "
                "registreringen stäms av igen om en stund."
            ),
            extra={"vantar_ut": True},
        )


def registrering_skicka(
    *, registrering_id: int, klient: PlatinaKlient | None = None
) -> PlatinaRegistrering:
    """Send one registration: look up by ärendenummer, create only if absent, add the handling.

    Holds the diary's lock throughout. Raises the typed error for anything worth
    retrying (the task retries it); a validation error parks the row instead.
    """
    registrering = PlatinaRegistrering.objects.get(pk=registrering_id)
    with las.diarielas(registrering.diarium):
        with transaction.atomic():
            registrering = (
                PlatinaRegistrering.objects.select_for_update()
                .select_related("arende")
                .get(pk=registrering_id)
            )
            if registrering.tillstand in (Tillstand.REGISTRERAD, Tillstand.KRAVER_ATGARD):
                return registrering
            # Only a row that was never sent can skip the lookup: anything else may already
            # have a case in Platina (an ambiguous outcome, a worker that died mid-send).
            aldrig_skickad = registrering.tillstand == Tillstand.KOAD and registrering.forsok == 0
            nu = timezone.now()
            # A request that timed out may still be on its way into Platina: until it has
            # had time to land, "not found" proves nothing, so nothing is created yet.
            vanta_ut = registrering.oklart_sedan is not None and (
                nu - registrering.oklart_sedan
            ).total_seconds() < konfiguration.varde("OKLART_VANTA_SEKUNDER")
            registrering.tillstand = Tillstand.SKICKAS
            registrering.forsok += 1
            registrering.skickas_sedan = nu
            registrering.uppdaterad = nu
            registrering.save()
        arende = registrering.arende
        egen_klient = klient is None
        klient = klient or ny_klient()
        try:
            fall = None
            if not aldrig_skickad:
                fall = klient.hitta_arende(
                    diarium=registrering.diarium, extern_referens=registrering.idempotensnyckel
                )
            if fall is None:
                _inte_an(vanta_ut)
                fall = klient.registrera_arende(
                    diarium=registrering.diarium, fall=_nytt_fall(arende)
                )
            handling = _handling(arende)
            if not any(
                h.get("externalReference") == handling.extern_referens for h in fall.handlingar
            ):
                _inte_an(vanta_ut)
                klient.registrera_handling(fall_id=fall.id, handling=handling)
        except PlatinaValidering as fel:
            _markera_fel(registrering_id, fel, Tillstand.KRAVER_ATGARD)
            return PlatinaRegistrering.objects.get(pk=registrering_id)
        except PlatinaOklartUtfall as fel:
            _markera_fel(
                registrering_id, fel, Tillstand.OKANT_UTFALL, oklart=not fel.extra.get("vantar_ut")
            )
            raise
        except PlatinaFel as fel:
            _markera_fel(registrering_id, fel, Tillstand.FORSOKER_IGEN)
            raise
        finally:
            if egen_klient and hasattr(klient, "stang"):
                klient.stang()
        return _markera_registrerad(registrering_id, fall)


def _kontrollera_inte_klar(registrering: PlatinaRegistrering) -> None:
    """Refuse a registration that is already done (the view may hide the number it names)."""
    if registrering.tillstand == Tillstand.REGISTRERAD:
        raise RegistreringFel(
            _("Registreringen är redan klar (%(nummer)s).") % {"nummer": registrering.diarienummer},
            code="platina_registrering_klar",
        )


@transaction.atomic
def registrering_forsok_igen(*, registrering: PlatinaRegistrering, av: AbstractUser):
    """Queue a failed registration again (after a registrator fixed the cause).

    Refused (BehorighetSaknas) to anyone but a teamledare or administratör of the ärende's
    kommun (platina_bridge/behorighet.py).
    """
    behorighet.kontrollera_registrering(av, registrering)
    registrering = PlatinaRegistrering.objects.select_for_update().get(pk=registrering.pk)
    _kontrollera_inte_klar(registrering)
    registrering.tillstand = Tillstand.KOAD
    registrering.uppdaterad = timezone.now()
    registrering.save()
    logger.info("%s köar %s igen", av.get_username(), registrering.idempotensnyckel)
    _skicka_efter_commit(registrering.pk)
    return registrering


def registrering_markera_manuellt(
    *, registrering: PlatinaRegistrering, av: AbstractUser, diarienummer: str
) -> PlatinaRegistrering:
    """Record that a registrator diariefört the ärende by hand, with the number he got.

    Refused (BehorighetSaknas) to anyone but a teamledare or administratör of the ärende's
    kommun, and to anyone who may not see the ärende's content: for a sekretessmarkerat
    ärende only those named on it (platina_bridge/behorighet.py).
    """
    behorighet.kontrollera_markera_manuellt(av, registrering)
    diarienummer = diarienummer.strip()
    if not diarienummer:
        raise RegistreringFel(
            _("Skriv in diarienumret som ärendet fick i Platina."), code="diarienummer_saknas"
        )
    _kontrollera_inte_klar(registrering)
    logger.info(
        "%s markerar %s som registrerad manuellt: %s",
        av.get_username(),
        registrering.idempotensnyckel,
        diarienummer,
    )
    return _markera_registrerad(
        registrering.pk, Fall(id=0, diarienummer=diarienummer, extern_referens=""), av=av
    )


def registreringar_skicka_fastnade(*, nu=None) -> list[int]:
    """Queue again every unfinished registration untouched for `FASTNAD_MINUTER`."""
    nu = nu or timezone.now()
    grans = nu - timedelta(minutes=konfiguration.varde("FASTNAD_MINUTER"))
    with transaction.atomic():
        ids = list(
            PlatinaRegistrering.objects.select_for_update(skip_locked=True)
            .filter(tillstand__in=Tillstand.pagaende(), uppdaterad__lt=grans)
            .order_by("uppdaterad")
            .values_list("pk", flat=True)[:FASTNADE_PER_KORNING]
        )
        # Touch them so that the next beat run does not queue them a second time.
        PlatinaRegistrering.objects.filter(pk__in=ids).update(uppdaterad=nu)
        for registrering_id in ids:
            _skicka_efter_commit(registrering_id)
    return ids

"""Open ePlatform: poll it for new FlowInstances, report our status changes back.

Polling feeds every instance through the same intake as the API endpoint
(`services.inlamning_ta_emot`), so a re-poll, an overlapping poll or a platform that also
pushes never makes a second ärende. Reports back go through an outbox
(`OepAterrapport`), written in the transaction of the Handelse they report.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from arenden.models import Handelse, Kanal
from kanaler.etjanst import konfiguration, services, tolkning
from kanaler.etjanst.errors import (
    OepAvvisad,
    OepFel,
    OepTillfalligt,
    OgiltigBilaga,
    OgiltigInlamning,
)
from kanaler.etjanst.models import Inlamning, OepAterrapport, OepFelaktigInstans, OepHamtning
from kanaler.etjanst.oep_klient import OepKlient

logger = logging.getLogger(__name__)

# The list API takes whole dates, and a submission posted just before a poll may be listed
# only after it: each poll reaches back this far before the last good one. Instances
# already imported are skipped before they are fetched, so the overlap costs one list.
OVERLAPP = timedelta(days=1)
# Reports re-sent per beat run; each is one small task message.
FASTNADE_PER_KORNING = 500


# ---------------------------------------------------------------------------------------
# Polling


def _flagga(*, familj: str, instans_id: str, fel: OepFel | OgiltigInlamning, ra: bytes) -> None:
    """Keep an instance that cannot become an ärende, with its body and why; log its id."""
    nu = timezone.now()
    flaggad, ny = OepFelaktigInstans.objects.get_or_create(
        instans_id=instans_id,
        defaults={"familj": familj, "fel": fel.message, "felkod": fel.code, "innehall": ra},
    )
    if not ny:
        flaggad.fel, flaggad.felkod, flaggad.innehall = fel.message, fel.code, ra
        flaggad.forsok += 1
        flaggad.senast_sedd = nu
        flaggad.save()
    logger.error(
        "Open ePlatform-instans %s (familj %s) kunde inte tas emot: %s", instans_id, familj, fel
    )


def hamtning_kor(*, familj: str, klient: OepKlient | None = None, nu=None) -> dict[str, int]:
    """Poll one flow family: import each new instance, flag bad ones, then move the watermark.

    A failure to list (network, server error, an unknown family) or to fetch (network,
    server error) stops the poll and leaves the watermark where it was, so the next poll
    covers the same ground; what was imported before the failure is skipped then. Raises
    the `OepFel`.
    """
    nu = nu or timezone.now()
    hamtning, _ = OepHamtning.objects.get_or_create(familj=familj)
    if hamtning.senast_lyckad is not None:
        fran = timezone.localdate(hamtning.senast_lyckad - OVERLAPP)
    else:
        fran = timezone.localdate(nu) - timedelta(days=konfiguration.oep("FORSTA_DAGAR"))
    till = timezone.localdate(nu) + timedelta(days=1)
    resultat = {"nya": 0, "kanda": 0, "flaggade": 0}
    egen_klient = klient is None
    klient = klient or OepKlient()
    try:
        ids = klient.lista_instanser(familj=familj, fran=fran, till=till)
        kanda = set(
            Inlamning.objects.filter(
                extern_id__in=[tolkning.OEP_PREFIX + i for i in ids]
            ).values_list("extern_id", flat=True)
        )
        for instans_id in ids:
            if tolkning.OEP_PREFIX + instans_id in kanda:
                resultat["kanda"] += 1
                continue
            ra = b""
            try:
                ra = klient.hamta_instans(instans_id)
                data = tolkning.flowinstance_tolka(ra)
                if data.extern_id != tolkning.OEP_PREFIX + instans_id:
                    raise OgiltigInlamning(
                        f"Listan angav instans {instans_id} men dokumentet är {data.extern_id}.",
                        code="oep_fel_instans",
                    )
                _inlamning, ny = services.inlamning_ta_emot(data=data, av=None)
            except (OgiltigInlamning, OgiltigBilaga, OepAvvisad) as fel:
                _flagga(familj=familj, instans_id=instans_id, fel=fel, ra=ra)
                resultat["flaggade"] += 1
                continue
            except OepTillfalligt:
                raise
            except Exception as fel:
                # A fault of ours with this one instance must not hold up every later poll:
                # keep it, with the traceback in the log, and go on with the others.
                logger.exception("Oväntat fel med Open ePlatform-instans %s", instans_id)
                ovantat = OgiltigInlamning(
                    f"Oväntat fel: {type(fel).__name__}: {fel}", code="ovantat_fel"
                )
                _flagga(familj=familj, instans_id=instans_id, fel=ovantat, ra=ra)
                resultat["flaggade"] += 1
                continue
            OepFelaktigInstans.objects.filter(instans_id=instans_id).delete()
            resultat["nya" if ny else "kanda"] += 1
    except OepFel as fel:
        hamtning.senaste_forsok = nu
        hamtning.senaste_fel = fel.message
        hamtning.save(update_fields=["senaste_forsok", "senaste_fel"])
        logger.warning("Hämtning från Open ePlatform (familj %s) misslyckades: %s", familj, fel)
        raise
    finally:
        if egen_klient:
            klient.stang()
    siffror = [int(i) for i in ids if i.isdigit()]
    hamtning.senast_lyckad = nu
    hamtning.senaste_forsok = nu
    hamtning.senaste_fel = ""
    hamtning.hogsta_instans = max([hamtning.hogsta_instans, *siffror])
    hamtning.save()
    return resultat


def hamtning_kor_alla(*, klient: OepKlient | None = None) -> dict[str, dict[str, int] | str]:
    """Poll every configured flow family; one family's failure does not stop the others."""
    resultat: dict[str, dict[str, int] | str] = {}
    if not konfiguration.oep_hamtning_aktiv():
        return resultat
    for familj in konfiguration.oep("FAMILJER"):
        try:
            resultat[familj] = hamtning_kor(familj=familj, klient=klient)
        except OepFel as fel:
            resultat[familj] = fel.code
    return resultat


# ---------------------------------------------------------------------------------------
# Reporting back


def _skicka_efter_commit(inlamning_id: int) -> None:
    from kanaler.etjanst import tasks

    transaction.on_commit(lambda: tasks.aterrapporter_skicka.delay(inlamning_id))


def _rapporter(handelse: Handelse) -> list[tuple[str, str, str]]:
    """What a Handelse means to Open ePlatform: (kind, status alias, text) per call."""
    typ = handelse.typ
    if typ == Handelse.Typ.TILLDELAT and not handelse.data.get("fran"):
        return [(OepAterrapport.Typ.STATUS, konfiguration.oep("STATUS_TAGEN"), "")]
    if typ == Handelse.Typ.ATEROPPNAT:
        return [(OepAterrapport.Typ.STATUS, konfiguration.oep("STATUS_TAGEN"), "")]
    if typ == Handelse.Typ.SVAR:
        return [
            (OepAterrapport.Typ.STATUS, konfiguration.oep("STATUS_BESVARAD"), ""),
            (OepAterrapport.Typ.MEDDELANDE, "", handelse.data.get("text", "")),
        ]
    if typ == Handelse.Typ.AVSLUTAT:
        return [(OepAterrapport.Typ.STATUS, konfiguration.oep("STATUS_AVSLUTAD"), "")]
    return []


def aterrapport_koa_vid_handelse(*, handelse: Handelse) -> list[OepAterrapport]:
    """The Handelse hook (see arenden.krokar): queue reports for an Open ePlatform ärende.

    Taken (first assignment), reopened, answered (status and the answer as a message) and
    closed are reported; everything else stays ours. Runs in the service's transaction.
    """
    if handelse.arende.kanal != Kanal.ETJANST or not konfiguration.oep_aterrapport_aktiv():
        return []
    rapporter = _rapporter(handelse)
    if not rapporter:
        return []
    inlamning = (
        Inlamning.objects.filter(
            arende_id=handelse.arende_id,
            format=Inlamning.Format.FLOWINSTANCE,
            extern_id__startswith=tolkning.OEP_PREFIX,
        )
        .order_by("id")
        .first()
    )
    if inlamning is None:
        return []
    rader = [
        OepAterrapport.objects.get_or_create(
            handelse=handelse,
            typ=typ,
            defaults={"inlamning": inlamning, "status_alias": alias, "text": text},
        )[0]
        for typ, alias, text in rapporter
    ]
    _skicka_efter_commit(inlamning.pk)
    return rader


def _skicka_en(rad: OepAterrapport, klient: OepKlient) -> None:
    instans_id = rad.inlamning.extern_id.removeprefix(tolkning.OEP_PREFIX)
    if rad.typ == OepAterrapport.Typ.STATUS:
        klient.satt_status(instans_id=instans_id, status_alias=rad.status_alias)
    else:
        klient.lagg_till_meddelande(instans_id=instans_id, text=rad.text, skickat=rad.skapad)


def aterrapporter_skicka(*, inlamning_id: int, klient: OepKlient | None = None) -> int:
    """Send a submission's waiting reports in the order they happened; return how many went.

    Each report is sent under its own row lock and marked sent in the same transaction, so
    two workers never send one twice. A refused report (unknown status alias, unknown
    instance) is set aside for an operator and the next one goes; a transient failure
    stops the sequence (a later status must not overtake an earlier one) and is raised
    for the task to retry.
    """
    vantande = (OepAterrapport.Tillstand.KOAD, OepAterrapport.Tillstand.FORSOKER_IGEN)
    ids = list(
        OepAterrapport.objects.filter(inlamning_id=inlamning_id, tillstand__in=vantande)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    skickade = 0
    fel: OepTillfalligt | None = None
    egen_klient = klient is None and bool(ids)
    klient = klient or (OepKlient() if ids else None)
    try:
        for rad_id in ids:
            with transaction.atomic():
                rad = (
                    OepAterrapport.objects.select_for_update(skip_locked=True)
                    .select_related("inlamning")
                    .filter(pk=rad_id, tillstand__in=vantande)
                    .first()
                )
                if rad is None:
                    # Another worker is sending this submission's reports right now.
                    break
                rad.forsok += 1
                rad.uppdaterad = timezone.now()
                try:
                    _skicka_en(rad, klient)
                except OepAvvisad as avvisad:
                    rad.tillstand = OepAterrapport.Tillstand.KRAVER_ATGARD
                    rad.senaste_fel = avvisad.message
                    rad.save()
                    logger.error(
                        "Open ePlatform avvisade återrapport %s (%s): %s",
                        rad.pk,
                        rad.inlamning.extern_id,
                        avvisad,
                    )
                    continue
                except OepTillfalligt as tillfalligt:
                    rad.tillstand = OepAterrapport.Tillstand.FORSOKER_IGEN
                    rad.senaste_fel = tillfalligt.message
                    rad.save()
                    fel = tillfalligt
                    break
                rad.tillstand = OepAterrapport.Tillstand.SKICKAD
                rad.skickad = rad.uppdaterad
                rad.senaste_fel = ""
                rad.save()
                skickade += 1
    finally:
        if egen_klient:
            klient.stang()
    if fel is not None:
        logger.warning("Återrapport till Open ePlatform misslyckades, försöker igen: %s", fel)
        raise fel
    return skickade


def aterrapporter_skicka_fastnade(*, nu=None) -> list[int]:
    """Queue again every submission with a report waiting longer than `FASTNAD_MINUTER`."""
    nu = nu or timezone.now()
    grans = nu - timedelta(minutes=konfiguration.oep("FASTNAD_MINUTER"))
    with transaction.atomic():
        rader = list(
            OepAterrapport.objects.select_for_update(skip_locked=True)
            .filter(
                tillstand__in=(
                    OepAterrapport.Tillstand.KOAD,
                    OepAterrapport.Tillstand.FORSOKER_IGEN,
                ),
                uppdaterad__lt=grans,
            )
            .order_by("uppdaterad")
            .values_list("pk", "inlamning_id")[:FASTNADE_PER_KORNING]
        )
        # Touch them so that the next beat run does not queue them a second time.
        OepAterrapport.objects.filter(pk__in=[pk for pk, _ in rader]).update(uppdaterad=nu)
        inlamningar = sorted({inlamning_id for _, inlamning_id in rader})
        for inlamning_id in inlamningar:
            _skicka_efter_commit(inlamning_id)
    return inlamningar

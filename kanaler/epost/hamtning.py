"""One run over one mailbox: fetch new mails over IMAP, store their bytes, place them.

The order is what makes it safe:

1. Take the mailbox's lock in Redis; a second run (beat plus a manual run, two workers)
   returns at once instead of overlapping.
2. Place rows a crashed run stored but never placed (status `ny`).
3. Compare UIDVALIDITY; when it changed, re-read the folder from UID 1 (the dedupe key
   keeps every mail single).
4. Per batch: fetch sizes, dates and Message-IDs first; skip what is already stored; fetch
   the bodies of the rest (headers only for a mail over the size limit); store the raw bytes
   and the new last UID in one transaction (commit 1).
5. Parse and place the stored mails of the batch in one transaction, in bulk
   (services.inkommet_placera_manga; commit 2). Should one fail, the batch rolls back and
   is placed again mail by mail, each in its own savepoint: the one that fails goes to the
   dead-letter list (status `fel`) with its error, the rest go on.
6. Only now flag the mails on the server (or move them to the Behandlat folder).

A crash before commit 1 leaves nothing behind: the next run fetches the same UIDs again.
A crash between 1 and 2 leaves rows `ny`, placed by step 2 next time. A crash before 6
leaves rows `markerad=False`, flagged next time. Nothing is lost and, because the key
(Message-ID, or a hash of the bytes) is unique per mailbox, nothing is stored twice.
"""

import logging
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from kanaler.epost import konfiguration, services, tolkning
from kanaler.epost.errors import EpostkontoFel
from kanaler.epost.models import Epostkonto, Inkommet

logger = logging.getLogger(__name__)

FLAGGA = b"$Kontaktcenter"
# At most this many bytes of raw mail are held in memory at once, whatever the batch size.
BATCH_MAX_BYTE = 64 * 1024 * 1024


@dataclass
class Resultat:
    konto: str
    upptagen: bool = False
    hamtade: int = 0
    dubbletter: int = 0
    placerade: int = 0
    fel: int = 0
    for_stora: int = 0
    meddelanden: list[str] = field(default_factory=list)


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


def _lasnamn(konto: Epostkonto) -> str:
    # The database name keeps two installations (or parallel test runs) on one Redis apart.
    return f"kc:epost:las:{settings.DATABASES['default']['NAME']}:{konto.pk}"


@contextmanager
def _anslut(konto: Epostkonto) -> Iterator[IMAPClient]:
    losenord = os.environ.get(konto.losenord_variabel)
    if losenord is None:
        raise EpostkontoFel(
            _("Miljövariabeln %(namn)s med lösenordet till %(konto)s saknas.")
            % {"namn": konto.losenord_variabel, "konto": konto.namn}
        )
    try:
        imap = IMAPClient(konto.imap_vard, port=konto.imap_port, ssl=konto.imap_tls, timeout=60)
        # INTERNALDATE as an aware datetime, not converted to the machine's local time.
        imap.normalise_times = False
        imap.login(konto.imap_anvandare, losenord)
    except (IMAPClientError, OSError) as fel:
        raise EpostkontoFel(
            _("Kunde inte logga in på %(konto)s: %(fel)s") % {"konto": konto.namn, "fel": fel}
        ) from fel
    try:
        yield imap
    finally:
        with suppress(IMAPClientError, OSError):
            imap.logout()


def konto_hamta(*, konto: Epostkonto) -> Resultat:
    """Fetch and place every new mail of one mailbox; see the module docstring for the order."""
    resultat = Resultat(konto=konto.namn)
    # Every mail of the run reads these; fetch them once, not once per mail.
    konto = Epostkonto.objects.select_related("forvaltning__kommun", "kategori").get(pk=konto.pk)
    las = _redis().lock(_lasnamn(konto), timeout=konfiguration.varde("LAS_SEKUNDER"))
    if not las.acquire(blocking=False):
        resultat.upptagen = True
        return resultat
    try:
        _placera_vantande(konto, resultat)
        with _anslut(konto) as imap:
            _hamta_mapp(imap, konto, resultat)
            _markera(imap, konto)
        Epostkonto.objects.filter(pk=konto.pk).update(senast_hamtad=timezone.now())
    finally:
        try:
            las.release()
        except redis.exceptions.LockError:
            logger.warning("Låset för %s hade gått ut före körningens slut.", konto.namn)
    return resultat


def _hamta_mapp(imap: IMAPClient, konto: Epostkonto, resultat: Resultat) -> None:
    try:
        info = imap.select_folder(konto.mapp)
    except IMAPClientError as fel:
        raise EpostkontoFel(
            _("Mappen %(mapp)s finns inte i %(konto)s.") % {"mapp": konto.mapp, "konto": konto.namn}
        ) from fel
    uidvalidity = int(info[b"UIDVALIDITY"])
    if konto.uidvalidity != uidvalidity:
        if konto.uidvalidity is not None:
            logger.warning("UIDVALIDITY ändrades för %s; mappen läses om.", konto.namn)
        konto.uidvalidity = uidvalidity
        konto.senaste_uid = 0
        konto.save(update_fields=["uidvalidity", "senaste_uid"])
    kriterier: list = ["UID", f"{konto.senaste_uid + 1}:*"]
    if konto.behandlat == Epostkonto.Behandlat.FLAGGA:
        kriterier += ["UNKEYWORD", FLAGGA.decode()]
    # "n:*" always matches the highest UID, even below n; keep only the really new ones.
    uids = sorted(u for u in imap.search(kriterier) if u > konto.senaste_uid)
    batch = konfiguration.varde("BATCH")
    for start in range(0, len(uids), batch):
        _hamta_batch(imap, konto, uids[start : start + batch], resultat)


def _hamta_batch(imap: IMAPClient, konto: Epostkonto, uids: list[int], resultat: Resultat):
    max_storlek = konfiguration.varde("MAX_STORLEK")
    huvuden = imap.fetch(
        uids, ["RFC822.SIZE", "INTERNALDATE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]
    )
    kandidater = []
    for uid in uids:
        data = huvuden.get(uid)
        if data is None:
            continue  # expunged meanwhile
        message_id = tolkning.message_id_ur_huvud(
            data.get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]", b"")
        )
        kandidater.append((uid, int(data[b"RFC822.SIZE"]), data.get(b"INTERNALDATE"), message_id))
    kanda = set(
        Inkommet.objects.filter(
            konto=konto, nyckel__in=[m for (_u, _s, _d, m) in kandidater if m]
        ).values_list("nyckel", flat=True)
    )
    redan = [uid for (uid, _s, _d, m) in kandidater if m and m in kanda]
    resultat.dubbletter += len(redan)
    nya = [k for k in kandidater if not (k[3] and k[3] in kanda)]
    # Fetch bodies in groups that stay under BATCH_MAX_BYTE of memory.
    grupp: list = []
    byte = 0
    for kandidat in nya:
        storlek = min(kandidat[1], max_storlek)
        if grupp and byte + storlek > BATCH_MAX_BYTE:
            _lagra_grupp(imap, konto, grupp, resultat)
            grupp, byte = [], 0
        grupp.append(kandidat)
        byte += storlek
    if grupp:
        _lagra_grupp(imap, konto, grupp, resultat)
    if redan:
        _markera_uids(imap, konto, redan)
    hogsta = max(uids)
    if hogsta > konto.senaste_uid:
        konto.senaste_uid = hogsta
        Epostkonto.objects.filter(pk=konto.pk).update(senaste_uid=hogsta)


def _lagra_grupp(imap: IMAPClient, konto: Epostkonto, grupp: list, resultat: Resultat) -> None:
    max_storlek = konfiguration.varde("MAX_STORLEK")
    hela = [uid for (uid, storlek, _d, _m) in grupp if storlek <= max_storlek]
    stora = [uid for (uid, storlek, _d, _m) in grupp if storlek > max_storlek]
    kroppar = imap.fetch(hela, ["BODY.PEEK[]"]) if hela else {}
    if stora:
        kroppar.update(
            {
                uid: {b"BODY[]": d[b"BODY[HEADER]"], "bara_huvud": True}
                for uid, d in imap.fetch(stora, ["BODY.PEEK[HEADER]"]).items()
            }
        )
    rader: dict[str, Inkommet] = {}
    for uid, storlek, datum, message_id in grupp:
        data = kroppar.get(uid)
        if data is None:
            continue
        ra = bytes(data[b"BODY[]"])
        nyckel = tolkning.nyckel(message_id, ra)
        if nyckel in rader:
            continue
        mottagen = datum if datum is not None else timezone.now()
        if timezone.is_naive(mottagen):
            mottagen = timezone.make_aware(mottagen)
        rader[nyckel] = Inkommet(
            konto=konto,
            nyckel=nyckel,
            message_id=message_id[:300],
            uidvalidity=konto.uidvalidity,
            uid=uid,
            ra=ra,
            storlek=storlek,
            bara_huvud=bool(data.get("bara_huvud")),
            mottagen=mottagen,
        )
    # Commit 1: the bytes are safe before anything is parsed. A mail without a Message-ID
    # that was stored by a crashed run has the same hash key and is skipped here.
    with transaction.atomic():
        kanda = set(
            Inkommet.objects.filter(konto=konto, nyckel__in=list(rader)).values_list(
                "nyckel", flat=True
            )
        )
        nya = [r for n, r in rader.items() if n not in kanda]
        Inkommet.objects.bulk_create(nya)
    resultat.dubbletter += len(rader) - len(nya)
    resultat.hamtade += len(nya)
    resultat.for_stora += sum(1 for r in nya if r.bara_huvud)
    _placera(nya, resultat)
    del kroppar, rader, nya


def _placera(rader: list[Inkommet], resultat: Resultat) -> None:
    """Commit 2: parse and place the batch in one transaction, in bulk.

    Should any mail fail, the whole batch rolls back (its raw bytes are safe since commit
    1) and is placed again one mail at a time, so that only the bad one goes to the
    dead-letter list.
    """
    if not rader:
        return
    try:
        services.inkommet_placera_manga(rader=rader)
    except Exception:  # One bad mail must never stop the run: find it mail by mail.
        logger.warning("En batch på %s brev placeras brev för brev.", len(rader), exc_info=True)
    else:
        resultat.placerade += len(rader)
        return
    # The rolled-back attempt left unsaved changes on the objects; start from the database.
    konto = rader[0].konto
    rader = list(Inkommet.objects.filter(pk__in=[r.pk for r in rader]).order_by("id"))
    for inkommet in rader:
        if inkommet.konto_id == konto.pk:
            inkommet.konto = konto
    _placera_en_och_en(rader, resultat)


def _placera_en_och_en(rader: list[Inkommet], resultat: Resultat) -> None:
    """Place each mail in its own savepoint; one that fails goes to the dead-letter list."""
    with transaction.atomic():
        for inkommet in rader:
            try:
                # inkommet_placera is atomic: nested here, it is one savepoint per mail.
                services.inkommet_placera(inkommet=inkommet)
                resultat.placerade += 1
            except Exception:  # One bad mail must never stop the run: dead-letter it.
                logger.exception("Brevet %s kunde inte placeras.", inkommet.nyckel)
                Inkommet.objects.filter(pk=inkommet.pk).update(
                    status=Inkommet.Status.FEL, fel=traceback.format_exc()[-5000:]
                )
                resultat.fel += 1


def _placera_vantande(konto: Epostkonto, resultat: Resultat) -> None:
    vantande = Inkommet.objects.filter(konto=konto, status=Inkommet.Status.NY).order_by("id")
    while True:
        rader = list(vantande[: konfiguration.varde("BATCH")])
        if not rader:
            return
        _placera(rader, resultat)


def inkommet_omprova(*, konto: Epostkonto | None = None) -> Resultat:
    """Place the dead-letter list again (after a fix); what still fails stays there."""
    rader = Inkommet.objects.filter(status=Inkommet.Status.FEL).order_by("id")
    if konto is not None:
        rader = rader.filter(konto=konto)
    resultat = Resultat(konto=konto.namn if konto else "*")
    for pk in list(rader.values_list("pk", flat=True)):
        inkommet = Inkommet.objects.select_related("konto").get(pk=pk)
        inkommet.status = Inkommet.Status.NY
        inkommet.fel = ""
        _placera([inkommet], resultat)
    return resultat


def _markera(imap: IMAPClient, konto: Epostkonto) -> None:
    """Flag (or move) every stored mail of this UIDVALIDITY not yet marked on the server."""
    while True:
        rader = list(
            Inkommet.objects.filter(
                konto=konto, markerad=False, uidvalidity=konto.uidvalidity
            ).values_list("pk", "uid")[:1000]
        )
        if not rader:
            return
        _markera_uids(imap, konto, [uid for _pk, uid in rader])
        Inkommet.objects.filter(pk__in=[pk for pk, _uid in rader]).update(markerad=True)


def _markera_uids(imap: IMAPClient, konto: Epostkonto, uids: list[int]) -> None:
    if konto.behandlat == Epostkonto.Behandlat.FLYTTA:
        if not imap.folder_exists(konto.behandlat_mapp):
            imap.create_folder(konto.behandlat_mapp)
        imap.move(uids, konto.behandlat_mapp)
    else:
        imap.add_flags(uids, [FLAGGA])

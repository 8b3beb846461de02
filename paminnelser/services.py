"""SLA reminders: the assignee at 75 % of the answer time, the teamledare at the breach.

Run by Celery beat (`kontaktcenter/celery.py`). Each reminder is a row (the in-app notice,
unique per ärende, recipient, kind and due time, so a run repeated is harmless) and a
mail sent after commit. A breached ärende also prompts its assignee to tell the citizen
why it is delayed and when an answer can be expected (förvaltningslagen 11 §): here
"substantially delayed" means past its due time.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import behorighet, kalender
from arenden.behorighet import Roll
from arenden.models import Arende, Status
from arenden.statistik.kalendertabell import W_SQL, arbetsdag_sakerstall
from paminnelser.models import Paminnelse

# Ärenden examined per run and kind; the query reads only ids, due times and recipients.
PER_KORNING = 1000


def _w(tidpunkt: str) -> str:
    """Return SQL for W(tidpunkt): cumulative working seconds, from the Arbetsdag table."""
    lokal = f"({tidpunkt} AT TIME ZONE %s)"
    return (
        f"(SELECT {W_SQL.format(d='d', t=lokal)} FROM arenden_arbetsdag d "
        f"WHERE d.datum = {lokal}::date)"
    )


def _tre_fjardedelar_gatt(nu: datetime) -> RawSQL:
    """Whether 75 % of the working time from inkom to svar_senast has passed at `nu`.

    W(nu) - W(inkom) >= 3/4 (W(svar_senast) - W(inkom)), multiplied out. Working time is
    what `arenden.kalender.arbetstid_mellan` counts, so a weekend in between does not
    count and a Friday-afternoon ärende due Monday is reminded about on Monday morning.
    """
    tz = kalender.TIDSZON.key
    sql = "4 * {nu} >= {inkom} + 3 * {svar}".format(
        nu=_w("%s::timestamptz"),
        inkom=_w('"arenden_arende"."inkom"'),
        svar=_w('"arenden_arende"."svar_senast"'),
    )
    # Each _w() takes its zone twice; the one for `nu` also takes `nu` before each zone.
    params = [nu, tz, nu, tz, tz, tz, tz, tz]
    return RawSQL(sql, params, output_field=BooleanField())


def _skicka_mail(paminnelse_id: int) -> None:
    paminnelse = Paminnelse.objects.select_related("arende", "mottagare").get(pk=paminnelse_id)
    if not paminnelse.mottagare.email:
        return
    arende = paminnelse.arende
    # A sekretessmarkerat ärende's rubrik never leaves the system in a mail.
    rubrik = "" if arende.sekretess else f" {arende.rubrik}"
    svar_senast = timezone.localtime(paminnelse.svar_senast).strftime("%Y-%m-%d %H:%M")
    if paminnelse.typ == Paminnelse.Typ.SNART:
        amne = _("Påminnelse: %(nummer)s ska besvaras senast %(tid)s")
        text = _("75 %% av svarstiden för ärende %(nummer)s%(rubrik)s har gått.")
    else:
        amne = _("Försenat: %(nummer)s skulle ha besvarats %(tid)s")
        text = _(
            "Svarstiden för ärende %(nummer)s%(rubrik)s har gått ut. Se till att kontakten "
            "får veta varför ärendet dröjer och när svar kan väntas (förvaltningslagen 11 §)."
        )
    varden = {"nummer": arende.nummer, "tid": svar_senast, "rubrik": rubrik}
    send_mail(amne % varden, text % varden, None, [paminnelse.mottagare.email])


def _skapa(*, arende_id: int, mottagare_id: int, typ: str, svar_senast: datetime) -> bool:
    try:
        with transaction.atomic():
            paminnelse = Paminnelse.objects.create(
                arende_id=arende_id, mottagare_id=mottagare_id, typ=typ, svar_senast=svar_senast
            )
            transaction.on_commit(lambda: _skicka_mail(paminnelse.pk))
    except IntegrityError:
        return False  # already reminded about this due time
    return True


def paminnelser_skapa(*, nu: datetime | None = None) -> int:
    """Create (and mail) every reminder that is due; return how many were new."""
    nu = nu or timezone.now()
    oppna = Arende.objects.filter(
        status__in=[s for s in Status.oppna() if s != Status.PARKERAD],
        svar_senast__isnull=False,
    )
    nya = 0
    # 75 %: share of the working time from inkom to svar_senast, as the SLA itself is
    # counted in arbetsdagar; closed days do not count towards it.
    arbetsdag_sakerstall(till=nu.astimezone(kalender.TIDSZON).date() + timedelta(days=1))
    snart = (
        oppna.filter(tilldelad__isnull=False, svar_senast__gt=nu)
        .alias(gatt_75=_tre_fjardedelar_gatt(nu))
        .filter(gatt_75=True)
        .exclude(
            paminnelser__typ=Paminnelse.Typ.SNART,
            paminnelser__svar_senast=F("svar_senast"),
        )
        .values_list("pk", "tilldelad_id", "svar_senast")[:PER_KORNING]
    )
    for arende_id, mottagare_id, svar_senast in snart:
        nya += _skapa(
            arende_id=arende_id,
            mottagare_id=mottagare_id,
            typ=Paminnelse.Typ.SNART,
            svar_senast=svar_senast,
        )
    brutna = list(
        oppna.filter(svar_senast__lte=nu)
        .exclude(paminnelser__typ=Paminnelse.Typ.BRUTEN, paminnelser__svar_senast=F("svar_senast"))
        .values_list("pk", "kommun_id", "tilldelad_id", "svar_senast", "sekretess")[:PER_KORNING]
    )
    teamledare: dict[int, list[int]] = {}
    for kommun_id in {b[1] for b in brutna}:
        teamledare[kommun_id] = list(
            get_user_model()
            .objects.filter(
                is_active=True, groups__name=Roll.TEAMLEDARE, medarbetare__kommun_id=kommun_id
            )
            .values_list("pk", flat=True)
        )
    for arende_id, kommun_id, tilldelad_id, svar_senast, sekretess in brutna:
        # The teamledare is told; the assignee gets the förvaltningslagen prompt. Of a secret
        # ärende only those named on it hear, so no one learns of one he may not open.
        mottagare = behorighet.far_veta_om(
            arende_id=arende_id,
            sekretess=sekretess,
            user_ids=set(teamledare[kommun_id]) | ({tilldelad_id} if tilldelad_id else set()),
        )
        for mottagare_id in mottagare:
            nya += _skapa(
                arende_id=arende_id,
                mottagare_id=mottagare_id,
                typ=Paminnelse.Typ.BRUTEN,
                svar_senast=svar_senast,
            )
    return nya


def paminnelser_markera_lasta(*, av) -> int:
    """Mark all of the user's reminders read."""
    return Paminnelse.objects.filter(mottagare=av, last__isnull=True).update(last=timezone.now())

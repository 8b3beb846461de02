"""Create the survey link for an ärende and record the citizen's answers."""

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden.models import Arende
from servicematning.errors import REDAN_BESVARAD, EnkatRedanBesvarad, OgiltigtBetyg
from servicematning.models import Enkat, Matt, Svar


def enkat_skapa(*, arende: Arende) -> Enkat:
    """Return the ärende's survey, creating it (with a fresh random token) the first time.

    Put `enkat_lank(enkat=…)` in an answer or on the citizen's status page.
    """
    enkat, _skapad = Enkat.objects.get_or_create(
        arende=arende, defaults={"token": secrets.token_urlsafe(32)}
    )
    return enkat


def enkat_lank(*, enkat: Enkat) -> str:
    """Return the survey's public path (`/enkat/<token>/`); prefix the site's address."""
    return reverse("servicematning:enkat", args=[enkat.token])


@transaction.atomic
def enkat_besvara(*, enkat: Enkat, betyg: dict[str, int]) -> Enkat:
    """Record a grade 1–5 per measure; a survey is answered once."""
    enkat = Enkat.objects.select_for_update().get(pk=enkat.pk)
    if enkat.besvarad is not None:
        raise EnkatRedanBesvarad(str(REDAN_BESVARAD))
    for matt, varde in betyg.items():
        if matt not in Matt.values or varde not in range(1, 6):
            raise OgiltigtBetyg(_("Betyget ska vara 1–5."), extra={"falt": matt})
    nu = timezone.now()
    Svar.objects.bulk_create(
        Svar(enkat=enkat, matt=matt, betyg=varde, tid=nu) for matt, varde in betyg.items()
    )
    enkat.besvarad = nu
    enkat.save(update_fields=["besvarad"])
    return enkat

"""The citizen's status link: issue, look up and revoke the token behind /arende/<token>/.

A token is 43 URL-safe characters from `secrets` (256 bits), stored as sent; looking one up
is a unique-index hit. A revoked token answers 404 like one that never existed.
"""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from arenden.models import Arende, Handelse, Meddelande, Statuslank

TOKEN_BYTES = 32


@transaction.atomic
def statuslank_hamta_eller_skapa(*, arende: Arende) -> Statuslank:
    """Return the ärende's live status link, creating one when it has none."""
    lank = Statuslank.objects.filter(arende=arende, aterkallad__isnull=True).first()
    if lank is not None:
        return lank
    return Statuslank.objects.create(arende=arende, token=secrets.token_urlsafe(TOKEN_BYTES))


def statuslankar_skapa_for_nya(*, arenden: list[Arende]) -> list[Statuslank]:
    """Issue the status links of many ärenden just opened (so without one yet), in one insert.

    For a batch taken in at once (e-post); the same token as statuslank_hamta_eller_skapa.
    """
    return Statuslank.objects.bulk_create(
        [Statuslank(arende=arende, token=secrets.token_urlsafe(TOKEN_BYTES)) for arende in arenden]
    )


@transaction.atomic
def statuslank_aterkalla(*, arende: Arende, av: AbstractUser) -> int:
    """Revoke every live status link of the ärende; return how many were revoked."""
    antal = Statuslank.objects.filter(arende=arende, aterkallad__isnull=True).update(
        aterkallad=timezone.now(), aterkallad_av=av
    )
    if antal:
        Handelse.objects.create(
            arende=arende, typ=Handelse.Typ.STATUSLANK_ATERKALLAD, aktor=av, data={"antal": antal}
        )
    return antal


def statuslank_arende(*, token: str) -> Arende | None:
    """Return the ärende a live token belongs to, or None (wrong, revoked or merged away)."""
    if not token or len(token) > 64:
        return None
    lank = (
        Statuslank.objects.filter(token=token, aterkallad__isnull=True)
        .select_related("arende__kategori", "arende__forvaltning", "arende__kommun")
        .first()
    )
    return lank.arende if lank else None


def levererade_svar(*, arende: Arende) -> QuerySet[Meddelande]:
    """The answers the citizen has been given: outbound messages marked delivered.

    An answer counts as delivered once its Handelse "svar" exists (arenden.services writes
    it when the channel reports delivery, or at once for a channel without a deliverer).
    Internal notes are Handelser, never Meddelanden, so they cannot appear here.
    """
    levererade = Handelse.objects.filter(arende=arende, typ=Handelse.Typ.SVAR).values_list(
        "data__meddelande_id", flat=True
    )
    return Meddelande.objects.filter(
        arende=arende, riktning=Meddelande.Riktning.UT, pk__in=list(levererade)
    ).order_by("skapad", "id")

"""Changes to API keys and to staff accounts: signed in through the kommun's identity provider,
or made in the admin."""

import logging
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import behorighet
from arenden.behorighet import Roll
from arenden.models import Forvaltning, Kommun, Medarbetare
from inloggning import nycklar
from inloggning.errors import NyckelSaknas, SsoNekad
from inloggning.models import ApiNyckel
from inloggning.selectors import api_nyckel_for_prefix

logger = logging.getLogger(__name__)

# "Last used" is for people deciding whether a key is still in use; minute precision is
# plenty and spares the database a write on every call of a busy växel.
SENAST_ANVAND_UPPLOSNING = timedelta(minutes=1)


@transaction.atomic
def api_nyckel_skapa(
    *, integration: str, anvandare: AbstractBaseUser, ersatt_tidigare: bool = False
) -> tuple[ApiNyckel, str]:
    """Create a key for the integration; return the row and the key, which is never stored.

    With `ersatt_tidigare` the user's earlier keys are revoked in the same transaction.
    """
    if ersatt_tidigare:
        ApiNyckel.objects.filter(anvandare=anvandare, aterkallad__isnull=True).update(
            aterkallad=timezone.now()
        )
    nyckel, prefix = nycklar.ny()
    rad = ApiNyckel.objects.create(
        integration=integration, anvandare=anvandare, prefix=prefix, hash=nycklar.hash_for(nyckel)
    )
    return rad, nyckel


@transaction.atomic
def api_nyckel_aterkalla(*, prefix: str) -> ApiNyckel:
    """Revoke the key at once; revoking a revoked key keeps its first time."""
    rad = ApiNyckel.objects.select_for_update().filter(prefix=prefix).first()
    if rad is None:
        raise NyckelSaknas(_("Det finns ingen API-nyckel med prefixet ”%s”.") % prefix)
    if rad.aterkallad is None:
        rad.aterkallad = timezone.now()
        rad.save(update_fields=["aterkallad"])
    return rad


def api_nyckel_markera_anvand(*, nyckel: ApiNyckel, nu: datetime | None = None) -> None:
    """Record that the key was used, at most once per SENAST_ANVAND_UPPLOSNING."""
    nu = nu or timezone.now()
    if nyckel.senast_anvand and nu - nyckel.senast_anvand < SENAST_ANVAND_UPPLOSNING:
        return
    # A conditional UPDATE: concurrent calls in the same minute write once, without a lock.
    ApiNyckel.objects.filter(pk=nyckel.pk).filter(
        Q(senast_anvand__isnull=True) | Q(senast_anvand__lt=nu - SENAST_ANVAND_UPPLOSNING)
    ).update(senast_anvand=nu)
    nyckel.senast_anvand = nu


def api_nyckel_hitta(*, nyckel: str) -> ApiNyckel | None:
    """Return the key's row when the key is genuine (revoked or not), else None."""
    prefix = nycklar.prefix_for(nyckel)
    if prefix is None:
        return None
    rad = api_nyckel_for_prefix(prefix=prefix)
    if rad is None or not nycklar.stammer(nyckel, rad.hash):
        return None
    return rad


def anvandare_placera_som_skaparen(*, anvandare, av) -> Medarbetare | None:
    """Place a new account in its maker's kommun unless it was placed already.

    An account with no Medarbetare row sees every kommun's ärenden: one made by a kommun's
    staff must see no more than its maker. Staff with no Medarbetare row (who work with
    every kommun) leave it as they made it.
    """
    kommun_id = behorighet.kommun_id_for_user(av)
    if kommun_id is None or Medarbetare.objects.filter(anvandare=anvandare).exists():
        return None
    return Medarbetare.objects.create(anvandare=anvandare, kommun_id=kommun_id)


def medarbetare_synka_fran_idp(
    *,
    anvandare: AbstractBaseUser,
    roller: set[str],
    kommun: str | None = None,
    forvaltning: str | None = None,
    fornamn: str | None = None,
    efternamn: str | None = None,
    epost: str | None = None,
) -> AbstractBaseUser:
    """Make the account match what the kommun's identity provider says at this login.

    Role groups become exactly `roller` (a role the provider no longer grants is removed;
    other groups, such as an integration's, are left alone). The kommun is matched on
    kommunkod or name, the förvaltning on its name within the kommun; a value that matches
    nothing is logged and the earlier placement kept.

    Raise SsoNekad when the person has no role left (the removal of his roles is kept) or
    cannot be placed in a kommun (nothing is changed: staff without one would see every
    kommun). A caller that creates the account wraps both in one transaction.
    """
    okanda = roller - set(Roll.ALLA)
    if okanda:
        raise ValueError(f"Okända roller: {sorted(okanda)}")
    with transaction.atomic():
        _synka_uppgifter(anvandare, fornamn=fornamn, efternamn=efternamn, epost=epost)
        rollgrupper = Group.objects.filter(name__in=Roll.ALLA)
        anvandare.groups.remove(*[g for g in rollgrupper if g.name not in roller])
        anvandare.groups.add(*[g for g in rollgrupper if g.name in roller])
        if hasattr(anvandare, "_kc_roller"):
            del anvandare._kc_roller
        if roller:
            _placera(anvandare, kommun=kommun, forvaltning=forvaltning)
    if not roller:
        raise SsoNekad(
            _(
                "Ditt konto hos kommunen har ingen roll i Kontaktcenter. Be din chef eller "
                "kommunens administratör om behörighet och logga sedan in igen."
            ),
            code="sso_ingen_roll",
        )
    return anvandare


def _synka_uppgifter(anvandare, *, fornamn, efternamn, epost) -> None:
    andrat = []
    for falt, varde in (("first_name", fornamn), ("last_name", efternamn), ("email", epost)):
        if varde is not None and getattr(anvandare, falt) != varde:
            setattr(anvandare, falt, varde)
            andrat.append(falt)
    if andrat:
        anvandare.save(update_fields=andrat)


def _placera(anvandare, *, kommun: str | None, forvaltning: str | None) -> None:
    medarbetare = Medarbetare.objects.filter(anvandare=anvandare).first()
    hittad_kommun = _kommun_for(kommun) if kommun else None
    if hittad_kommun is None:
        hittad_kommun = medarbetare.kommun if medarbetare else _enda_kommunen()
    if hittad_kommun is None:
        raise SsoNekad(
            _(
                "Kontaktcenter vet inte vilken kommun du arbetar för. Be kommunens "
                "administratör att lägga in dig som medarbetare."
            ),
            code="sso_kommun_saknas",
        )
    if medarbetare is None:
        medarbetare = Medarbetare(anvandare=anvandare, kommun=hittad_kommun)
    elif medarbetare.kommun_id != hittad_kommun.pk:
        medarbetare.kommun = hittad_kommun
        medarbetare.forvaltning = None
    if forvaltning:
        hittad = Forvaltning.objects.filter(kommun=hittad_kommun, namn__iexact=forvaltning).first()
        if hittad is None:
            logger.warning(
                "SSO: förvaltningen %r finns inte i %s; %s behåller sin placering.",
                forvaltning,
                hittad_kommun,
                anvandare.get_username(),
            )
        else:
            medarbetare.forvaltning = hittad
    medarbetare.save()


def _kommun_for(varde: str) -> Kommun | None:
    hittad = Kommun.objects.filter(Q(kommunkod=varde) | Q(namn__iexact=varde)).first()
    if hittad is None:
        logger.warning("SSO: kommunen %r finns inte; den tidigare placeringen gäller.", varde)
    return hittad


def _enda_kommunen() -> Kommun | None:
    """The kommun of a center that serves only one (the usual case), else None."""
    kommuner = list(Kommun.objects.all()[:2])
    return kommuner[0] if len(kommuner) == 1 else None

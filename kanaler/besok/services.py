"""Register a visit at the reception desk as an ärende with its visitor type."""

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from arenden.models import Arende, Kanal, Utfall
from kanaler.besok.models import Besok
from kanaler.snabbregistrering.services import snabbkontakt_registrera


@transaction.atomic
def besok_registrera(*, av: AbstractUser, besokstyp: str, **snabb) -> Arende:
    """Open the visit's ärende with its outcome and record the visitor type.

    "Löst vid disken" closes as löst av kontaktcenter; a visitor taken to a colleague closes
    as hänvisat. `snabb` are snabbkontakt_registrera's arguments.
    """
    arende = snabbkontakt_registrera(
        av=av, kanal=Kanal.BESOK, kopplat_utfall=Utfall.HANVISAT, **snabb
    )
    Besok.objects.create(arende=arende, besokstyp=besokstyp, tid=arende.inkom, registrerad_av=av)
    return arende

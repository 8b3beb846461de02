"""The demo catalogue and staff: one kommun, its förvaltningar and kategorier, and users.

Everything is created or brought back to the demo's state on each run, so running the seed
twice changes nothing and a demo password always works after a seed.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from arenden import konfiguration
from arenden.behorighet import Roll
from arenden.demodata.katalog import FORVALTNINGAR, HANDLAGGARENS_FORVALTNING, KATEGORIER
from arenden.models import Forvaltning, Kategori, Kommun, Medarbetare

DEMOLOSENORD = "kontaktcenter-demo"
KOMMUNKOD = "1814"


@dataclass(frozen=True)
class DemoAnvandare:
    anvandarnamn: str
    roll: str
    fornamn: str
    efternamn: str


# The four accounts to log in with, one per role; printed at the end of the seed.
DEMOANVANDARE = (
    DemoAnvandare("vagledare", Roll.KOMMUNVAGLEDARE, "Sara", "Lindqvist"),
    DemoAnvandare("handlaggare", Roll.HANDLAGGARE, "Johan", "Bergström"),
    DemoAnvandare("teamledare", Roll.TEAMLEDARE, "Karin", "Nyström"),
    DemoAnvandare("admin", Roll.ADMINISTRATOR, "Anders", "Holm"),
)

# Colleagues who appear in timelines and assignments; they cannot log in.
KOLLEGOR_VAGLEDARE = (
    ("Elin", "Karlsson"), ("Ahmad", "Hassan"), ("Ulla", "Sandberg"), ("Mikael", "Öberg"),
    ("Hanna", "Virtanen"),
)  # fmt: skip
KOLLEGOR_HANDLAGGARE = {
    "Administrativa avdelningen": (("Birgitta", "Wallin"),),
    "Teknik och service": (("Per", "Lundgren"), ("Fatima", "Ali")),
    "Kultur och fritid": (("Oskar", "Eklund"),),
    "Individ och familjeomsorg": (("Helena", "Forsberg"), ("Nils", "Åberg")),
    "Samhällsbyggnad": (("Camilla", "Sjöberg"),),
    "Utbildning": (("Mats", "Henriksson"),),
    "Ekonomiavdelningen": (("Linnea", "Fransson"),),
}


@dataclass
class Personal:
    """Who acts in the generated timelines, by role and förvaltning."""

    demo: dict[str, AbstractUser]  # by username
    vagledare: list[AbstractUser]  # the demo vägledare first
    handlaggare: dict[int, list[AbstractUser]]  # by förvaltning id; the demo handläggare first
    teamledare: AbstractUser


@dataclass
class Katalog:
    kommun: Kommun
    forvaltningar: dict[str, Forvaltning]
    kategorier: dict[str, Kategori]


@transaction.atomic
def katalog_skapa() -> Katalog:
    """Create or update the kommun, its förvaltningar and the kategori catalogue."""
    kommun, _ = Kommun.objects.get_or_create(
        namn=konfiguration.varde("KOMMUN_NAMN"), defaults={"kommunkod": KOMMUNKOD}
    )
    forvaltningar = {}
    for namn, epost, _prefix in FORVALTNINGAR:
        forvaltningar[namn], _ = Forvaltning.objects.update_or_create(
            kommun=kommun, namn=namn, defaults={"epost": epost, "aktiv": True}
        )
    kategorier = {}
    for mall in KATEGORIER:
        kategorier[mall.namn], _ = Kategori.objects.update_or_create(
            forvaltning=forvaltningar[mall.forvaltning],
            namn=mall.namn,
            defaults={
                "beskrivning": mall.beskrivning,
                "standard_rosa": mall.rosa,
                "sla_arbetsdagar": mall.sla,
                "diarieford": mall.diarieford,
                "aktiv": True,
            },
        )
    return Katalog(kommun=kommun, forvaltningar=forvaltningar, kategorier=kategorier)


def _anvandare(
    *,
    anvandarnamn: str,
    fornamn: str,
    efternamn: str,
    roll: str,
    kommun: Kommun,
    forvaltning: Forvaltning | None,
    losenord: str | None,
) -> AbstractUser:
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=anvandarnamn)
    user.first_name, user.last_name = fornamn, efternamn
    user.email = f"{anvandarnamn}@kommun.example"
    user.is_active = True
    user.is_staff = user.is_superuser = roll == Roll.ADMINISTRATOR
    if losenord:
        user.set_password(losenord)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set([Group.objects.get_or_create(name=roll)[0]])
    Medarbetare.objects.update_or_create(
        anvandare=user, defaults={"kommun": kommun, "forvaltning": forvaltning}
    )
    return user


def _slug(fornamn: str, efternamn: str) -> str:
    return f"{fornamn}.{efternamn}".lower().translate(str.maketrans("åäö", "aao"))


@transaction.atomic
def personal_skapa(katalog: Katalog) -> Personal:
    """Create or reset the four demo users and the colleagues that fill the timelines."""
    sbf = katalog.forvaltningar[HANDLAGGARENS_FORVALTNING]
    demo = {
        d.anvandarnamn: _anvandare(
            anvandarnamn=d.anvandarnamn,
            fornamn=d.fornamn,
            efternamn=d.efternamn,
            roll=d.roll,
            kommun=katalog.kommun,
            forvaltning=sbf if d.roll == Roll.HANDLAGGARE else None,
            losenord=DEMOLOSENORD,
        )
        for d in DEMOANVANDARE
    }
    vagledare = [demo["vagledare"]]
    for fornamn, efternamn in KOLLEGOR_VAGLEDARE:
        vagledare.append(
            _anvandare(
                anvandarnamn=_slug(fornamn, efternamn),
                fornamn=fornamn,
                efternamn=efternamn,
                roll=Roll.KOMMUNVAGLEDARE,
                kommun=katalog.kommun,
                forvaltning=None,
                losenord=None,
            )
        )
    handlaggare: dict[int, list[AbstractUser]] = {sbf.pk: [demo["handlaggare"]]}
    for forvaltningsnamn, personer in KOLLEGOR_HANDLAGGARE.items():
        forvaltning = katalog.forvaltningar[forvaltningsnamn]
        for fornamn, efternamn in personer:
            handlaggare.setdefault(forvaltning.pk, []).append(
                _anvandare(
                    anvandarnamn=_slug(fornamn, efternamn),
                    fornamn=fornamn,
                    efternamn=efternamn,
                    roll=Roll.HANDLAGGARE,
                    kommun=katalog.kommun,
                    forvaltning=forvaltning,
                    losenord=None,
                )
            )
    return Personal(
        demo=demo, vagledare=vagledare, handlaggare=handlaggare, teamledare=demo["teamledare"]
    )

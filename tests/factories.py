"""factory_boy factories for the ärende domain.

`ArendeFactory` goes through `services.arende_skapa`, so every ärende a test builds has a
real number, an SLA due time and its SKAPAT event, exactly like one registered in the UI.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from arenden import services
from arenden.models import Arende, Forvaltning, Kanal, Kategori, Kommun, Kontakt, Medarbetare


class KommunFactory(DjangoModelFactory):
    class Meta:
        model = Kommun
        django_get_or_create = ("namn",)

    namn = factory.Sequence(lambda n: f"Kommun {n}")
    kommunkod = factory.Sequence(lambda n: f"{n % 10000:04d}")


class ForvaltningFactory(DjangoModelFactory):
    class Meta:
        model = Forvaltning

    kommun = factory.SubFactory(KommunFactory)
    namn = factory.Sequence(lambda n: f"Förvaltning {n}")
    # ASCII only: an address with å/ä/ö in its local part is not a valid e-post address.
    epost = factory.LazyAttribute(
        lambda f: f"forvaltning{slugify(f.namn.split()[-1])}@kommun.example"
    )


class KategoriFactory(DjangoModelFactory):
    class Meta:
        model = Kategori

    forvaltning = factory.SubFactory(ForvaltningFactory)
    namn = factory.Sequence(lambda n: f"Kategori {n}")
    sla_arbetsdagar = 1
    diarieford = False


class KontaktFactory(DjangoModelFactory):
    class Meta:
        model = Kontakt

    namn = factory.Sequence(lambda n: f"Kontakt Nummer{n}")
    epost = factory.Sequence(lambda n: f"kontakt{n}@example.se")
    telefon = factory.Sequence(lambda n: f"070{n:07d}")


class UserFactory(DjangoModelFactory):
    """A staff user; `roll="handlaggare"` puts him in that role's group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = "Efternamn"
    email = factory.LazyAttribute(lambda u: f"{u.username}@kommun.example")

    @factory.post_generation
    def roll(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class MedarbetareFactory(DjangoModelFactory):
    """A staff member: a user with a role, placed in a kommun (and a förvaltning)."""

    class Meta:
        model = Medarbetare

    anvandare = factory.SubFactory(UserFactory)
    kommun = factory.SubFactory(KommunFactory)
    forvaltning = None


def anvandare_med_roll(roll: str | None, *, kommun: Kommun, forvaltning=None, **user):
    """Create a user in `roll` (None: no role) with his Medarbetare row; return the user."""
    return MedarbetareFactory(
        anvandare__roll=roll,
        kommun=kommun,
        forvaltning=forvaltning,
        **{f"anvandare__{k}": v for k, v in user.items()},
    ).anvandare


class ArendeFactory(factory.Factory):
    """An ärende opened through the service, as a channel or the UI would open it."""

    class Meta:
        model = Arende

    rubrik = factory.Sequence(lambda n: f"Fråga om bygglov {n}")
    kanal = Kanal.EPOST
    av = None
    beskrivning = ""
    kontakt = None
    kategori = None
    forvaltning = None
    rosa = None
    inkom = None
    sekretess = False
    kommun = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.arende_skapa(**kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("An ärende only exists once the service has numbered it.")

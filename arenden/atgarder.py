"""The actions on an ärende: one input serializer and one service call each.

The API (`/api/v1/arenden/<nummer>/<åtgärd>/`) and the UI's forms both go through
`utfor`, so an action is parsed, permission-checked and carried out the same way
whichever door it came through.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from arenden import behorighet, services
from arenden.behorighet import Atgard
from arenden.errors import OgiltigUppgift
from arenden.models import Arende, Forvaltning, Kategori, RosaNiva, Svarsgrupp, Utfall


class _Versionerad(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "Versionen du läste; skickas den med avvisas ändringen om någon hunnit före."
        ),
    )


class _Anvandarnamn(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(
            slug_field="username",
            queryset=get_user_model().objects.filter(is_active=True),
            **kwargs,
        )


class Rosa(serializers.ChoiceField):
    """A ROSA-nivå 1–8, given back as an int."""

    def __init__(self, **kwargs):
        super().__init__(choices=RosaNiva.choices, **kwargs)

    def to_internal_value(self, data):
        return int(super().to_internal_value(data))


class TilldelaIn(_Versionerad):
    anvandare = _Anvandarnamn(
        required=False, help_text=gettext_lazy("Användarnamn; utelämnat betyder dig själv.")
    )
    ta_over = serializers.BooleanField(required=False, default=False)


class KlassificeraIn(_Versionerad):
    rosa = Rosa(required=False)
    kategori = serializers.PrimaryKeyRelatedField(
        queryset=Kategori.objects.filter(aktiv=True), required=False
    )
    forvaltning = serializers.PrimaryKeyRelatedField(
        queryset=Forvaltning.objects.filter(aktiv=True), required=False
    )


class TextIn(_Versionerad):
    text = serializers.CharField(max_length=20000)


class EskaleraIn(_Versionerad):
    forvaltning = serializers.PrimaryKeyRelatedField(
        queryset=Forvaltning.objects.filter(aktiv=True)
    )
    handlaggare = _Anvandarnamn(required=False, allow_null=True)
    svarsgrupp = serializers.PrimaryKeyRelatedField(
        queryset=Svarsgrupp.objects.filter(aktiv=True), required=False, allow_null=True
    )
    orsak = serializers.CharField(max_length=4000)
    rosa = Rosa(required=False)
    diariefor = serializers.BooleanField(required=False, allow_null=True, default=None)


class OrsakIn(_Versionerad):
    orsak = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ParkeraIn(OrsakIn):
    till = serializers.DateField(help_text=gettext_lazy("Datum då ärendet tas fram igen."))


class ForseningsbeskedIn(_Versionerad):
    orsak = serializers.CharField(
        max_length=4000, help_text=gettext_lazy("Varför ärendet dröjer; skickas till kontakten.")
    )
    ny_svarsdag = serializers.DateField(
        help_text=gettext_lazy("När kontakten kan räkna med svar; svarstiden flyttas inte.")
    )


# Merging sets its own utfall; nobody closes an ärende as "sammanslaget" by hand.
AVSLUTS_UTFALL = [c for c in Utfall.choices if c[0] != Utfall.SAMMANSLAGET]


class AvslutaIn(_Versionerad):
    utfall = serializers.ChoiceField(choices=AVSLUTS_UTFALL)
    kommentar = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class SlaIhopIn(_Versionerad):
    med = serializers.CharField(
        max_length=20, help_text=gettext_lazy("Ärendenumret som ärendet ska slås ihop med.")
    )


def _tilldela(user, arende: Arende, data: dict) -> str:
    till = data.get("anvandare") or user
    if till != user or data["ta_over"]:
        behorighet.kontrollera_atgard(user, arende, Atgard.OMFORDELA)
    services.arende_tilldela(
        arende=arende, av=user, till=till, version=data.get("version"), ta_over=data["ta_over"]
    )
    if till == user:
        return _("Du har tagit ärendet.")
    return _("Ärendet är tilldelat %(namn)s.") % {"namn": till.get_full_name() or till.username}


def _klassificera(user, arende: Arende, data: dict) -> str:
    services.arende_klassificera(
        arende=arende,
        av=user,
        rosa=data.get("rosa"),
        kategori=data.get("kategori"),
        forvaltning=data.get("forvaltning"),
        version=data.get("version"),
    )
    return _("Klassificeringen är sparad.")


def _svara(user, arende: Arende, data: dict) -> str:
    services.arende_svara(arende=arende, av=user, text=data["text"], version=data.get("version"))
    return _("Svaret är registrerat.")


def _anteckna(user, arende: Arende, data: dict) -> str:
    services.arende_anteckna(arende=arende, av=user, text=data["text"])
    return _("Anteckningen är sparad.")


def _eskalera(user, arende: Arende, data: dict) -> str:
    services.arende_eskalera(
        arende=arende,
        av=user,
        forvaltning=data["forvaltning"],
        orsak=data["orsak"],
        handlaggare=data.get("handlaggare"),
        svarsgrupp=data.get("svarsgrupp"),
        rosa=data.get("rosa"),
        diariefor=data.get("diariefor"),
        version=data.get("version"),
    )
    return _("Ärendet är eskalerat till %(forvaltning)s.") % {
        "forvaltning": data["forvaltning"].namn
    }


def _vanta(user, arende: Arende, data: dict) -> str:
    services.arende_vanta(arende=arende, av=user, orsak=data["orsak"], version=data.get("version"))
    return _("Ärendet väntar på kontakten.")


def _avsluta(user, arende: Arende, data: dict) -> str:
    services.arende_avsluta(
        arende=arende,
        av=user,
        utfall=data["utfall"],
        kommentar=data["kommentar"],
        version=data.get("version"),
    )
    return _("Ärendet är avslutat.")


def _ateroppna(user, arende: Arende, data: dict) -> str:
    services.arende_ateroppna(
        arende=arende, av=user, orsak=data["orsak"], version=data.get("version")
    )
    return _("Ärendet är återöppnat.")


def _parkera(user, arende: Arende, data: dict) -> str:
    services.arende_parkera(
        arende=arende,
        av=user,
        till=data["till"],
        orsak=data["orsak"],
        version=data.get("version"),
    )
    return _("Ärendet är parkerat till %(datum)s.") % {"datum": data["till"].isoformat()}


def _aterlamna(user, arende: Arende, data: dict) -> str:
    services.arende_aterlamna(
        arende=arende, av=user, text=data["text"], version=data.get("version")
    )
    return _("Ärendet är återlämnat till kontaktcenter.")


def _forseningsbesked(user, arende: Arende, data: dict) -> str:
    services.arende_forseningsbesked(
        arende=arende,
        av=user,
        orsak=data["orsak"],
        ny_svarsdag=data["ny_svarsdag"],
        version=data.get("version"),
    )
    return _("Förseningsbeskedet är skickat till kontakten.")


def _sla_ihop(user, arende: Arende, data: dict) -> str:
    mal = behorighet.arende_get_for_user(user=user, nummer=data["med"].strip().upper())
    if mal.pk == arende.pk:
        raise OgiltigUppgift(
            _("Ett ärende kan inte slås ihop med sig självt."), code="samma_arende"
        )
    services.arende_sla_ihop(kalla=arende, mal=mal, av=user, version=data.get("version"))
    return _("Ärendet är sammanslaget med %(nummer)s.") % {"nummer": mal.nummer}


@dataclass(frozen=True)
class Definition:
    namn: str
    rubrik: str
    indata: type[serializers.Serializer]
    utfor: Callable[..., str]


ATGARDER: dict[str, Definition] = {
    d.namn: d
    for d in (
        Definition(Atgard.TILLDELA, gettext_lazy("Tilldela ärendet"), TilldelaIn, _tilldela),
        Definition(
            Atgard.KLASSIFICERA,
            gettext_lazy("Klassificera: ROSA-nivå, kategori, förvaltning"),
            KlassificeraIn,
            _klassificera,
        ),
        Definition(Atgard.SVARA, gettext_lazy("Svara kontakten"), TextIn, _svara),
        Definition(Atgard.ANTECKNA, gettext_lazy("Skriv en intern anteckning"), TextIn, _anteckna),
        Definition(
            Atgard.ESKALERA, gettext_lazy("Eskalera till förvaltning"), EskaleraIn, _eskalera
        ),
        Definition(Atgard.VANTA, gettext_lazy("Vänta på kontakten"), OrsakIn, _vanta),
        Definition(Atgard.AVSLUTA, gettext_lazy("Avsluta ärendet"), AvslutaIn, _avsluta),
        Definition(Atgard.ATEROPPNA, gettext_lazy("Återöppna ärendet"), OrsakIn, _ateroppna),
        Definition(
            Atgard.SLA_IHOP, gettext_lazy("Slå ihop med ett annat ärende"), SlaIhopIn, _sla_ihop
        ),
        Definition(Atgard.PARKERA, gettext_lazy("Parkera till ett datum"), ParkeraIn, _parkera),
        Definition(
            Atgard.ATERLAMNA,
            gettext_lazy("Återlämna till kontaktcenter med ett internt svar"),
            TextIn,
            _aterlamna,
        ),
        Definition(
            Atgard.FORSENINGSBESKED,
            gettext_lazy("Meddela kontakten att ärendet dröjer (förvaltningslagen 11 §)"),
            ForseningsbeskedIn,
            _forseningsbesked,
        ),
    )
}


def utfor(*, user, arende: Arende, atgard: str, data) -> str:
    """Validate the input, check the user's right and run the action; return a confirmation.

    Raises serializers.ValidationError for bad input, BehorighetSaknas, or the service's
    ApplicationError.
    """
    definition = ATGARDER[atgard]
    behorighet.kontrollera_atgard(user, arende, atgard)
    indata = definition.indata(data=data)
    indata.is_valid(raise_exception=True)
    return definition.utfor(user, arende, indata.validated_data)

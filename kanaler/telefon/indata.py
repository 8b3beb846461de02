"""Input of the telefon channel: the quick form with the call's id, and a växel call event."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kanaler.snabbregistrering.indata import SnabbIn
from kanaler.telefon.models import Samtalshandelse


class SamtalRegistreraIn(SnabbIn):
    samtals_id = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text=gettext_lazy("Växelns samtals-id, om samtalet kom via växeln."),
    )

    @classmethod
    def fran_formular(cls, post, **extra):
        return super().fran_formular(post, samtals_id=post.get("samtals_id", ""), **extra)


# The events as Swedish names; the English names some växlar send mean the same.
HANDELSER = {
    **{t: t for t in Samtalshandelse.Typ.values},
    "incoming": Samtalshandelse.Typ.INKOMMANDE,
    "answered": Samtalshandelse.Typ.BESVARAT,
    "missed": Samtalshandelse.Typ.MISSAT,
    "transferred": Samtalshandelse.Typ.KOPPLAT,
    "ended": Samtalshandelse.Typ.AVSLUTAT,
}


class Handelse(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(HANDELSER), **kwargs)

    def to_internal_value(self, data):
        return HANDELSER[super().to_internal_value(data)]


class SamtalshandelseIn(serializers.Serializer):
    samtals_id = serializers.CharField(max_length=100, help_text=gettext_lazy("Växelns id."))
    handelse = Handelse(
        help_text=gettext_lazy(
            "inkommande, besvarat, missat, kopplat, avslutat "
            "(eller incoming, answered, missed, transferred, ended)."
        )
    )
    tid = serializers.DateTimeField(help_text=gettext_lazy("När händelsen inträffade (ISO 8601)."))
    nummer = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    ko = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    agent = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    kopplat_till = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=150
    )
    arende = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=20,
        help_text=gettext_lazy("Ärendenumret som registrerades under samtalet, om känt."),
    )

    def validate_samtals_id(self, varde: str) -> str:
        if not varde.strip():
            raise serializers.ValidationError(_("Samtals-id saknas."))
        return varde.strip()


class SamtalshandelseOut(serializers.Serializer):
    samtals_id = serializers.CharField(source="samtal.samtals_id")
    handelse = serializers.CharField(source="typ")
    tid = serializers.DateTimeField()
    ny = serializers.BooleanField(help_text=gettext_lazy("False: händelsen var redan mottagen."))
    aterringning = serializers.CharField(
        source="samtal.aterringning.nummer",
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Ärendenumret för återuppringningen, om samtalet missades."),
    )

"""The quick registration's input, parsed the same way for the form and the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arenden.api import KontaktIn
from arenden.models import Forvaltning, Kategori
from kanaler.snabbregistrering.services import Val


class SnabbIn(serializers.Serializer):
    fraga = serializers.CharField(max_length=4000, help_text=_("Vad kontakten gällde."))
    val = serializers.ChoiceField(choices=Val.choices, help_text=_("Utfallet."))
    kategori = serializers.PrimaryKeyRelatedField(
        queryset=Kategori.objects.filter(aktiv=True),
        required=False,
        allow_null=True,
        help_text=_("Utelämnad: föreslås från frågans ord."),
    )
    forvaltning = serializers.PrimaryKeyRelatedField(
        queryset=Forvaltning.objects.filter(aktiv=True),
        required=False,
        allow_null=True,
        help_text=_("Vid eskalering; utelämnad: kategorins förvaltning."),
    )
    kunskapsartikel = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=_("Artikeln som gav svaret.")
    )
    svar = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    kopplat_till = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    orsak = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    kontakt = KontaktIn(required=False)

    @classmethod
    def fran_formular(cls, post, **extra) -> "SnabbIn":
        """Build the serializer from a flat HTML form (kontakt_namn, kontakt_telefon, …)."""
        data = {
            falt: post.get(falt, "") for falt in ("fraga", "val", "svar", "kopplat_till", "orsak")
        }
        for falt in ("kategori", "forvaltning", "kunskapsartikel"):
            data[falt] = post.get(falt) or None
        data["kontakt"] = {
            falt: post.get(f"kontakt_{falt}", "")
            for falt in ("namn", "epost", "telefon", "personnummer", "organisationsnummer")
        }
        data.update(extra)
        return cls(data=data)

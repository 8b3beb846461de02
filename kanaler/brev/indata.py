"""Input of the brev channel: flat fields, as a multipart form (the browser's or the API's)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arenden.models import Kategori

AVSANDARFALT = ("namn", "epost", "telefon", "personnummer", "organisationsnummer")


class BrevRegistreraIn(serializers.Serializer):
    fil = serializers.FileField(help_text=_("Det skannade brevet som PDF."))
    fraga = serializers.CharField(max_length=200, help_text=_("Vad brevet gäller."))
    mottaget = serializers.DateField(
        required=False, allow_null=True, help_text=_("Mottagningsdag; utelämnad: i dag.")
    )
    beskrivning = serializers.CharField(required=False, allow_blank=True, default="")
    kategori = serializers.PrimaryKeyRelatedField(
        queryset=Kategori.objects.filter(aktiv=True), required=False, allow_null=True
    )
    avsandare_namn = serializers.CharField(required=False, allow_blank=True, max_length=200)
    avsandare_epost = serializers.EmailField(required=False, allow_blank=True)
    avsandare_telefon = serializers.CharField(required=False, allow_blank=True, max_length=30)
    avsandare_personnummer = serializers.CharField(required=False, allow_blank=True, max_length=13)
    avsandare_organisationsnummer = serializers.CharField(
        required=False, allow_blank=True, max_length=11
    )

    def validate(self, attrs: dict) -> dict:
        """Gather the sender's fields into `avsandare`, as brev_registrera takes them."""
        attrs["avsandare"] = {falt: attrs.pop(f"avsandare_{falt}", "") for falt in AVSANDARFALT}
        return attrs

    @classmethod
    def fran_formular(cls, post, filer) -> "BrevRegistreraIn":
        data = {nyckel: post.get(nyckel) for nyckel in post}
        for falt in ("mottaget", "kategori"):
            data[falt] = data.get(falt) or None
        data["fil"] = filer.get("fil")
        return cls(data=data)

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kanaler.besok.models import Besokstyp
from kanaler.snabbregistrering.indata import SnabbIn


class BesokRegistreraIn(SnabbIn):
    besokstyp = serializers.ChoiceField(
        choices=Besokstyp.choices, help_text=_("Besökstyp enligt förstudien.")
    )

    @classmethod
    def fran_formular(cls, post, **extra):
        return super().fran_formular(post, besokstyp=post.get("besokstyp", ""), **extra)

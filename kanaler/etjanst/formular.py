"""The public contact form's fields and their format checks (rules live in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arenden.models import Kategori


class KontaktformularForm(forms.Form):
    kategori = forms.ModelChoiceField(
        queryset=Kategori.objects.filter(aktiv=True), required=False, label=_("Vad gäller det?")
    )
    rubrik = forms.CharField(max_length=200, required=False, label=_("Rubrik"))
    text = forms.CharField(max_length=10000, label=_("Ditt meddelande"))
    namn = forms.CharField(max_length=200, required=False, label=_("Namn"))
    epost = forms.EmailField(required=False, label=_("E-post"))
    telefon = forms.CharField(max_length=30, required=False, label=_("Telefon"))

    def clean(self):
        data = super().clean()
        if not data.get("epost") and not data.get("telefon") and "epost" not in self.errors:
            self.add_error("epost", _("Fyll i e-post eller telefon, så att vi kan svara dig."))
        return data

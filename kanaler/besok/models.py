"""A visit at the reception desk: which kind of visitor, and the ärende it became."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende


class Besokstyp(models.TextChoices):
    """The visitor types of Lekeberg's förstudie (14.3.1), staff working in the house excepted."""

    BOKAT = "bokat", _("Bokat besök")
    HANVISAD = "hanvisad", _("Hänvisad besökare (obokad)")
    AKTIV = "aktiv", _("Aktiv besökare")
    ENGAGERAD = "engagerad", _("Engagerad besökare")
    MOTESDELTAGARE = "motesdeltagare", _("Mötesdeltagare")
    UTOMSTAENDE_PERSONAL = "utomstaende_personal", _("Utomstående personal")
    HANTVERKARE = "hantverkare", _("Hantverkare")


class Besok(models.Model):
    arende = models.OneToOneField(Arende, on_delete=models.CASCADE, related_name="besok")
    besokstyp = models.CharField(_("besökstyp"), max_length=24, choices=Besokstyp.choices)
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("besök")
        verbose_name_plural = _("besök")
        indexes = [models.Index(fields=["tid", "besokstyp"], name="besok_tid_typ")]

    def __str__(self) -> str:
        return f"{self.get_besokstyp_display()} {self.tid:%Y-%m-%d %H:%M}"

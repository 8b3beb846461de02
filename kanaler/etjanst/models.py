"""What the e-tjänst channel remembers: which external submission became which ärende."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende


class Inlamning(models.Model):
    """One submission from an e-service platform; its external id makes a replay harmless."""

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        FLOWINSTANCE = "flowinstance", "Open ePlatform FlowInstance XML"

    extern_id = models.CharField(_("externt id"), max_length=100, unique=True)
    tjanst = models.CharField(_("e-tjänst"), max_length=200)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, related_name="inlamningar")
    mottagen = models.DateTimeField(_("mottagen"), default=timezone.now)

    class Meta:
        verbose_name = _("inlämning")
        verbose_name_plural = _("inlämningar")
        ordering = ["-mottagen", "-id"]

    def __str__(self) -> str:
        return f"{self.tjanst} {self.extern_id}"

"""Calls as the växel reports them, one row per call and one per event.

`Samtal` holds the figures statistics need (when the call came in, was answered, missed,
transferred, ended; queue and agent); `Samtalshandelse` keeps every event as received, unique
per call, event and time, so that a replayed event changes nothing.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende


class Samtal(models.Model):
    samtals_id = models.CharField(_("samtals-id"), max_length=100, unique=True)
    nummer = models.CharField(_("nummer"), max_length=30, blank=True)
    ko = models.CharField(_("kö"), max_length=100, blank=True)
    agent = models.CharField(_("agent"), max_length=150, blank=True)
    inkom = models.DateTimeField(_("inkom"), null=True, blank=True)
    besvarat = models.DateTimeField(_("besvarat"), null=True, blank=True)
    missat = models.DateTimeField(_("missat"), null=True, blank=True)
    kopplat = models.DateTimeField(_("kopplat"), null=True, blank=True)
    kopplat_till = models.CharField(_("kopplat till"), max_length=150, blank=True)
    avslutat = models.DateTimeField(_("avslutat"), null=True, blank=True)
    # The ärende registered during the call (quick registration or the växel's link).
    arende = models.ForeignKey(
        Arende, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The callback ärende a missed call with a number became.
    aterringning = models.ForeignKey(
        Arende, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skapad = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("samtal")
        verbose_name_plural = _("samtal")
        indexes = [models.Index(fields=["inkom", "ko"], name="samtal_inkom_ko")]

    def __str__(self) -> str:
        return self.samtals_id


class Samtalshandelse(models.Model):
    class Typ(models.TextChoices):
        INKOMMANDE = "inkommande", _("Inkommande")
        BESVARAT = "besvarat", _("Besvarat")
        MISSAT = "missat", _("Missat")
        KOPPLAT = "kopplat", _("Kopplat")
        AVSLUTAT = "avslutat", _("Avslutat")

    samtal = models.ForeignKey(Samtal, on_delete=models.CASCADE, related_name="handelser")
    typ = models.CharField(_("händelse"), max_length=12, choices=Typ.choices)
    tid = models.DateTimeField(_("tid"))
    data = models.JSONField(_("som mottaget"), default=dict, blank=True)
    mottagen = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("samtalshändelse")
        verbose_name_plural = _("samtalshändelser")
        ordering = ["tid", "id"]
        constraints = [
            models.UniqueConstraint(fields=["samtal", "typ", "tid"], name="samtalshandelse_unik")
        ]

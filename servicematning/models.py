"""The citizen survey after an ärende: SKR's servicemätning, one question per measure.

An `Enkat` is the link (a random token) for one ärende; each `Svar` is one measure's grade
1–5, at most one per ärende and measure.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende


class Matt(models.TextChoices):
    ENKELHET = "enkelhet", _("Enkelhet")
    TYDLIGHET = "tydlighet", _("Tydlighet")
    BEMOTANDE = "bemotande", _("Bemötande")


class Enkat(models.Model):
    arende = models.OneToOneField(Arende, on_delete=models.CASCADE, related_name="enkat")
    token = models.CharField(_("token"), max_length=64, unique=True)
    skapad = models.DateTimeField(default=timezone.now)
    besvarad = models.DateTimeField(_("besvarad"), null=True, blank=True)

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        indexes = [
            models.Index(
                fields=["besvarad"],
                name="enkat_besvarad",
                condition=models.Q(besvarad__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.arende_id}"


class Svar(models.Model):
    enkat = models.ForeignKey(Enkat, on_delete=models.CASCADE, related_name="svar")
    matt = models.CharField(_("mått"), max_length=10, choices=Matt.choices)
    betyg = models.PositiveSmallIntegerField(_("betyg"))
    tid = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["enkat", "matt"], name="enkatsvar_ett_per_matt"),
            models.CheckConstraint(
                condition=models.Q(betyg__gte=1, betyg__lte=5), name="enkatsvar_betyg_1_5"
            ),
        ]

"""A reminder about an ärende's due time, shown in the app and sent by mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Paminnelse(models.Model):
    class Typ(models.TextChoices):
        SNART = "sla_75", _("75 % av svarstiden har gått")
        BRUTEN = "sla_bruten", _("Svarstiden har gått ut")

    arende = models.ForeignKey(
        "arenden.Arende", on_delete=models.CASCADE, related_name="paminnelser"
    )
    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="paminnelser"
    )
    typ = models.CharField(_("typ"), max_length=12, choices=Typ.choices)
    # The due time the reminder was about: a reopened ärende with a new due time is
    # reminded again, the same due time never twice.
    svar_senast = models.DateTimeField(_("svar senast"))
    skapad = models.DateTimeField(default=timezone.now)
    last = models.DateTimeField(_("läst"), null=True, blank=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-skapad", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["arende", "mottagare", "typ", "svar_senast"], name="paminnelse_en_gang"
            )
        ]
        indexes = [models.Index(fields=["mottagare", "-skapad"], name="paminnelse_mottagare")]

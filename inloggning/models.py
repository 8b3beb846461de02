"""Integration API keys: one per integration, revocable, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiNyckel(models.Model):
    """An integration's key (växel, e-tjänsteplattform): it acts as its service user.

    The key itself is shown once, when it is created; the database keeps its prefix (to
    find and list it) and the SHA-256 of the whole key (see inloggning/nycklar.py for why
    a plain hash is enough).
    """

    integration = models.CharField(
        _("integration"),
        max_length=100,
        help_text=_("Till exempel Växeln eller E-tjänsteplattformen."),
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_nycklar",
        verbose_name=_("tjänsteanvändare"),
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    hash = models.CharField(_("hash (SHA-256)"), max_length=64)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    senast_anvand = models.DateTimeField(_("senast använd"), null=True, blank=True)
    aterkallad = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-skapad", "-id"]

    def __str__(self) -> str:
        return f"{self.integration} ({self.prefix}…)"

    @property
    def aktiv(self) -> bool:
        return self.aterkallad is None

"""The audit log: who read or exported which personal data, when, and why.

Append-only like the ärende's timeline: a database trigger (migration 0001) refuses UPDATE
and DELETE, so not even an administratör or a bug can rewrite it. A row never holds the
citizen's personal data itself — an ärendenummer, a kontakt's id and field names only —
so the log can be kept longer than what it describes (gallring deletes ärenden, not the
record of having done so).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Logghandelse(models.Model):
    class Typ(models.TextChoices):
        LAST = "last", _("Läste sekretessmarkerat ärende")
        LISTAT = "listat", _("Sekretessmarkerat ärende i lista eller sökning")
        EXPORT = "export", _("Export")
        REGISTERUTDRAG = "registerutdrag", _("Registerutdrag")
        RATTELSE = "rattelse", _("Rättelse")
        RADERING = "radering", _("Radering på begäran")
        GALLRING = "gallring", _("Gallring")

    tid = models.DateTimeField(_("tid"), default=timezone.now)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    # No database constraint: a user deleted later must not need an UPDATE of the log
    # (the trigger refuses it); `aktor_namn` keeps who it was.
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    aktor_namn = models.CharField(_("användarnamn"), max_length=150, blank=True)
    # Plain values, not foreign keys: the row outlives the ärende and the kontakt.
    arende_nummer = models.CharField(_("ärendenummer"), max_length=20, blank=True)
    kontakt_id = models.PositiveBigIntegerField(_("kontakt-id"), null=True, blank=True)
    orsak = models.TextField(_("orsak"), blank=True)
    data = models.JSONField(_("uppgifter"), default=dict, blank=True)

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["-tid", "-id"]
        indexes = [
            models.Index(fields=["-tid", "-id"], name="logg_tid"),
            models.Index(fields=["aktor_namn", "-tid"], name="logg_aktor_tid"),
            models.Index(fields=["arende_nummer", "-tid"], name="logg_arende_tid"),
            models.Index(fields=["kontakt_id", "-tid"], name="logg_kontakt_tid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.tid:%Y-%m-%d %H:%M}"

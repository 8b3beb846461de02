"""The outbox: one `PlatinaRegistrering` per ärende that is to be diariefört.

Written in the same transaction as the escalation, so a registration is never lost; unique
per ärende and looked up by ärendenummer in Platina before creating, so never doubled.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tillstand(models.TextChoices):
    KOAD = "koad", _("Köad")
    SKICKAS = "skickas", _("Skickas")
    OKANT_UTFALL = "okant_utfall", _("Okänt utfall")
    REGISTRERAD = "registrerad", _("Registrerad")
    FORSOKER_IGEN = "forsoker_igen", _("Misslyckad – försöker igen")
    KRAVER_ATGARD = "kraver_atgard", _("Misslyckad – kräver åtgärd")

    @classmethod
    def pagaende(cls) -> list[str]:
        """Return the states the bridge itself will still move on (re-sent when stuck)."""
        return [cls.KOAD, cls.SKICKAS, cls.OKANT_UTFALL, cls.FORSOKER_IGEN]


class PlatinaRegistrering(models.Model):
    arende = models.OneToOneField(
        "arenden.Arende", on_delete=models.PROTECT, related_name="platina_registrering"
    )
    diarium = models.CharField(_("diarium"), max_length=50)
    tillstand = models.CharField(
        _("tillstånd"), max_length=20, choices=Tillstand.choices, default=Tillstand.KOAD
    )
    # Platina has no idempotency key; ours is the ärendenummer, sent as externalReference
    # and searched for before every create.
    idempotensnyckel = models.CharField(_("idempotensnyckel"), max_length=50, unique=True)
    forsok = models.PositiveIntegerField(_("försök"), default=0)
    senaste_fel = models.TextField(_("senaste fel"), blank=True)
    senaste_felkod = models.CharField(_("felkod"), max_length=50, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=50, blank=True)
    platina_id = models.BigIntegerField(_("Platinas id"), null=True, blank=True)
    handling_registrerad = models.BooleanField(_("handling registrerad"), default=False)
    manuellt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skapad = models.DateTimeField(default=timezone.now)
    uppdaterad = models.DateTimeField(default=timezone.now)
    skickas_sedan = models.DateTimeField(null=True, blank=True)
    # When a write last had an unknown outcome: until PLATINA_OKLART_VANTA_SEKUNDER later,
    # a lookup that finds nothing does not prove that nothing was created.
    oklart_sedan = models.DateTimeField(null=True, blank=True)
    registrerad = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Platina-registrering")
        verbose_name_plural = _("Platina-registreringar")
        ordering = ["-skapad", "-id"]
        indexes = [models.Index(fields=["tillstand", "uppdaterad"], name="platina_tillstand")]

    def __str__(self) -> str:
        return f"{self.idempotensnyckel} {self.get_tillstand_display()}"

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


# ---------------------------------------------------------------------------------------
# Open ePlatform: polling and reporting back


class OepHamtning(models.Model):
    """Where polling one Open ePlatform flow family stands: the watermark.

    `senast_lyckad` moves only when a whole poll went through (the list and every new
    instance imported or flagged), so after downtime or a failed poll the next one starts
    from the last good one and nothing in between is missed.
    """

    familj = models.CharField(_("flödesfamilj"), max_length=50, unique=True)
    senast_lyckad = models.DateTimeField(_("senast lyckade hämtning"), null=True, blank=True)
    hogsta_instans = models.BigIntegerField(_("högsta hämtade instans"), default=0)
    senaste_forsok = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    senaste_fel = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        verbose_name = _("hämtning från Open ePlatform")
        verbose_name_plural = _("hämtningar från Open ePlatform")

    def __str__(self) -> str:
        return f"{self.familj} {self.senast_lyckad or '-'}"


class OepFelaktigInstans(models.Model):
    """A FlowInstance that could not become an ärende: kept with its body and why.

    Tried again on every poll that lists it; removed once it imports.
    """

    instans_id = models.CharField(_("FlowInstanceID"), max_length=50, unique=True)
    familj = models.CharField(_("flödesfamilj"), max_length=50)
    fel = models.TextField(_("fel"))
    felkod = models.CharField(_("felkod"), max_length=50, blank=True)
    innehall = models.BinaryField(_("innehåll"), blank=True, default=b"")
    forsok = models.PositiveIntegerField(_("försök"), default=1)
    forst_sedd = models.DateTimeField(_("först sedd"), default=timezone.now)
    senast_sedd = models.DateTimeField(_("senast sedd"), default=timezone.now)

    class Meta:
        verbose_name = _("felaktig instans från Open ePlatform")
        verbose_name_plural = _("felaktiga instanser från Open ePlatform")
        ordering = ["-senast_sedd"]

    def __str__(self) -> str:
        return f"{self.instans_id}: {self.felkod}"


class OepAterrapport(models.Model):
    """The outbox of reports back to Open ePlatform: one setStatus or addMessage call.

    Written in the transaction of the Handelse it reports (unique per Handelse and kind,
    so a replay queues nothing twice), sent after commit in order per submission, retried
    with backoff and re-sent by the beat task: never dropped.
    """

    class Typ(models.TextChoices):
        STATUS = "status", "setStatus"
        MEDDELANDE = "meddelande", "addMessage"

    class Tillstand(models.TextChoices):
        KOAD = "koad", _("Köad")
        SKICKAD = "skickad", _("Skickad")
        FORSOKER_IGEN = "forsoker_igen", _("Misslyckad – försöker igen")
        KRAVER_ATGARD = "kraver_atgard", _("Misslyckad – kräver åtgärd")

    inlamning = models.ForeignKey(Inlamning, on_delete=models.PROTECT, related_name="aterrapporter")
    handelse = models.ForeignKey(
        "arenden.Handelse", on_delete=models.PROTECT, related_name="oep_aterrapporter"
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    status_alias = models.CharField(_("statusalias"), max_length=100, blank=True)
    text = models.TextField(_("text"), blank=True)
    tillstand = models.CharField(
        _("tillstånd"), max_length=20, choices=Tillstand.choices, default=Tillstand.KOAD
    )
    forsok = models.PositiveIntegerField(_("försök"), default=0)
    senaste_fel = models.TextField(_("senaste fel"), blank=True)
    skapad = models.DateTimeField(default=timezone.now)
    uppdaterad = models.DateTimeField(default=timezone.now)
    skickad = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("återrapport till Open ePlatform")
        verbose_name_plural = _("återrapporter till Open ePlatform")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["handelse", "typ"], name="oep_aterrapport_en_per_typ")
        ]
        indexes = [
            models.Index(fields=["tillstand", "uppdaterad"], name="oep_aterrapport_tillstand")
        ]

    def __str__(self) -> str:
        return f"{self.inlamning.extern_id} {self.typ} {self.get_tillstand_display()}"

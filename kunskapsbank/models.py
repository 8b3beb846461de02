"""The kunskapsbank: articles, their versions, synonyms, usage and the search log.

Rules about how an article changes live in `kunskapsbank/services.py`, how it is found in
`kunskapsbank/sok.py`, who sees what in `kunskapsbank/selectors.py`.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende, Forvaltning, Kategori, RosaNiva


class ArtikelStatus(models.TextChoices):
    UTKAST = "utkast", _("Utkast")
    GRANSKNING = "granskning", _("Granskning")
    PUBLICERAD = "publicerad", _("Publicerad")
    ARKIVERAD = "arkiverad", _("Arkiverad")


class Malgrupp(models.TextChoices):
    INTERN = "intern", _("Endast internt")
    PUBLIK = "publik", _("Publik")


class Kunskapsartikel(models.Model):
    """A question as citizens ask it and the answer the contact center gives."""

    fraga = models.CharField(_("fråga"), max_length=300)
    # Sanitised HTML (nh3) – only ever written by kunskapsbank.services.
    svar = models.TextField(_("svar"))
    # The answer as plain text, for search, snippets and the reply to the citizen.
    svar_text = models.TextField(_("svar som text"), blank=True)
    alternativa_fragor = models.JSONField(_("andra sätt att fråga"), default=list, blank=True)
    forvaltning = models.ForeignKey(
        Forvaltning, on_delete=models.PROTECT, related_name="kunskapsartiklar"
    )
    kategori = models.ForeignKey(
        Kategori,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kunskapsartiklar",
    )
    rosa = models.PositiveSmallIntegerField(
        _("ROSA-nivå"), choices=RosaNiva.choices, default=RosaNiva.INFORMATION
    )
    malgrupp = models.CharField(
        _("målgrupp"), max_length=10, choices=Malgrupp.choices, default=Malgrupp.INTERN
    )
    agare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agda_kunskapsartiklar",
        verbose_name=_("ägare"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ArtikelStatus.choices, default=ArtikelStatus.UTKAST
    )
    granskas_senast = models.DateField(_("granskas senast"), null=True, blank=True)
    # The ärende a learning-loop draft came from.
    kalla_arende = models.ForeignKey(
        Arende,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("från ärende"),
    )
    # Weighted: fråga A, andra sätt att fråga B, svar C. Written by the service on each save.
    sokvektor = SearchVectorField(null=True, editable=False)
    # Times an article answered an ärende; part of the ranking.
    anvandningar = models.PositiveIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    skapad = models.DateTimeField(default=timezone.now, editable=False)
    andrad = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kunskapsartikel")
        verbose_name_plural = _("kunskapsartiklar")
        ordering = ["fraga", "id"]
        indexes = [
            GinIndex(fields=["sokvektor"], name="kunskapsartikel_sokvektor"),
            GinIndex(
                fields=["fraga"], name="kunskapsartikel_fraga_trgm", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "malgrupp"], name="kunskapsartikel_status"),
            models.Index(
                fields=["granskas_senast"],
                name="kunskapsartikel_granskas",
                condition=models.Q(status="publicerad"),
            ),
        ]

    def __str__(self) -> str:
        return self.fraga


class ArtikelVersion(models.Model):
    """A snapshot of an article after each change: who changed what, when."""

    artikel = models.ForeignKey(Kunskapsartikel, on_delete=models.CASCADE, related_name="versioner")
    nummer = models.PositiveIntegerField()
    fraga = models.CharField(max_length=300)
    svar = models.TextField()
    alternativa_fragor = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=ArtikelStatus.choices)
    malgrupp = models.CharField(max_length=10, choices=Malgrupp.choices)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tid = models.DateTimeField(default=timezone.now)
    kommentar = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("artikelversion")
        verbose_name_plural = _("artikelversioner")
        ordering = ["artikel", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["artikel", "nummer"], name="artikelversion_unik")
        ]


class Synonym(models.Model):
    """Two words that mean the same to a citizen: `soptunna` ~ `avfallskärl`."""

    ord = models.CharField(_("ord"), max_length=100)
    betyder = models.CharField(_("betyder"), max_length=100)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonymer")
        ordering = ["ord"]
        constraints = [models.UniqueConstraint(fields=["ord", "betyder"], name="synonym_unik")]

    def __str__(self) -> str:
        return f"{self.ord} ~ {self.betyder}"


class Sokord(models.Model):
    """Every word that occurs in an article, for typo correction and compound splitting."""

    ord = models.CharField(max_length=100, unique=True)

    class Meta:
        indexes = [GinIndex(fields=["ord"], name="sokord_trgm", opclasses=["gin_trgm_ops"])]


class Sokning(models.Model):
    """One search, logged for the gap report (kunskapsluckor, onödig efterfrågan)."""

    text = models.CharField(max_length=300)
    antal_traffar = models.PositiveIntegerField()
    roll = models.CharField(max_length=20, blank=True)  # "publik" for the FAQ
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tid = models.DateTimeField(default=timezone.now)
    # Set when an article from the result answered an ärende.
    anvand = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("sökning")
        verbose_name_plural = _("sökningar")
        indexes = [models.Index(fields=["-tid"], name="sokning_tid")]


class Anvandning(models.Model):
    """An article answered an ärende."""

    artikel = models.ForeignKey(
        Kunskapsartikel, on_delete=models.CASCADE, related_name="anvandningslogg"
    )
    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="+")
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tid = models.DateTimeField(default=timezone.now)
    # Answered at first contact: the ärende had no answer and was not escalated.
    forsta_kontakt = models.BooleanField(default=False)
    sokning = models.ForeignKey(
        Sokning, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("användning")
        verbose_name_plural = _("användningar")
        constraints = [
            models.UniqueConstraint(fields=["artikel", "arende"], name="anvandning_unik")
        ]

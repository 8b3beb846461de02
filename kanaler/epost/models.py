"""Mailboxes, every mail fetched from them (raw bytes first) and every mail sent out."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende, Forvaltning, Kategori, Meddelande


class Epostkonto(models.Model):
    """One funktionsbrevlåda (kommunen@, bygglov@): where to fetch, where new ärenden go."""

    class Behandlat(models.TextChoices):
        FLAGGA = "flagga", _("Flagga som behandlat")
        FLYTTA = "flytta", _("Flytta till mapp")

    namn = models.SlugField(_("namn"), max_length=50, unique=True)
    adress = models.EmailField(_("e-postadress"), help_text=_("Avsändare för svar och kvitton."))
    imap_vard = models.CharField(_("IMAP-server"), max_length=200)
    imap_port = models.PositiveIntegerField(_("IMAP-port"), default=993)
    imap_tls = models.BooleanField(_("TLS"), default=True)
    imap_anvandare = models.CharField(_("IMAP-användare"), max_length=200)
    # The password never touches the database: the row names the environment variable.
    losenord_variabel = models.CharField(
        _("miljövariabel med lösenordet"), max_length=100, help_text="t.ex. EPOST_KOMMUNEN_LOSEN"
    )
    mapp = models.CharField(_("mapp"), max_length=200, default="INBOX")
    behandlat = models.CharField(
        _("behandlade brev"), max_length=10, choices=Behandlat.choices, default=Behandlat.FLAGGA
    )
    behandlat_mapp = models.CharField(_("mapp för behandlade"), max_length=200, default="Behandlat")
    forvaltning = models.ForeignKey(
        Forvaltning, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kategori = models.ForeignKey(
        Kategori, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    skicka_kvitto = models.BooleanField(_("skicka kvitto"), default=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    # IMAP state: a new UIDVALIDITY means the UIDs were renumbered and the folder is re-read.
    uidvalidity = models.BigIntegerField(null=True, blank=True, editable=False)
    senaste_uid = models.BigIntegerField(default=0, editable=False)
    senast_hamtad = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("e-postkonto")
        verbose_name_plural = _("e-postkonton")
        ordering = ["namn"]

    def __str__(self) -> str:
        return f"{self.namn} <{self.adress}>"


class Inkommet(models.Model):
    """One fetched mail: its raw RFC 822 bytes, stored before anything is parsed.

    `nyckel` is the Message-ID, or `sha256:<hash of the bytes>` for a mail without one; it
    is unique per mailbox, so a mail fetched twice (a crash, a UIDVALIDITY change) is
    stored once. A mail that fails to parse keeps status `fel` with its error (the
    dead-letter list) until `hamta_epost --omprova` places it.
    """

    class Status(models.TextChoices):
        NY = "ny", _("Ej behandlad")
        PLACERAD = "placerad", _("Placerad på ärende")
        TRIAGE = "triage", _("Kunde inte placeras")
        FEL = "fel", _("Fel vid tolkning")
        KASSERAD = "kasserad", _("Kasserad")

    class Typ(models.TextChoices):
        VANLIGT = "vanligt", _("Vanligt brev")
        AUTOSVAR = "autosvar", _("Autosvar")
        STUDS = "studs", _("Studs (returnerat brev)")

    konto = models.ForeignKey(Epostkonto, on_delete=models.PROTECT, related_name="inkommet")
    nyckel = models.CharField(max_length=300)
    message_id = models.CharField(max_length=300, blank=True, db_index=True)
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    ra = models.BinaryField(_("originalkälla"))
    storlek = models.PositiveIntegerField()
    # Only the headers were fetched: the mail is over the size limit and stays on the server.
    bara_huvud = models.BooleanField(default=False)
    mottagen = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NY)
    typ = models.CharField(max_length=10, choices=Typ.choices, default=Typ.VANLIGT)
    avsandare = models.CharField(max_length=300, blank=True)
    amne = models.CharField(max_length=300, blank=True)
    fel = models.TextField(blank=True)
    ofullstandig = models.BooleanField(_("kunde inte tolkas helt"), default=False)
    meddelande = models.OneToOneField(
        Meddelande, on_delete=models.SET_NULL, null=True, blank=True, related_name="inkommet"
    )
    markerad = models.BooleanField(_("markerad på servern"), default=False)
    hanterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("inkommet brev")
        verbose_name_plural = _("inkomna brev")
        ordering = ["-mottagen", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["konto", "nyckel"], name="inkommet_unik_per_konto")
        ]
        indexes = [
            models.Index(
                fields=["konto", "id"],
                name="inkommet_att_gora",
                condition=models.Q(status="ny") | models.Q(markerad=False),
            ),
            models.Index(
                fields=["-mottagen"],
                name="inkommet_triage",
                condition=models.Q(status__in=["triage", "fel"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.konto.namn} {self.nyckel}"


class Utskick(models.Model):
    """A mail we send (an answer or a kvitto). Its Message-ID threads the citizen's reply."""

    class Typ(models.TextChoices):
        SVAR = "svar", _("Svar")
        KVITTO = "kvitto", _("Kvitto")

    class Status(models.TextChoices):
        KOAD = "koad", _("Köad")
        SKICKAD = "skickad", _("Skickad")
        EJ_SKICKAD = "ej_skickad", _("Ej skickat")

    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="utskick")
    meddelande = models.OneToOneField(
        Meddelande, on_delete=models.CASCADE, null=True, blank=True, related_name="utskick"
    )
    konto = models.ForeignKey(Epostkonto, on_delete=models.PROTECT, null=True, blank=True)
    typ = models.CharField(max_length=10, choices=Typ.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.KOAD)
    message_id = models.CharField(max_length=300, unique=True)
    fran = models.CharField(max_length=300)
    till = models.EmailField(db_index=True)
    amne = models.CharField(max_length=300)
    text = models.TextField()
    in_reply_to = models.CharField(max_length=300, blank=True)
    references = models.TextField(blank=True)
    skapad = models.DateTimeField(default=timezone.now)
    skickad = models.DateTimeField(null=True, blank=True)
    forsok = models.PositiveSmallIntegerField(default=0)
    fel = models.TextField(blank=True)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        ordering = ["skapad", "id"]
        indexes = [models.Index(fields=["till", "typ", "-skapad"], name="utskick_till_typ")]


class Kvittomall(models.Model):
    """A förvaltning's own kvitto text (Django template syntax); others use the default."""

    forvaltning = models.OneToOneField(
        Forvaltning, on_delete=models.CASCADE, related_name="kvittomall"
    )
    amne = models.CharField(_("ämne"), max_length=200, blank=True)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Variabler: {{ arende.nummer }}, {{ svar_senast }}, {{ statuslank }}, "
            "{{ forvaltning }}, {{ kommun }}."
        ),
    )

    class Meta:
        verbose_name = _("kvittomall")
        verbose_name_plural = _("kvittomallar")


class Signatur(models.Model):
    """What KKiK asks a signature to hold, beyond the name and förvaltning we already know."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="epostsignatur"
    )
    befattning = models.CharField(_("befattning"), max_length=150, blank=True)
    postadress = models.CharField(_("postadress"), max_length=300, blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    webbplats = models.URLField(_("webbplats"), blank=True)

    class Meta:
        verbose_name = _("e-postsignatur")
        verbose_name_plural = _("e-postsignaturer")

"""The ärende and everything it is made of.

Models hold data and its presentation; every rule about how an ärende changes lives in
`arenden/services.py`, every rule about who sees it in `arenden/behorighet.py`.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kanal(models.TextChoices):
    EPOST = "epost", _("E-post")
    TELEFON = "telefon", _("Telefon")
    BESOK = "besok", _("Besök")
    ETJANST = "etjanst", _("E-tjänst")
    BREV = "brev", _("Brev")


class Status(models.TextChoices):
    NY = "ny", _("Ny")
    PAGAENDE = "pagaende", _("Pågående")
    VANTAR_PA_KONTAKT = "vantar_pa_kontakt", _("Väntar på kontakt")
    PARKERAD = "parkerad", _("Parkerad")
    ESKALERAD = "eskalerad", _("Eskalerad")
    BESVARAD = "besvarad", _("Besvarad")
    AVSLUTAD = "avslutad", _("Avslutad")

    @classmethod
    def oppna(cls) -> list[str]:
        """Return the statuses in which someone still owes the citizen something."""
        return list(_OPPNA)


# Once: Choices.values is a list built anew on every call, and every open queue row asks.
_OPPNA = tuple(s for s in Status.values if s not in (Status.BESVARAD, Status.AVSLUTAD))
_OPPNA_MANGD = frozenset(_OPPNA)


class Utfall(models.TextChoices):
    LOST_AV_KONTAKTCENTER = "lost_av_kontaktcenter", _("Löst av kontaktcenter")
    KUNSKAPSARTIKEL = "besvarat_med_kunskapsartikel", _("Besvarat med kunskapsartikel")
    KOPPLAT_SAMTAL = "kopplat_samtal", _("Kopplat samtal")
    HANVISAT = "hanvisat", _("Hänvisat")
    ESKALERAT = "eskalerat", _("Eskalerat till förvaltning")
    DIARIET = "registrerat_i_diariet", _("Registrerat i diariet")
    SJALVSERVICE = "sjalvservice", _("Självservice")
    ATERKALLAT = "aterkallat", _("Återkallat")
    SAMMANSLAGET = "sammanslaget", _("Sammanslaget med annat ärende")


class RosaNiva(models.IntegerChoices):
    """The eight ROSA levels (Rationell samOrdning av Service och Administration)."""

    INFORMATION = 1, _("1 Information och upplysningar")
    VAGLEDNING = 2, _("2 Vägledning och rådgivning")
    ADMINISTRATIVA_FORBEREDELSER = 3, _("3 Administrativa förberedelser")
    RUTINHANDLAGGNING = 4, _("4 Rutin- och regelstyrd handläggning och beslut")
    VERKSAMHETSSPECIFIKA_FORBEREDELSER = 5, _("5 Verksamhetsspecifika förberedelser")
    VARDERANDE_HANDLAGGNING = 6, _("6 Värderande handläggning och beslut")
    LEDNINGSUPPGIFTER = 7, _("7 Ledningsuppgifter")
    POLITISK_LEDNING = 8, _("8 Politisk ledning och styrning")

    @classmethod
    def kontaktcenter(cls) -> list[int]:
        """Return the levels a contact center solves itself (1–4)."""
        return [n for n in cls.values if n <= 4]


class Gallringssatt(models.TextChoices):
    # Anonymising keeps the ärende's row (kanal, kategori, times, utfall), so KKiK and the
    # other statistics stay the same; deleting removes it and lowers past counts.
    ANONYMISERA = "anonymisera", _("Anonymisera (statistiken behålls)")
    RADERA = "radera", _("Radera helt")


class Kommun(models.Model):
    namn = models.CharField(_("namn"), max_length=100, unique=True)
    kommunkod = models.CharField(_("kommunkod"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn


class Forvaltning(models.Model):
    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, related_name="forvaltningar")
    namn = models.CharField(_("namn"), max_length=150)
    epost = models.EmailField(_("funktionsbrevlåda"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "namn"], name="forvaltning_unik_per_kommun")
        ]

    def __str__(self) -> str:
        return self.namn


class Svarsgrupp(models.Model):
    """A förvaltning's team that takes escalated ärenden together (Bygglov, Ekonomiskt bistånd)."""

    forvaltning = models.ForeignKey(
        Forvaltning,
        on_delete=models.PROTECT,
        related_name="svarsgrupper",
        verbose_name=_("förvaltning"),
    )
    namn = models.CharField(_("namn"), max_length=150)
    medlemmar = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="svarsgrupper",
        verbose_name=_("medlemmar"),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("svarsgrupp")
        verbose_name_plural = _("svarsgrupper")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["forvaltning", "namn"], name="svarsgrupp_unik_per_forvaltning"
            )
        ]

    def __str__(self) -> str:
        return self.namn


class Kategori(models.Model):
    """An ärendetyp in the catalogue: who owns it, how fast it is due, whether it is diariefört."""

    namn = models.CharField(_("namn"), max_length=150)
    forvaltning = models.ForeignKey(
        Forvaltning,
        on_delete=models.PROTECT,
        related_name="kategorier",
        verbose_name=_("förvaltning"),
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    standard_rosa = models.PositiveSmallIntegerField(
        _("standardnivå ROSA"), choices=RosaNiva.choices, default=RosaNiva.INFORMATION
    )
    sla_arbetsdagar = models.PositiveSmallIntegerField(
        _("svarstid i arbetsdagar"), default=1, validators=[MinValueValidator(1)]
    )
    diarieford = models.BooleanField(_("diarieförs"), default=False)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    # Gallring (integritet/gallring.py): an ärende that is not diariefört is deleted or
    # anonymised this many months after it was closed; empty keeps it for ever.
    gallras_efter_manader = models.PositiveSmallIntegerField(
        _("gallras efter (månader)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tomt: gallras aldrig. Gäller bara ärenden som inte diarieförs."),
    )
    gallringssatt = models.CharField(
        _("gallringssätt"),
        max_length=12,
        choices=Gallringssatt.choices,
        default=Gallringssatt.ANONYMISERA,
    )

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["forvaltning", "namn"], name="kategori_unik_per_forvaltning"
            )
        ]

    def __str__(self) -> str:
        return self.namn


class Kontakt(models.Model):
    """The citizen or company an ärende is about; every field is optional (anonymous calls)."""

    namn = models.CharField(_("namn"), max_length=200, blank=True)
    epost = models.EmailField(_("e-post"), blank=True, db_index=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True, db_index=True)
    # Stored normalised: 12 digits (ÅÅÅÅMMDDNNNN) and 10 digits (NNNNNNNNNN).
    personnummer = models.CharField(_("personnummer"), max_length=12, blank=True, db_index=True)
    organisationsnummer = models.CharField(_("organisationsnummer"), max_length=10, blank=True)
    skapad = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        indexes = [GinIndex(fields=["namn"], name="kontakt_namn_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.namn or self.epost or self.telefon or str(_("Anonym"))

    @property
    def personnummer_maskerat(self) -> str:
        """Show the birth date and hide the last four digits: 19811218-****."""
        if not self.personnummer:
            return ""
        return f"{self.personnummer[:8]}-****"

    @property
    def personnummer_formaterat(self) -> str:
        """The whole number, 19811218-1234: only for whom behorighet.kan_se_personnummer allows."""
        if not self.personnummer:
            return ""
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"

    @property
    def organisationsnummer_formaterat(self) -> str:
        if not self.organisationsnummer:
            return ""
        return f"{self.organisationsnummer[:6]}-{self.organisationsnummer[6:]}"


class ArendenummerSerie(models.Model):
    """The last number handed out per year; numbers only ever grow, so none is reused."""

    ar = models.PositiveSmallIntegerField(primary_key=True)
    senaste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ärendenummerserie")


class Arende(models.Model):
    nummer = models.CharField(_("ärendenummer"), max_length=20, unique=True, editable=False)
    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, related_name="arenden")
    rubrik = models.CharField(_("rubrik"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    kanal = models.CharField(_("kanal"), max_length=10, choices=Kanal.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NY)
    utfall = models.CharField(_("utfall"), max_length=30, choices=Utfall.choices, blank=True)
    rosa = models.PositiveSmallIntegerField(
        _("ROSA-nivå"),
        choices=RosaNiva.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    # The composite (x, -inkom) indexes below serve these foreign keys; no single-column
    # index is needed, and each one costs on every insert.
    kategori = models.ForeignKey(
        Kategori,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arenden",
        db_index=False,
    )
    forvaltning = models.ForeignKey(
        Forvaltning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arenden",
        db_index=False,
    )
    tilldelad = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tilldelade_arenden",
        verbose_name=_("tilldelad"),
        db_index=False,
    )
    kontakt = models.ForeignKey(
        Kontakt, on_delete=models.SET_NULL, null=True, blank=True, related_name="arenden"
    )
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inkom = models.DateTimeField(_("inkom"), default=timezone.now)
    forsta_svar = models.DateTimeField(_("första svar"), null=True, blank=True)
    besvarad = models.DateTimeField(_("besvarad"), null=True, blank=True)
    avslutad = models.DateTimeField(_("avslutad"), null=True, blank=True)
    eskalerad = models.DateTimeField(_("eskalerad"), null=True, blank=True)
    svar_senast = models.DateTimeField(_("svar senast"), null=True, blank=True)
    # Set while the status is parkerad; the beat task wakes the ärende that morning.
    parkerad_till = models.DateField(_("parkerad till"), null=True, blank=True)
    sekretess = models.BooleanField(_("sekretessmarkerat"), default=False)
    sekretess_behoriga = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sekretess_arenden"
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=50, blank=True)
    # The team within the förvaltning that has the escalated ärende, when no one person does.
    svarsgrupp = models.ForeignKey(
        Svarsgrupp,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="arenden",
        verbose_name=_("svarsgrupp"),
    )
    sammanslagen_med = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="sammanslagna"
    )
    andrad = models.DateTimeField(auto_now=True)
    # Optimistic locking: a form or API call that read version N may only write if it still is N.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-inkom", "-id"]
        indexes = [
            models.Index(fields=["-inkom", "-id"], name="arende_inkom"),
            models.Index(fields=["status", "-inkom"], name="arende_status_inkom"),
            models.Index(fields=["kanal", "-inkom"], name="arende_kanal_inkom"),
            models.Index(fields=["rosa", "-inkom"], name="arende_rosa_inkom"),
            models.Index(fields=["forvaltning", "-inkom"], name="arende_forvaltning_inkom"),
            models.Index(fields=["kategori", "-inkom"], name="arende_kategori_inkom"),
            models.Index(fields=["tilldelad", "-inkom"], name="arende_tilldelad_inkom"),
            # A handläggare's view: his förvaltning's escalated ärenden, newest first.
            models.Index(
                fields=["forvaltning", "-inkom"],
                name="arende_eskalerade_inkom",
                condition=models.Q(eskalerad__isnull=False),
            ),
            models.Index(
                fields=["svar_senast"],
                name="arende_oppna_svar_senast",
                condition=models.Q(status__in=Status.oppna()),
            ),
            GinIndex(fields=["rubrik"], name="arende_rubrik_trgm", opclasses=["gin_trgm_ops"]),
            # Possible duplicates (selectors.arende_mojliga_dubbletter): nearest rubrik first
            # among the open ärenden only, so the index stays the size of the backlog.
            GistIndex(
                fields=["rubrik"],
                name="arende_oppna_rubrik_trgm",
                opclasses=["gist_trgm_ops"],
                condition=models.Q(status__in=Status.oppna()),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.rubrik}"

    @property
    def ar_oppet(self) -> bool:
        return self.status in _OPPNA_MANGD

    @property
    def ar_forsenat(self) -> bool:
        return bool(self.ar_oppet and self.svar_senast and self.svar_senast < timezone.now())

    def relationer_fran(self, annat: "Arende") -> None:
        """Take the related rows (kategori, kontakt, …) `annat` already holds where this
        row points to the same ones, so that reading them costs no query."""
        if annat is self:
            return
        for falt in self._meta.concrete_fields:
            if (
                falt.many_to_one
                and falt.is_cached(annat)
                and getattr(annat, falt.attname) == getattr(self, falt.attname)
            ):
                falt.set_cached_value(self, falt.get_cached_value(annat))

    def har_i_hand(self, relation: str) -> bool:
        """Whether reading the relation costs no query: it is empty or already loaded."""
        falt = self._meta.get_field(relation)
        return getattr(self, falt.attname) is None or falt.is_cached(self)


class Meddelande(models.Model):
    """A message in or out on an ärende, with what its channel knows about it."""

    class Riktning(models.TextChoices):
        IN = "in", _("In")
        UT = "ut", _("Ut")

    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="meddelanden")
    riktning = models.CharField(_("riktning"), max_length=2, choices=Riktning.choices)
    kanal = models.CharField(_("kanal"), max_length=10, choices=Kanal.choices)
    avsandare = models.CharField(_("avsändare"), max_length=300, blank=True)
    mottagare = models.CharField(_("mottagare"), max_length=300, blank=True)
    amne = models.CharField(_("ämne"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Only ever written after sanitising (the channel that received it does that).
    html = models.TextField(_("HTML"), blank=True)
    metadata = models.JSONField(_("kanalens metadata"), default=dict, blank=True)
    skapad = models.DateTimeField(default=timezone.now)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["skapad", "id"]


class Bilaga(models.Model):
    meddelande = models.ForeignKey(
        Meddelande, on_delete=models.CASCADE, related_name="bilagor", null=True, blank=True
    )
    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="bilagor")
    fil = models.FileField(_("fil"), upload_to="bilagor/%Y/%m/")
    namn = models.CharField(_("filnamn"), max_length=255)
    typ = models.CharField(_("filtyp"), max_length=100)
    storlek = models.PositiveBigIntegerField(_("storlek i byte"))
    sha256 = models.CharField(max_length=64)
    skapad = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")


class Handelse(models.Model):
    """One entry in an ärende's timeline. Append-only: a database trigger refuses UPDATE."""

    class Typ(models.TextChoices):
        SKAPAT = "skapat", _("Ärendet skapades")
        TILLDELAT = "tilldelat", _("Tilldelat")
        KLASSIFICERAT = "klassificerat", _("Klassificerat")
        MEDDELANDE_IN = "meddelande_in", _("Meddelande in")
        SVAR = "svar", _("Svar skickat")
        ANTECKNING = "anteckning", _("Anteckning")
        ESKALERAT = "eskalerat", _("Eskalerat")
        VANTAR = "vantar", _("Väntar på kontakt")
        AVSLUTAT = "avslutat", _("Avslutat")
        ATEROPPNAT = "ateroppnat", _("Återöppnat")
        SAMMANSLAGET = "sammanslaget", _("Sammanslaget")
        SEKRETESS = "sekretess", _("Sekretess ändrad")
        LAST = "last", _("Läst (sekretess)")
        DIARIEFORT = "diariefort", _("Diariefört")
        PARKERAT = "parkerat", _("Parkerat")
        PARKERING_SLUT = "parkering_slut", _("Parkeringen slut")
        ATERLAMNAT = "aterlamnat", _("Återlämnat till kontaktcenter")
        STATUSLANK_ATERKALLAD = "statuslank_ater", _("Statuslänken återkallad")
        # Förvaltningslagen 11 §: the citizen is told why the ärende is delayed.
        FORSENINGSBESKED = "forseningsbesked", _("Förseningsbesked")
        # The ärende's personal data was removed (gallring or a request); its timeline
        # before that was deleted with it, the audit log (integritet) says who and why.
        GALLRAT = "gallrat", _("Personuppgifter gallrade")

    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="handelser")
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tid = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["tid", "id"]
        indexes = [models.Index(fields=["arende", "tid"], name="handelse_arende_tid")]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.tid:%Y-%m-%d %H:%M}"


class Arbetsdag(models.Model):
    """One calendar date as `arenden.kalender` sees it, so PostgreSQL can count working time.

    `arbetsdagar_fore` is the number of working days from the table's first date up to (not
    including) this one; working time between two moments is then a difference of two
    lookups. Filled and extended by `arenden.statistik.kalendertabell.arbetsdag_fyll`.
    """

    datum = models.DateField(_("datum"), primary_key=True)
    ar_arbetsdag = models.BooleanField(_("arbetsdag"))
    arbetsdagar_fore = models.PositiveIntegerField(_("arbetsdagar före"))

    class Meta:
        verbose_name = _("arbetsdag")
        verbose_name_plural = _("arbetsdagar")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%Y-%m-%d}"


class Medarbetare(models.Model):
    """A staff member's place in the organisation; the role itself is a Django group."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medarbetare"
    )
    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, related_name="medarbetare")
    forvaltning = models.ForeignKey(
        Forvaltning, on_delete=models.PROTECT, null=True, blank=True, related_name="medarbetare"
    )

    class Meta:
        verbose_name = _("medarbetare")
        verbose_name_plural = _("medarbetare")

    def __str__(self) -> str:
        return self.anvandare.get_full_name() or self.anvandare.get_username()


class Statuslank(models.Model):
    """The citizen's link to an ärende's status page: a long random token, revocable.

    Created with the ärende's first kvitto (arenden/statuslankar.py); the token is stored as
    it is sent, so a revoked link stays dead and a new one can be issued.
    """

    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="statuslankar")
    token = models.CharField(_("token"), max_length=64, unique=True)
    skapad = models.DateTimeField(default=timezone.now)
    aterkallad = models.DateTimeField(_("återkallad"), null=True, blank=True)
    aterkallad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statuslänk")
        verbose_name_plural = _("statuslänkar")
        ordering = ["-skapad", "-id"]


class Svarsmall(models.Model):
    """A ready answer the vägledare inserts into a reply, with placeholders filled per ärende.

    A mall without förvaltning is shared by the whole contact center. The placeholders
    ({namn}, {arendenummer}, …) are listed and filled in `arenden/svarsmallar.py`.
    """

    forvaltning = models.ForeignKey(
        Forvaltning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="svarsmallar",
        verbose_name=_("förvaltning"),
        help_text=_("Tomt betyder att mallen gäller alla förvaltningar."),
    )
    titel = models.CharField(_("titel"), max_length=150)
    text = models.TextField(_("text"))
    aktiv = models.BooleanField(_("aktiv"), default=True)
    andrad = models.DateTimeField(_("ändrad"), auto_now=True)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("svarsmall")
        verbose_name_plural = _("svarsmallar")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel

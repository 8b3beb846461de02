"""Every measure, defined once: its stable key, its Swedish name and how it is counted.

The dashboard shows `definition` under "Så räknar vi", the API documents the same keys, and
`arenden.statistik.berakna` computes them. Change a rule here and in its SQL together.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from arenden.models import Utfall

# One arbetsdag is 24 hours of time on working days (arenden.kalender), as KKiK counts it.
EN_ARBETSDAG_SEKUNDER = 86_400

# Outcomes that mean the contact center solved the ärende itself.
LOSTA_UTFALL = (Utfall.LOST_AV_KONTAKTCENTER.value, Utfall.KUNSKAPSARTIKEL.value)
# Outcomes that are not a handled ärende at all and stay out of every denominator.
EJ_HANTERADE_UTFALL = (Utfall.ATERKALLAT.value, Utfall.SAMMANSLAGET.value)


@dataclass(frozen=True)
class Matt:
    nyckel: str
    namn: str | Promise
    definition: str | Promise


URVAL = Matt(
    "urval",
    _("Urval"),
    _(
        "Alla ärenden som inkom under perioden (svensk tid, från första dagens början till sista "
        "dagens slut), i vald kanal och förvaltning. Ärenden som slagits ihop med ett annat "
        "räknas inte, eftersom de är dubbletter."
    ),
)

EPOST_INOM_EN = Matt(
    "epost.andel_inom_en_arbetsdag",
    _("E-post besvarad inom en arbetsdag"),
    _(
        "Andel av periodens e-postärenden där första svaret till medborgaren skickades inom "
        "24 timmar räknat bara på arbetsdagar (helger, röda dagar, midsommar-, jul- och "
        "nyårsafton räknas inte). Tiden mäts från att e-posten kom in till första svaret. "
        "En automatisk mottagningskvittens är inget svar."
    ),
)
EPOST_INOM_TVA = Matt(
    "epost.andel_inom_tva_arbetsdagar",
    _("E-post besvarad inom två arbetsdagar"),
    _("Som ovan, men inom 48 timmar arbetsdagstid."),
)
EPOST_OBESVARADE = Matt(
    "epost.andel_obesvarade",
    _("E-post utan svar"),
    _("Andel av periodens e-postärenden som ännu inte fått något svar."),
)
EPOST_SVARSTID = Matt(
    "epost.medel_timmar",
    _("Tid till första svar (medel och median)"),
    _(
        "Medel och median av arbetsdagstiden från att e-posten kom in till första svaret, i "
        "timmar, för de besvarade e-postärendena. Ett återöppnat ärende räknas på sitt "
        "första svar. Medianen räknas på hela minuter (uppåt), medelvärdet exakt."
    ),
)
FORSTA_KONTAKT = Matt(
    "forsta_kontakt.andel",
    _("Lösningsgrad i första kontakt"),
    _(
        "Andel av periodens avslutade ärenden som kontaktcentret löste självt: utfallet är "
        "”Löst av kontaktcenter” eller ”Besvarat med kunskapsartikel” och ärendet har aldrig "
        "eskalerats. Återkallade och sammanslagna ärenden räknas inte. Visas totalt och per "
        "kanal."
    ),
)
ROSA_FORDELNING = Matt(
    "rosa.per_niva",
    _("ROSA-nivåer"),
    _("Andel av periodens ärenden med ROSA-nivå som har respektive nivå 1–8."),
)
ROSA_ESKALERADE = Matt(
    "rosa.andel_1_4_eskalerade",
    _("Nivå 1–4 som ändå eskalerades"),
    _(
        "Andel av periodens ärenden på ROSA-nivå 1–4, som kontaktcentret ska kunna lösa, som "
        "ändå eskalerades till en förvaltning."
    ),
)
SLA_INOM = Matt(
    "sla.andel_inom_svarstid",
    _("Besvarade inom kategorins svarstid"),
    _(
        "Andel av periodens ärenden med svarstid (från kategorin) där första svaret kom senast "
        "vid svarstidens slut. Obesvarade ärenden räknas som inte i tid."
    ),
)
SLA_FORSENADE = Matt(
    "sla.forsenade_nu",
    _("Försenade just nu"),
    _(
        "Öppna ärenden vars svarstid redan har passerat, per förvaltning, just nu (oberoende av "
        "period, men med vald kanal och förvaltning)."
    ),
)
VOLYM = Matt(
    "volym",
    _("Volymer"),
    _(
        "Antal ärenden som inkom under perioden per kanal, förvaltning, kategori och ROSA-nivå, "
        "per dag, vecka (måndag–söndag) och månad, och per veckodag och timme (svensk tid) "
        "som underlag för bemanning."
    ),
)
PER_FORVALTNING = Matt(
    "per_forvaltning",
    _("Per förvaltning (finansiering)"),
    _(
        "Antal ärenden per förvaltning och förvaltningens andel av alla ärenden som hör till "
        "en förvaltning, som underlag för finansieringsmodellen. Ärenden utan förvaltning "
        "redovisas för sig."
    ),
)
PER_MEDARBETARE = Matt(
    "per_medarbetare",
    _("Per medarbetare"),
    _(
        "Ärenden som inkom under perioden per tilldelad medarbetare, och hur stor andel av "
        "medarbetarens avslutade ärenden som löstes i första kontakt (som ovan). Visas bara "
        "för teamledare."
    ),
)
TELEFON = Matt(
    "telefon",
    _("Telefoni"),
    _(
        "Samtal som kom in till växeln under perioden (svensk tid), totalt och per kö: "
        "inkommande, besvarade, missade (lade på innan någon svarade), svarsfrekvens "
        "(besvarade av inkommande), lösta i första kontakt (besvarade samtal vars ärende "
        "kontaktcentret löste självt utan eskalering, som andel av de besvarade), "
        "återuppringningar (missade samtal med nummer som blev ett återuppringningsärende) "
        "och gjorda återuppringningar (vars ärende är besvarat eller avslutat). Samtal hör "
        "inte till någon förvaltning: med förvaltningsfilter eller annan kanal visas inget."
    ),
)
BESOK = Matt(
    "besok",
    _("Besök per besökstyp"),
    _(
        "Besök som registrerades i receptionen under perioden (svensk tid), per besökstyp. "
        "Med förvaltningsfilter eller annan kanal visas inget."
    ),
)
KUNSKAPSBANK = Matt(
    "kunskapsbank",
    _("Kunskapsbank"),
    _(
        "Andel av periodens ärenden (samma urval som ovan) som besvarats med minst en "
        "kunskapsartikel, och hur många av dem i första kontakt; de mest använda artiklarna "
        "(antal ärenden); och kunskapsluckor: sökningar under perioden utan träff, eller vars "
        "träffar aldrig användes. Sökningar hör inte till något ärende och räknas oberoende "
        "av kanal och förvaltning."
    ),
)
SERVICEMATNING = Matt(
    "servicematning",
    _("Servicemätning"),
    _(
        "Medborgarnas svar på enkäten efter ett ärende (SKR:s servicemätning): enkelhet, "
        "tydlighet och bemötande på en skala 1–5. Index per mått är medelvärdet av 5→100, "
        "4→75, 3→50, 2→25, 1→0. Svaren räknas på när de lämnades, på ärendets kanal och "
        "förvaltning, med antal svar."
    ),
)

ALLA: tuple[Matt, ...] = (
    URVAL, EPOST_INOM_EN, EPOST_INOM_TVA, EPOST_OBESVARADE, EPOST_SVARSTID, FORSTA_KONTAKT,
    ROSA_FORDELNING, ROSA_ESKALERADE, SLA_INOM, SLA_FORSENADE, VOLYM, PER_FORVALTNING,
    PER_MEDARBETARE, TELEFON, BESOK, KUNSKAPSBANK, SERVICEMATNING,
)  # fmt: skip

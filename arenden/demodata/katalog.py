"""The demo catalogue: förvaltningar, kategorier and the Swedish texts ärenden are built from.

Taken from the tasks Lekeberg's förstudie lists for a kontaktcenter (sections 7 and 12:
the växel, felanmälan, utlämning av handlingar, parkeringstillstånd, vägbidrag, V/A,
torghandel, tomtkö, gatljus, lotteritillstånd, lokalbokning, förenklat faderskap, fond
för behövande …) plus what every kommun gets asked about (bygglov, förskola, avfall).

A template may use these fields: {gata} {nr} {ort} {fastighet} {lokal} {datum} {veckodag}
{skola} {forening} {ar} {avgangsar} {handling}; a beskrivning also {rubrik} and {rubrik_lag}
(lower-case first letter), an answer also {fornamn}. `generator.Generator._texter` fills them.
"""

from dataclasses import dataclass, field

# Lekeberg's yearly volumes per channel (förstudien, 7.1.1–7.1.4): 28 000 calls, 10 000
# letters, 2 600 visits, 2 400 mails. E-tjänster are not counted there; 4 000 is a guess
# for a kommun that has started to move forms online.
KANALVIKTER = {"telefon": 28_000, "brev": 10_000, "etjanst": 4_000, "besok": 2_600, "epost": 2_400}

# (namn, funktionsbrevlåda, prefix in the diarienummer the Platina bridge brings back)
FORVALTNINGAR = [
    ("Administrativa avdelningen", "administration@kommun.example", "KS"),
    ("Teknik och service", "teknik@kommun.example", "TS"),
    ("Kultur och fritid", "kulturfritid@kommun.example", "KFN"),
    ("Individ och familjeomsorg", "ifo@kommun.example", "SN"),
    ("Samhällsbyggnad", "samhallsbyggnad@kommun.example", "SBN"),
    ("Utbildning", "utbildning@kommun.example", "BUN"),
    ("Ekonomiavdelningen", "ekonomi@kommun.example", "KS"),
]

# The förvaltning the demo handläggare works at.
HANDLAGGARENS_FORVALTNING = "Samhällsbyggnad"


@dataclass(frozen=True)
class KategoriMall:
    """A kategori and its texts; with as many svar as rubriker, answer i goes with rubrik i."""

    namn: str
    forvaltning: str
    rosa: int
    sla: int
    diarieford: bool
    vikt: float  # relative volume
    rubriker: tuple[str, ...]
    beskrivningar: tuple[str, ...]
    svar: tuple[str, ...]
    # Weight per channel relative to the others (missing = 1).
    kanaler: dict[str, float] = field(default_factory=dict)
    beskrivning: str = ""
    sekretess: float = 0.0  # share marked sekretess
    organisation: float = 0.0  # share where the kontakt is a company or förening


KATEGORIER = [
    KategoriMall(
        "Allmän fråga",
        "Administrativa avdelningen",
        1,
        1,
        False,
        30,
        rubriker=(
            "Fråga om öppettider i kommunhuset",
            "Vill ha kontakt med en handläggare",
            "Fråga om var man lämnar hittegods",
            "Söker telefonnummer till {skola}",
            "Fråga om kommunens parkering vid {gata}",
            "Undrar när nästa fullmäktigesammanträde är",
        ),
        beskrivningar=(
            "{rubrik}. Vill ha svar så snart som möjligt.",
            "{rubrik}. Har letat på webbplatsen utan att hitta svaret.",
        ),
        svar=(
            "Hej {fornamn}! Kommunhuset har öppet vardagar 8.00–16.30. Välkommen!",
            "Hej {fornamn}! Handläggaren ringer upp dig i morgon förmiddag.",
            "Hej {fornamn}! Hittegods lämnas till polisen; borttappat i kommunens lokaler "
            "finns i receptionen i en månad.",
            "Hej {fornamn}! Skolans expedition nås via växeln vardagar 8–12; jag kopplar gärna.",
            "Hej {fornamn}! Parkeringen är avgiftsfri i tre timmar med p-skiva.",
            "Hej {fornamn}! Fullmäktige sammanträder nästa gång den sista måndagen i månaden "
            "kl. 18.00. Handlingarna finns på webbplatsen en vecka före.",
        ),
        kanaler={"telefon": 2, "besok": 2.5, "brev": 0.1, "etjanst": 0.3},
        beskrivning="Upplysningar och vägledning som kontaktcentret besvarar direkt.",
    ),
    KategoriMall(
        "Felanmälan kommunal fastighet",
        "Teknik och service",
        3,
        1,
        False,
        8,
        rubriker=(
            "Vattenläcka i tvättstugan, {gata} {nr}",
            "Trasigt lås i entrén på {gata} {nr}",
            "Ingen värme i lägenheten, {gata} {nr}",
            "Stopp i avloppet på {gata} {nr}",
        ),
        beskrivningar=(
            "Hyresgästen på {gata} {nr} i {ort} anmäler: {rubrik_lag}. Nås på telefon dagtid.",
            "{rubrik}. Problemet började i {veckodag}s. Fastighetsjouren behöver åka ut.",
        ),
        svar=(
            "Hej {fornamn}! Felanmälan är registrerad och fastighetsskötaren kommer ut inom "
            "två arbetsdagar.",
        ),
        kanaler={"telefon": 3, "etjanst": 1.5, "brev": 0.05},
    ),
    KategoriMall(
        "Frågor om bredband",
        "Administrativa avdelningen",
        2,
        2,
        False,
        4,
        rubriker=(
            "När kommer fibern till {ort}?",
            "Fråga om fiberanslutning till {fastighet}",
            "Grävning för bredband vid {gata} har lämnat hål i vägen",
        ),
        beskrivningar=(
            "Undrar om tidplanen för bredbandsutbyggnaden i {ort} och vad anslutningen kostar.",
            "{rubrik}. Har pratat med grannarna som också väntar.",
        ),
        svar=(
            "Hej {fornamn}! Utbyggnaden i {ort} är planerad till nästa år. Anmäl intresse hos "
            "nätägaren så får du besked när det är din tur.",
        ),
        kanaler={"telefon": 2, "epost": 2, "brev": 0.2},
    ),
    KategoriMall(
        "Borgerlig vigsel",
        "Administrativa avdelningen",
        3,
        5,
        False,
        1,
        rubriker=(
            "Önskar borgerlig vigsel {datum}",
            "Bokning av vigsel i kommunhuset",
            "Fråga om vigselförrättare till sommaren",
        ),
        beskrivningar=(
            "Paret vill vigas {datum} i kommunhuset. Hindersprövning är beställd hos Skatteverket.",
        ),
        svar=(
            "Hej {fornamn}! Vi har bokat en vigselförrättare {datum}. Ta med "
            "hindersprövningen och legitimation.",
        ),
        kanaler={"epost": 3, "telefon": 1.5, "brev": 0.1},
    ),
    KategoriMall(
        "Felanmälan gatljus",
        "Teknik och service",
        3,
        2,
        False,
        4,
        rubriker=(
            "Gatlampan utanför {gata} {nr} är trasig",
            "Flera gatlampor släckta längs {gata}",
            "Gatlyktan vid busshållplatsen i {ort} blinkar",
            "Belysningsstolpe påkörd vid {gata}",
        ),
        beskrivningar=(
            "{rubrik}. Det är mörkt på vägen till skolan och barnen går där på morgonen.",
            "Anmälaren uppger att {rubrik_lag} sedan {veckodag}.",
        ),
        svar=(
            "Hej {fornamn}! Tack för felanmälan. Belysningsentreprenören åtgärdar felet "
            "inom två veckor.",
        ),
        kanaler={"telefon": 2, "etjanst": 3, "brev": 0.05, "besok": 0.5},
    ),
    KategoriMall(
        "Felanmälan väg och gata",
        "Teknik och service",
        3,
        2,
        False,
        5,
        rubriker=(
            "Potthål i vägen på {gata}",
            "Halt på gång- och cykelvägen vid {skola}",
            "Nedfallet träd över {gata} i {ort}",
            "Trasig skylt vid korsningen {gata}",
            "Snön är inte plogad på {gata}",
        ),
        beskrivningar=(
            "{rubrik}. Anmälaren vill bli kontaktad när det är åtgärdat.",
            "Hänt i {veckodag}s: {rubrik_lag}. Risk för olyckor.",
        ),
        svar=(
            "Hej {fornamn}! Gatuenheten har fått din anmälan och åtgärdar den så snart som "
            "möjligt. Tack för att du hörde av dig.",
        ),
        kanaler={"telefon": 2, "etjanst": 3, "brev": 0.05},
    ),
    KategoriMall(
        "Avfall och sophämtning",
        "Teknik och service",
        2,
        2,
        False,
        8,
        rubriker=(
            "Soptunnan blev inte tömd på {gata} {nr}",
            "Vill byta till mindre kärl",
            "Fråga om öppettider på återvinningscentralen",
            "Beställning av slamtömning, {fastighet}",
        ),
        beskrivningar=(
            "{rubrik}. Hämtningsdag är {veckodag}.",
            "Kunden på {gata} {nr} i {ort} undrar: {rubrik_lag}.",
        ),
        svar=(
            "Hej {fornamn}! Vi har meddelat renhållningsentreprenören och tunnan töms "
            "senast nästa hämtningsdag.",
            "Hej {fornamn}! Kärlbytet är beställt och görs inom tre veckor.",
            "Hej {fornamn}! Återvinningscentralen har öppet måndag–torsdag 12–19 och lördag 9–14.",
            "Hej {fornamn}! Slamtömningen är beställd och görs inom två veckor.",
        ),
        kanaler={"telefon": 2.5, "epost": 1, "etjanst": 1.5, "brev": 0.2},
    ),
    KategoriMall(
        "Handläggning parkeringstillstånd",
        "Teknik och service",
        4,
        10,
        True,
        3,
        rubriker=(
            "Ansökan om parkeringstillstånd för rörelsehindrad",
            "Förnyelse av parkeringstillstånd",
            "Fråga om status på ansökan om parkeringstillstånd",
        ),
        beskrivningar=(
            "Ansökan med läkarintyg inkommen. Sökanden bor på {gata} {nr} i {ort}.",
            "{rubrik}. Tidigare tillstånd går ut i slutet av månaden.",
        ),
        svar=(
            "Hej {fornamn}! Din ansökan om parkeringstillstånd är beviljad. Kortet skickas "
            "hem till dig med post.",
        ),
        kanaler={"brev": 3, "etjanst": 2, "telefon": 1},
    ),
    KategoriMall(
        "Vägbidrag",
        "Teknik och service",
        4,
        10,
        True,
        1,
        rubriker=(
            "Ansökan om driftbidrag för enskild väg i {ort}",
            "Fråga om utbetalning av vägbidrag {ar}",
        ),
        beskrivningar=(
            "Vägföreningen i {ort} ansöker om kommunalt driftbidrag för sin enskilda väg.",
        ),
        svar=("Hej! Ansökan om vägbidrag är beviljad och betalas ut under hösten.",),
        kanaler={"brev": 3, "epost": 2},
        organisation=0.8,
    ),
    KategoriMall(
        "Anslutning V/A",
        "Teknik och service",
        4,
        10,
        True,
        1.5,
        rubriker=(
            "Anmälan om anslutning till kommunalt vatten och avlopp, {fastighet}",
            "Fråga om anslutningsavgift V/A",
            "Begäran om förbindelsepunkt för {fastighet}",
        ),
        beskrivningar=(
            "Fastighetsägaren till {fastighet} i {ort} vill ansluta till det kommunala VA-nätet.",
        ),
        svar=(
            "Hej {fornamn}! Anmälan om anslutning är mottagen. Faktura på anslutningsavgiften "
            "skickas när förbindelsepunkten är upprättad.",
        ),
        kanaler={"etjanst": 2, "brev": 2, "telefon": 1},
    ),
    KategoriMall(
        "Anmälan torghandel",
        "Teknik och service",
        4,
        5,
        False,
        0.5,
        rubriker=(
            "Anmälan om torgplats {datum}",
            "Vill sälja jordgubbar på torget i {ort}",
        ),
        beskrivningar=("{forening} vill ha en torgplats {datum}, med el.",),
        svar=("Hej! Ni har fått torgplats {datum}. Välkomna!",),
        kanaler={"epost": 3, "telefon": 1, "etjanst": 1},
        organisation=0.6,
    ),
    KategoriMall(
        "Anmälan tomtkö",
        "Teknik och service",
        3,
        5,
        False,
        0.7,
        rubriker=(
            "Anmälan till tomtkön",
            "Fråga om lediga villatomter i {ort}",
        ),
        beskrivningar=("Familj som vill bygga hus i {ort} anmäler sig till kommunens tomtkö.",),
        svar=("Hej {fornamn}! Du står nu i kommunens tomtkö. Köavgiften faktureras årligen.",),
        kanaler={"etjanst": 3, "telefon": 1, "epost": 1},
    ),
    KategoriMall(
        "Utlämning av handlingar",
        "Administrativa avdelningen",
        4,
        1,
        True,
        5,
        rubriker=(
            "Begäran om allmän handling: {handling}",
            "Begär ut protokoll från kommunstyrelsen",
            "Vill ta del av beslut om {handling}",
        ),
        beskrivningar=(
            "Begäran enligt offentlighetsprincipen: {handling}. Önskas digitalt.",
            "{rubrik}. Journalist, vill ha handlingarna så snart som möjligt.",
        ),
        svar=(
            "Hej {fornamn}! Här kommer de handlingar du begärt. Ingen avgift tas ut för "
            "digitala kopior.",
        ),
        kanaler={"epost": 6, "telefon": 0.6, "brev": 0.5, "besok": 0.5},
    ),
    KategoriMall(
        "Utlämning av arkivhandlingar",
        "Administrativa avdelningen",
        4,
        2,
        True,
        1.5,
        rubriker=(
            "Söker betyg från {skola} avgångsår {avgangsar}",
            "Begäran om ritningar till {fastighet} ur arkivet",
            "Söker gamla protokoll från byggnadsnämnden",
        ),
        beskrivningar=("{rubrik}. Behöver kopian till en ansökan.",),
        svar=("Hej {fornamn}! Vi har hittat handlingarna i arkivet och skickar kopior med post.",),
        kanaler={"epost": 3, "brev": 2, "telefon": 1},
    ),
    KategoriMall(
        "Lokalbokning",
        "Kultur och fritid",
        3,
        3,
        False,
        4,
        rubriker=(
            "Bokning av {lokal} {datum}",
            "Vill hyra {lokal} för kalas",
            "Avbokning av {lokal} {datum}",
        ),
        beskrivningar=("Vill boka {lokal} {datum} kl. 18–21.", "{rubrik}. Ett trettiotal gäster."),
        svar=("Hej {fornamn}! Vi har bokat {lokal} åt er {datum}. Nyckeln hämtas i receptionen.",),
        kanaler={"telefon": 2, "epost": 2, "besok": 1.5, "brev": 0.05},
        organisation=0.4,
    ),
    KategoriMall(
        "Lotteritillstånd",
        "Kultur och fritid",
        4,
        10,
        True,
        0.5,
        rubriker=(
            "Ansökan om registrering av lotteri, {forening}",
            "Redovisning av lotteri {ar}",
        ),
        beskrivningar=("{forening} ansöker om registrering av lotteri för {ar}.",),
        svar=("Hej! Lotteriet är registrerat. Kom ihåg att redovisa det efter dragningen.",),
        kanaler={"brev": 3, "epost": 2},
        organisation=0.9,
    ),
    KategoriMall(
        "Bygglov",
        "Samhällsbyggnad",
        6,
        10,
        True,
        6,
        rubriker=(
            "Ansökan om bygglov för garage, {fastighet}",
            "Bygglov för tillbyggnad av enbostadshus, {fastighet}",
            "Fråga om bygglov för attefallshus",
            "Status på bygglovsansökan för {fastighet}",
            "Anmälan om rivning av uthus på {fastighet}",
            "Klagomål på grannens bygge vid {gata} {nr}",
        ),
        beskrivningar=(
            "{rubrik}. Ritningar och situationsplan bifogade. Fastigheten ligger i {ort}.",
            "Sökanden undrar om handläggningstiden för ansökan på {fastighet}.",
        ),
        svar=(
            "Hej {fornamn}! Din ansökan är komplett och handläggs nu. Beslut får du inom tio "
            "veckor.",
            "Hej {fornamn}! Vi behöver en kompletterande situationsplan innan ansökan kan prövas.",
        ),
        kanaler={"etjanst": 4, "brev": 2, "telefon": 0.4, "epost": 1.5, "besok": 0.5},
        organisation=0.2,
    ),
    KategoriMall(
        "Försörjningsstöd",
        "Individ och familjeomsorg",
        6,
        5,
        True,
        4,
        rubriker=(
            "Ansökan om försörjningsstöd",
            "Fråga om utbetalning av försörjningsstöd",
            "Vill boka tid med socialsekreterare",
        ),
        beskrivningar=(
            "Sökanden har ingen inkomst denna månad och vill ansöka om ekonomiskt bistånd.",
            "{rubrik}. Har tidigare haft kontakt med IFO.",
        ),
        svar=(
            "Hej {fornamn}! En socialsekreterare ringer upp dig inom fem arbetsdagar för att "
            "boka ett besök.",
        ),
        kanaler={"besok": 3, "telefon": 1.2, "brev": 2, "etjanst": 1},
        sekretess=0.08,
    ),
    KategoriMall(
        "Förenklat faderskap",
        "Individ och familjeomsorg",
        5,
        10,
        True,
        0.8,
        rubriker=(
            "Bekräftelse av faderskap",
            "Fråga om föräldraskapsbekräftelse",
        ),
        beskrivningar=("Föräldrarna vill bekräfta föräldraskap för barn fött {datum}.",),
        svar=("Hej {fornamn}! Bekräftelsen är mottagen och skickas till Skatteverket.",),
        kanaler={"etjanst": 3, "brev": 1, "telefon": 0.5},
        sekretess=0.1,
    ),
    KategoriMall(
        "Fond för behövande",
        "Individ och familjeomsorg",
        6,
        10,
        True,
        0.4,
        rubriker=("Ansökan ur fonden för behövande",),
        beskrivningar=("Sökanden ansöker om bidrag till vinterkläder till barnen.",),
        svar=("Hej {fornamn}! Fondstyrelsen beslutar om din ansökan vid nästa möte.",),
        kanaler={"brev": 3, "besok": 1},
        sekretess=0.05,
    ),
    KategoriMall(
        "Förskoleplats",
        "Utbildning",
        3,
        5,
        False,
        4,
        rubriker=(
            "Ansökan om förskoleplats",
            "Fråga om kötid till förskolan i {ort}",
            "Uppsägning av förskoleplats",
            "Byte av förskola till {skola}",
        ),
        beskrivningar=("Föräldern önskar plats från {datum}. {rubrik}.",),
        svar=(
            "Hej {fornamn}! Ansökan är registrerad. Erbjudande om plats skickas senast fyra "
            "månader efter ansökningsdagen.",
        ),
        kanaler={"etjanst": 5, "telefon": 1, "epost": 1, "brev": 0.1},
    ),
    KategoriMall(
        "Skolskjuts",
        "Utbildning",
        4,
        10,
        True,
        2,
        rubriker=(
            "Ansökan om skolskjuts till {skola}",
            "Skolbussen kom inte i morse, {ort}",
        ),
        beskrivningar=("{rubrik}. Eleven bor på {gata} {nr}.",),
        svar=("Hej {fornamn}! Skolskjuts är beviljad från och med {datum}.",),
        kanaler={"etjanst": 2, "telefon": 2},
    ),
    KategoriMall(
        "Inackorderingsbidrag",
        "Utbildning",
        4,
        10,
        True,
        0.6,
        rubriker=(
            "Ansökan om inackorderingstillägg",
            "Ansökan om extra resebidrag för gymnasieelev",
        ),
        beskrivningar=("Eleven studerar på annan ort och ansöker om bidrag för läsåret {ar}.",),
        svar=("Hej {fornamn}! Ansökan är beviljad för läsåret {ar}.",),
        kanaler={"etjanst": 3, "brev": 2},
    ),
    KategoriMall(
        "Fakturafrågor",
        "Ekonomiavdelningen",
        2,
        3,
        False,
        4,
        rubriker=(
            "Fråga om faktura för barnomsorg",
            "Har fått påminnelse trots betald faktura",
            "Leverantörsfaktura till kommunen",
            "Vill ha autogiro för VA-fakturan",
        ),
        beskrivningar=("{rubrik}. Fakturadatum {datum}.",),
        svar=("Hej {fornamn}! Vi har kontrollerat fakturan och makulerat påminnelsen.",),
        kanaler={"brev": 4, "telefon": 1.5, "epost": 2},
        organisation=0.3,
    ),
    KategoriMall(
        "Synpunkter och klagomål",
        "Administrativa avdelningen",
        7,
        10,
        True,
        2,
        rubriker=(
            "Klagomål på bemötandet i receptionen",
            "Synpunkt på snöröjningen i {ort}",
            "Missnöjd med handläggningstiden",
        ),
        beskrivningar=("{rubrik}. Vill att förvaltningschefen svarar.",),
        svar=(
            "Hej {fornamn}! Tack för dina synpunkter. Förvaltningschefen har tagit del av dem "
            "och återkommer.",
        ),
        kanaler={"etjanst": 2, "epost": 2, "brev": 1.5, "telefon": 0.5},
    ),
    KategoriMall(
        "Medborgarförslag",
        "Administrativa avdelningen",
        8,
        10,
        True,
        0.5,
        rubriker=(
            "Medborgarförslag: utegym i {ort}",
            "Medborgarförslag: fler papperskorgar längs {gata}",
            "Medborgarförslag: hundrastgård i {ort}",
        ),
        beskrivningar=("{rubrik}. Förslagsställaren vill att fullmäktige behandlar förslaget.",),
        svar=(
            "Hej {fornamn}! Ditt förslag har lämnats till kommunfullmäktige och du får "
            "besked om beslutet.",
        ),
        kanaler={"brev": 2, "etjanst": 2, "epost": 1, "telefon": 0.1},
    ),
]

# Utfall for an ärende the contact center solved itself, and their weights.
UTFALL_KONTAKTCENTER = {
    "lost_av_kontaktcenter": 60,
    "besvarat_med_kunskapsartikel": 25,
    "hanvisat": 10,
    "sjalvservice": 5,
}

# Share escalated per ROSA-nivå: 1–4 stay in the contact center, 5–8 are the förvaltning's.
ESKALERINGSGRAD = {1: 0.01, 2: 0.04, 3: 0.2, 4: 0.12, 5: 0.85, 6: 0.95, 7: 0.9, 8: 0.97}

ESKALERINGSORSAKER = (
    "Kräver handläggning på förvaltningen.",
    "Sökanden vill ha beslut, inte upplysning.",
    "Ärendet behöver bedömas av handläggare.",
    "Kompletterande uppgifter inkomna, lämnas för beslut.",
)

VANTEORSAKER = (
    "Väntar på kompletterande handlingar.",
    "Har bett kontakten bekräfta fastighetsbeteckningen.",
    "Väntar på underskrift.",
    "Ringt upp utan svar, skickat sms.",
)

PARKERINGSORSAKER = (
    "Parkerat i väntan på nämndens sammanträde.",
    "Parkerat tills entreprenören har återkommit.",
)

"""Demo articles, part 2: vägbidrag, V/A, torghandel, tomtkö, handlingar, lokaler, bygglov."""

ARTIKLAR: dict[str, list[tuple[str, str, str, bool]]] = {
    "Vägbidrag": [
        (
            "Hur söker vägföreningen kommunalt vägbidrag?",
            "Bidrag till enskild väg|Driftbidrag till vägförening|Ansöka om vägbidrag",
            "Vägföreningar som har statligt bidrag från Trafikverket kan få kommunalt "
            "driftbidrag. Ansökan lämnas senast 31 mars på kommunens blankett tillsammans med "
            "årsmötesprotokoll och kontouppgifter.",
            True,
        ),
        (
            "När betalas vägbidraget ut?",
            "Utbetalning av vägbidrag|Har vägbidraget kommit?",
            "Det kommunala vägbidraget betalas ut en gång per år i juni till föreningens "
            "bankgiro eller konto.",
            True,
        ),
        (
            "Hur mycket är det kommunala vägbidraget?",
            "Belopp för driftbidrag|Vad får vi per meter väg?",
            "Bidraget beräknas per meter väg och är för närvarande 4 kr per meter för "
            "vägar med statsbidrag, med ett lägsta belopp på 2 000 kr per förening.",
            True,
        ),
        (
            "Vi har bytt kassör i vägföreningen, var anmäler vi det?",
            "Ny kontaktperson för vägföreningen|Ändra kontonummer för vägbidrag",
            "Skicka nya kontaktuppgifter och, vid byte av konto, ett protokollsutdrag till "
            "Teknik och service. Ändringen måste vara gjord före utbetalningen i juni.",
            True,
        ),
        (
            "Kan kommunen ta över skötseln av vår enskilda väg?",
            "Kommunalt huvudmannaskap för väg|Kommunen ska sköta vår väg",
            "Kommunen tar normalt inte över enskilda vägar utanför detaljplanelagt område. "
            "En begäran prövas av samhällsbyggnadsnämnden; lämna den skriftligt.",
            True,
        ),
    ],
    "Anslutning V/A": [
        (
            "Hur ansluter jag mitt hus till kommunalt vatten och avlopp?",
            "Koppla in kommunalt VA|Ansöka om VA-anslutning|Ansluta till vatten och avlopp",
            "Ansök om anslutning via e-tjänsten för VA med situationsplan. Kommunen anvisar en "
            "förbindelsepunkt vid tomtgränsen; ledningarna på tomten ordnar du själv med en "
            "entreprenör. Anslutningsavgiften följer VA-taxan.",
            True,
        ),
        (
            "Vad kostar det att ansluta till kommunalt vatten och avlopp?",
            "Anslutningsavgift VA|VA-taxa för villa|kostnad för vattenanslutning",
            "Anslutningsavgiften för en villa är enligt VA-taxan cirka 150 000–200 000 kr "
            "beroende på tomtens storlek. Avgiften kan delas upp på upp till tio år.",
            True,
        ),
        (
            "Vattnet är avstängt eller har dåligt tryck",
            "Inget vatten i kranen|Lågt vattentryck|Vattenavstängning på min gata",
            "Kontrollera driftinformationen på kommunens webbplats, där planerade och akuta "
            "avstängningar visas. Står inget där: ring kontaktcenter eller VA-jouren.",
            True,
        ),
        (
            "Det luktar eller är stopp i avloppet",
            "Avloppet är stopp|Källaren översvämmad av avloppsvatten|Avloppslukt",
            "Är det stopp i den kommunala ledningen åtgärdar VA-jouren det dygnet runt. Stopp "
            "inne i huset eller på tomten är fastighetsägarens ansvar; ring en rörfirma.",
            True,
        ),
        (
            "Hur läser jag av och rapporterar min vattenmätare?",
            "Mätarställning vatten|Självavläsning vattenmätare|Rapportera vattenförbrukning",
            "Läs av siffrorna på vattenmätaren och rapportera dem i e-tjänsten eller på kortet "
            "du fått. Avläsningen görs en gång per år i oktober.",
            True,
        ),
        (
            "Vattenmätaren har frusit eller gått sönder",
            "Frusen vattenmätare|Mätaren läcker",
            "Stäng ventilen före mätaren och ring VA-jouren. Byte av mätare som frusit betalas "
            "av fastighetsägaren enligt VA-taxan.",
            True,
        ),
        (
            "Är kranvattnet drickbart, det är missfärgat",
            "Brunt vatten i kranen|Kokningsrekommendation|Vattenkvalitet",
            "Missfärgat vatten efter arbete på ledningarna är ofarligt; spola tills det är "
            "klart. Råder kokningsrekommendation står det på kommunens webbplats och i "
            "sms-utskick.",
            True,
        ),
    ],
    "Anmälan torghandel": [
        (
            "Hur får jag sälja på torget?",
            "Torgplats för försäljning|Jag vill ha ett stånd på torget|Sälja grönsaker på torget",
            "Anmäl torghandel till Teknik och service på blankett eller via e-tjänsten. Du kan "
            "hyra tillfällig plats per dag eller fast plats per år. Livsmedel kräver även "
            "registrering hos miljöavdelningen.",
            True,
        ),
        (
            "Vad kostar en torgplats?",
            "Avgift för torghandel|Hyra för försäljningsplats",
            "En tillfällig torgplats kostar 150 kr per dag, en fast plats 3 000 kr per år. "
            "El finns på vissa platser mot tillägg.",
            True,
        ),
        (
            "Vilka dagar är det torgdag?",
            "När är det torghandel?|Marknad på torget",
            "Torghandel pågår tisdagar och lördagar 8–14 året runt. Stora marknaden hålls "
            "första lördagen i september.",
            True,
        ),
        (
            "Behöver jag polistillstånd för att sälja på gatan?",
            "Sälja jordgubbar vid vägen|Tillstånd för gatuförsäljning",
            "Försäljning på allmän plats utanför torget kräver polistillstånd för "
            "användning av offentlig plats. Kommunen yttrar sig till polisen.",
            True,
        ),
        (
            "Får jag sälja mat från en food truck?",
            "Matbil tillstånd|Food truck i centrum",
            "En food truck behöver registrerad livsmedelsanläggning hos miljöavdelningen och "
            "en plats: torgplats från kommunen eller polistillstånd för annan allmän plats.",
            True,
        ),
    ],
    "Anmälan tomtkö": [
        (
            "Hur ställer jag mig i kommunens tomtkö?",
            "Köpa tomt av kommunen|Anmäla intresse för villatomt|Tomtkö anmälan",
            "Anmäl dig till tomtkön via e-tjänsten. Det kostar 500 kr att ställa sig i kö "
            "och 300 kr per år därefter. När nya tomter släpps erbjuds de i köordning.",
            True,
        ),
        (
            "Vilka lediga tomter finns?",
            "Tomter till salu|Lediga villatomter|Kommunala tomter",
            "Lediga kommunala tomter visas med karta och pris på kommunens webbplats. Är "
            "tomten ledig utan kö kan du boka den direkt.",
            True,
        ),
        (
            "Min plats i tomtkön, var ser jag den?",
            "Köplats för tomt|Hur långt fram i tomtkön är jag?",
            "Du ser din köplats när du loggar in i e-tjänsten för tomtkön. Kontaktcenter kan "
            "också berätta den om du uppger ditt personnummer.",
            True,
        ),
        (
            "Jag vill lämna tomtkön",
            "Avsluta min köplats|Gå ur tomtkön",
            "Meddela via e-tjänsten eller kontaktcenter att du vill lämna kön. Betalda "
            "köavgifter återbetalas inte.",
            True,
        ),
        (
            "Hur köper mitt företag en industritomt?",
            "Mark för företag|Verksamhetsmark|Industrimark",
            "Företag kontaktar näringslivsenheten, som visar lediga verksamhetstomter. "
            "Verksamhetsmark säljs utan kö efter en bedömning av etableringen.",
            True,
        ),
    ],
    "Utlämning av handlingar": [
        (
            "Hur begär jag ut en allmän handling?",
            "Få kopia på handling|Offentlighetsprincipen|Begära ut dokument från kommunen",
            "Du kan begära ut en allmän handling muntligt eller skriftligt, utan att säga vem "
            "du är eller varför. Ange gärna diarienummer. Handlingen lämnas ut skyndsamt "
            "efter sekretessprövning, oftast inom några dagar.",
            True,
        ),
        (
            "Vad kostar kopior av allmänna handlingar?",
            "Avgift för kopior|Kostar det att få handlingar?",
            "De första nio sidorna är gratis. Sida tio kostar 50 kr och varje sida därefter "
            "2 kr. Handlingar som skickas med e-post är oftast gratis.",
            True,
        ),
        (
            "Kan jag få se en handling utan att ange vem jag är?",
            "Anonym begäran om allmän handling|Måste jag uppge namn?",
            "Ja, du har rätt att vara anonym. Handläggaren kan fråga om syftet bara när det "
            "behövs för att pröva sekretess.",
            True,
        ),
        (
            "Hur söker jag i kommunens diarium?",
            "Sök ärende i diariet|Diarienummer på ett beslut",
            "Kommunens diarium kan sökas på webbplatsen, eller så hjälper registraturen dig. "
            "Uppgifter som omfattas av sekretess visas inte.",
            True,
        ),
        (
            "Jag fick avslag på begäran om handling, kan jag överklaga?",
            "Överklaga sekretessbeslut|Fick inte ut handlingen",
            "Du kan begära ett skriftligt beslut och överklaga det till kammarrätten. "
            "Överklagandet lämnas till kommunen inom tre veckor.",
            True,
        ),
        (
            "Hur hanteras en begäran om allmän handling som kommer till kontaktcenter?",
            "Rutin utlämnande handling|Vem prövar sekretess?",
            "Registrera ärendet och skicka det samma dag till förvaltningen som har "
            "handlingen. Sekretessprövningen görs av den som ansvarar för handlingen, inte av "
            "kontaktcenter.",
            False,
        ),
    ],
    "Utlämning av arkivhandlingar": [
        (
            "Hur får jag mina gamla betyg från skolan?",
            "Betygskopia från grundskolan|Gymnasiebetyg borttappat|slutbetyg kopia",
            "Betyg från kommunens skolor finns i kommunarkivet. Beställ en kopia via "
            "e-tjänsten eller kontaktcenter med namn, personnummer, skola och avgångsår. "
            "Du får kopian inom en vecka.",
            True,
        ),
        (
            "Hur får jag ut mina gamla socialakter?",
            "Läsa min barnavårdsakt|Handlingar om när jag var fosterbarn",
            "Du har rätt att läsa handlingar om dig själv. Begär ut dem skriftligt med "
            "personnummer; arkivet och socialtjänsten gör en sekretessprövning och kan "
            "erbjuda stöd när du läser.",
            True,
        ),
        (
            "Hur hittar jag gamla ritningar till mitt hus?",
            "Ritningar till min fastighet|Bygglovsritningar från arkivet|husritning",
            "Ritningar från bygglov finns i bygglovsarkivet. Beställ via e-tjänsten med "
            "fastighetsbeteckning; digitala ritningar skickas med e-post utan kostnad.",
            True,
        ),
        (
            "Kan jag forska i kommunarkivet?",
            "Släktforskning i arkivet|Besöka kommunens arkiv",
            "Forskarsalen är öppen tisdagar och torsdagar efter bokning. Berätta vad du "
            "söker så tar arkivarien fram handlingarna.",
            True,
        ),
        (
            "Var finns handlingar från en nedlagd skola eller gammal kommun?",
            "Arkiv från kommunsammanslagningen|Handlingar från gamla kommunen",
            "Handlingar från de tidigare kommunerna och nedlagda skolor förvaras i "
            "kommunarkivet. Arkivförteckningen finns på webbplatsen.",
            True,
        ),
    ],
    "Lokalbokning": [
        (
            "Hur bokar jag en idrottshall?",
            "Boka gympasal|Hyra sporthall|Boka tid i idrottshallen",
            "Boka idrottshallar via kommunens bokningssystem på webben. Föreningar söker "
            "säsongstider före 1 maj; enstaka tider kan bokas av alla med en veckas varsel.",
            True,
        ),
        (
            "Vad kostar det att hyra en lokal av kommunen?",
            "Hyra för samlingslokal|Pris för att boka lokal",
            "Föreningar med ungdomsverksamhet hyr avgiftsfritt eller till reducerat pris. "
            "Privatpersoner och företag betalar enligt taxan, 100–400 kr per timme.",
            True,
        ),
        (
            "Hur avbokar jag en lokal?",
            "Avboka idrottshall|Ställa in bokningen",
            "Avboka i bokningssystemet senast 14 dagar före. Senare avbokning debiteras.",
            True,
        ),
        (
            "Kan jag hyra en lokal för ett kalas?",
            "Hyra festlokal|Lokal för barnkalas|Lokal till födelsedagsfest",
            "Några av kommunens samlingslokaler kan hyras för privata fester. Se lediga tider i "
            "bokningssystemet; kalas i skolor och idrottshallar är inte tillåtna.",
            True,
        ),
        (
            "Hur får jag nyckel eller passerkort till lokalen jag bokat?",
            "Kod till idrottshallen|Låsa upp lokalen",
            "Föreningar får passerkort som kvitteras ut på fritidskontoret. Vid enstaka "
            "bokning får du en kod med bekräftelsen.",
            True,
        ),
    ],
    "Lotteritillstånd": [
        (
            "Behöver vår förening tillstånd för att ha lotteri?",
            "Registrera lotteri|Lotteritillstånd för förening|Anordna lotteri",
            "Ideella föreningar som vill sälja lotter behöver registrering hos kommunen. "
            "Ansök på blanketten, det tar cirka tre veckor. Ett enstaka lotteri på en fest "
            "med liten omsättning behöver inte registreras.",
            True,
        ),
        (
            "Vad kostar registrering av lotteri?",
            "Avgift lotteritillstånd|Kostnad för lotteriregistrering",
            "Registreringen kostar 300 kr och gäller i högst fem år. Föreningen behöver en "
            "kontrollant som kommunen förordnar.",
            True,
        ),
        (
            "Hur redovisar vi vårt lotteri?",
            "Lotteriredovisning|Rapportera lotteriet",
            "Lotteriet redovisas till kommunen på redovisningsblanketten senast tre månader "
            "efter dragningen, attesterad av kontrollanten.",
            True,
        ),
        (
            "Vad är en lotterikontrollant?",
            "Kontrollant för lotteri|Vem kan vara lotterikontrollant?",
            "Kontrollanten granskar att lotteriet sköts enligt lagen. Kommunen förordnar "
            "kontrollanten; föreningen föreslår en lämplig person.",
            True,
        ),
        (
            "Får vi ha bingo?",
            "Tillstånd för bingo|Bingospel i föreningen",
            "Bingo kräver tillstånd från kommunen om det inte är ett enstaka spel med små "
            "vinster. Ansök i god tid; Spelinspektionen ger regler för större spel.",
            True,
        ),
    ],
    "Bygglov": [
        (
            "Behöver jag bygglov för att bygga ett uterum eller en tillbyggnad?",
            "Bygglov för tillbyggnad|Uterum bygglov|Bygga till huset",
            "En tillbyggnad behöver oftast bygglov. En attefallstillbyggnad på högst 15 kvm "
            "räcker det med en anmälan. Ansök via e-tjänsten med ritningar och situationsplan.",
            True,
        ),
        (
            "Hur ansöker jag om bygglov?",
            "Söka bygglov|Ansökan om bygglov|Vad behöver jag skicka in för bygglov?",
            "Ansök om bygglov via e-tjänsten. Bifoga situationsplan, planritning, fasadritning "
            "och sektionsritning. Bygglovshandläggaren meddelar om något saknas.",
            True,
        ),
        (
            "Hur lång tid tar det att få bygglov?",
            "Handläggningstid bygglov|När får jag beslut om bygglov?",
            "Beslut ska komma inom tio veckor från att ansökan är komplett. Enkla ärenden "
            "beslutas oftast inom tre till fyra veckor.",
            True,
        ),
        (
            "Vad kostar ett bygglov?",
            "Bygglovsavgift|Taxa för bygglov",
            "Avgiften beror på åtgärden och beräknas enligt plan- och bygglovstaxan. Ett "
            "bygglov för en villa kostar ofta 15 000–30 000 kr. Du betalar även om du får avslag.",
            True,
        ),
        (
            "Behöver jag bygglov för att bygga ett attefallshus?",
            "Attefallshus anmälan|Friggebod bygglov|Bygga gäststuga 30 kvm",
            "Ett attefallshus på högst 30 kvm kräver ingen bygglov men en anmälan och "
            "startbesked innan du börjar. En friggebod på högst 15 kvm behöver varken lov "
            "eller anmälan.",
            True,
        ),
        (
            "Behöver jag bygglov för staket, mur eller plank?",
            "Bygga plank mot grannen|Mur på tomten|Bygglov för staket",
            "Ett staket under 110 cm behöver inte bygglov. Plank och murar behöver oftast "
            "bygglov; ett plank på högst 1,8 m vid en altan nära huset kan vara undantaget.",
            True,
        ),
        (
            "Vad är ett startbesked?",
            "Får jag börja bygga?|Tekniskt samråd och startbesked",
            "Startbeskedet är kommunens klartecken att börja bygga. Det krävs även när du har "
            "fått bygglov. Bygger du utan startbesked tas en byggsanktionsavgift ut.",
            True,
        ),
        (
            "Hur får jag ett slutbesked?",
            "Slutbesked för huset|Inflyttning innan slutbesked",
            "Kontrollansvarig eller du skickar in begärda handlingar när bygget är klart; "
            "därefter utfärdar kommunen slutbesked. Du får inte flytta in innan.",
            True,
        ),
        (
            "Behöver jag bygglov för solceller eller solpaneler?",
            "Solpaneler på taket|Bygglov solfångare",
            "Solceller som följer takets form behöver oftast inget bygglov utanför "
            "kulturhistoriskt värdefull miljö. Inom detaljplan med särskilda bestämmelser "
            "kan lov krävas.",
            True,
        ),
        (
            "Jag vill riva en byggnad, behöver jag rivningslov?",
            "Riva ett garage|Rivningslov för hus",
            "Inom detaljplan krävs oftast rivningslov eller en rivningsanmälan. Ansök via "
            "e-tjänsten med en rivningsplan.",
            True,
        ),
    ],
}

"""Demo articles, part 1: administration, teknik och service.

Each entry: (fråga, andra sätt att fråga separated by "|", svar, publik). Written for the
demo catalogue in arenden/demodata/katalog.py; facts are typical for a Swedish kommun, not
any particular one.
"""

ARTIKLAR: dict[str, list[tuple[str, str, str, bool]]] = {
    "Allmän fråga": [
        (
            "Vilka öppettider har kommunhuset?",
            "När har receptionen öppet?|Är kommunhuset öppet på lördagar?|Har ni lunchstängt?",
            "Kommunhusets reception har öppet vardagar 8.00–16.30, fredagar till 15.00. "
            "Dag före röd dag stänger vi 13.00. Kontaktcenter svarar i telefon samma tider.",
            True,
        ),
        (
            "Var lämnar jag hittegods?",
            "Jag har hittat en plånbok, vart ska jag gå?|Har någon lämnat in min borttappade "
            "nyckel?",
            "Hittegods lämnas till polisen, som tar hand om upphittade saker. Det som glömts i "
            "kommunens lokaler sparas i receptionen i kommunhuset i en månad; fråga där först.",
            True,
        ),
        (
            "Hur får jag kontakt med en handläggare?",
            "Jag vill prata med den som har mitt ärende|Kan handläggaren ringa upp mig?",
            "Kontaktcenter tar emot ditt ärende och bokar en återringning. Handläggaren ringer "
            "upp inom två arbetsdagar. Ange ditt ärendenummer om du har ett.",
            True,
        ),
        (
            "När är nästa kommunfullmäktigesammanträde?",
            "När möts fullmäktige?|Kan jag lyssna på fullmäktige?|Sänds fullmäktige på webben?",
            "Kommunfullmäktige sammanträder ungefär en gång i månaden utom juli. Mötena är "
            "öppna för allmänheten och sänds på kommunens webbplats. Kallelse och "
            "handlingar publiceras en vecka före.",
            True,
        ),
        (
            "Var kan jag parkera vid kommunhuset?",
            "Finns det besöksparkering vid kommunhuset?|Var ställer jag bilen när jag ska till "
            "kommunen?",
            "Besöksparkering finns på baksidan av kommunhuset, tre timmar med p-skiva. Två "
            "platser för rörelsehindrade ligger närmast entrén.",
            True,
        ),
        (
            "Hur kopplar växeln vidare ett samtal till en förvaltning?",
            "Vilket nummer har socialtjänsten?|Rutin för att koppla samtal",
            "Sök personen eller funktionen i växelns katalog och koppla med aviserad "
            "överkoppling. Svarar ingen: erbjud återringning och registrera ett ärende med "
            "kontaktuppgifter. Socialtjänstens mottagning har egen telefontid 9–11.",
            False,
        ),
    ],
    "Felanmälan kommunal fastighet": [
        (
            "Hur gör jag en felanmälan i en kommunal fastighet?",
            "Det är trasigt i skolan, vem ska jag ringa?|Felanmäla fel i kommunens lokaler",
            "Gör felanmälan via kommunens e-tjänst eller ring kontaktcenter. Beskriv var felet "
            "finns (byggnad, rum) och vad som är fel. Akuta fel som vattenläckor eller "
            "stopp i avlopp ringer du in direkt, dygnet runt via jourtelefonen.",
            True,
        ),
        (
            "Det läcker vatten i en kommunal lokal, vad gör jag?",
            "Vattenläcka i skolan|Det droppar från taket i idrottshallen|översvämning i förskolan",
            "En vattenläcka är ett akut fel. Ring kontaktcenter eller fastighetsjouren direkt "
            "så skickas en fastighetstekniker. Stäng av vattnet om du vet var avstängningen "
            "finns.",
            True,
        ),
        (
            "Värmen fungerar inte i skolan eller förskolan",
            "Det är kallt i klassrummet|Elementen är kalla på förskolan|för kallt inomhus",
            "Fel på värmen felanmäls till fastighetsavdelningen via kontaktcenter. Ange "
            "byggnad, rum och temperatur. Drifttekniker åtgärdar normalt inom en arbetsdag.",
            True,
        ),
        (
            "Klotter på en kommunal byggnad",
            "Någon har sprejat på skolans vägg|Hur anmäler jag klotter?|Vem sanerar klotter?",
            "Anmäl klotter via kontaktcenter eller e-tjänsten med adress och gärna en bild. "
            "Kränkande klotter tas bort inom 24 timmar, annat klotter inom en vecka.",
            True,
        ),
        (
            "Larmet går i en kommunal lokal, vem ringer jag?",
            "Inbrottslarm på fritidsgården|Larmet tjuter i skolan på natten",
            "Kontakta larmcentralen/fastighetsjouren, numret står i jourlistan. Vid misstänkt "
            "inbrott ring 112. Registrera ett ärende till Teknik och service för uppföljning.",
            False,
        ),
        (
            "Hissen står still i en kommunal byggnad",
            "Hissen fungerar inte i kommunhuset|Någon har fastnat i hissen",
            "Sitter någon fast i hissen: tryck på larmknappen i hissen, den går till "
            "hissjouren. Ring 112 vid nödläge. Annars felanmäl hissen via kontaktcenter.",
            True,
        ),
    ],
    "Frågor om bredband": [
        (
            "Hur får jag fiber till mitt hus?",
            "Kan jag ansluta min villa till fibernätet?|Finns det fiber där jag bor?|"
            "bredband på landsbygden",
            "Kommunens stadsnät bygger ut fiber område för område. Gör en intresseanmälan på "
            "stadsnätets webbplats; när tillräckligt många i området anmält sig får du ett "
            "erbjudande. Anslutningsavgiften för en villa är normalt 19 000–25 000 kr.",
            True,
        ),
        (
            "Finns det bidrag för bredband på landsbygden?",
            "Stöd till fiberförening|Kan byalaget få bidrag för fiber?",
            "Fiberföreningar på landsbygden kan söka bredbandsstöd från Post- och "
            "telestyrelsen. Kommunens bredbandssamordnare hjälper föreningar med ansökan och "
            "planering.",
            True,
        ),
        (
            "Mitt internet fungerar inte, vem ska jag kontakta?",
            "Fibern ligger nere|Internet är trasigt hemma|Ingen uppkoppling",
            "Kontakta din tjänsteleverantör, alltså företaget du betalar internet till. "
            "Kommunen eller stadsnätet äger bara ledningen. Om flera i området har avbrott "
            "kan stadsnätets driftinformation visa om det finns en känd störning.",
            True,
        ),
        (
            "Vem gräver för fiber på min gata och när är de klara?",
            "Det grävs för fiber utanför mitt hus|Fibergrävning lämnade hål i gräsmattan",
            "Grävning för fiber görs av stadsnätets entreprenör med grävtillstånd från "
            "kommunen. Återställning ska ske inom fyra veckor. Klagomål på återställningen "
            "skickas till stadsnätets kundtjänst.",
            True,
        ),
        (
            "Kan jag byta internetleverantör i det öppna stadsnätet?",
            "Hur byter jag bredbandsleverantör?|Välja tjänsteleverantör",
            "Stadsnätet är öppet: du väljer själv leverantör på tjänsteportalen och kan byta "
            "med en månads uppsägning. Själva fiberanslutningen följer med huset.",
            True,
        ),
        (
            "Hur mycket kostar det att flytta fiberboxen inne i huset?",
            "Flytta mediaomvandlaren|Ny plats för fiberuttaget",
            "Flytt av fiberuttag inne i bostaden är en beställning från stadsnätet och "
            "faktureras efter tid, ofta 2 000–4 000 kr. Kontaktcenter kan inte boka den; "
            "hänvisa till stadsnätets kundtjänst.",
            False,
        ),
    ],
    "Borgerlig vigsel": [
        (
            "Hur bokar jag en borgerlig vigsel?",
            "Vi vill gifta oss borgerligt|Boka bröllop hos kommunen|Vigsel i stadshuset",
            "Ni ansöker om hindersprövning hos Skatteverket först. Boka sedan vigseln med "
            "kommunens vigselförrättare via e-tjänsten eller kontaktcenter, minst fyra veckor "
            "i förväg. Ta med hindersprövningsintyget och två vittnen.",
            True,
        ),
        (
            "Vad kostar en borgerlig vigsel?",
            "Är vigsel hos kommunen gratis?|Avgift för borgerlig vigsel",
            "Vigsel i kommunens vigselrum vardagar är avgiftsfri för den som är "
            "folkbokförd i kommunen. På annan plats eller helg tar vi ut en avgift på "
            "1 500 kr.",
            True,
        ),
        (
            "Kan vi gifta oss utomhus eller på annan plats?",
            "Vigsel i vår trädgård|Borgerlig vigsel på en brygga|giftermål på egen plats",
            "Ja, vigselförrättaren kan komma till en plats ni väljer i kommunen om det finns "
            "en ledig förrättare. Önskemål om plats anges när ni bokar.",
            True,
        ),
        (
            "Vad är hindersprövning?",
            "Vad behöver vi innan vi gifter oss?|Intyg från Skatteverket för vigsel",
            "Hindersprövning görs av Skatteverket och visar att inget hindrar äktenskapet. "
            "Intyget gäller i fyra månader och ska finnas innan vigseln.",
            True,
        ),
        (
            "Hur mycket kostar partnerskapsceremoni eller namngivningsceremoni?",
            "Namngivning av barn hos kommunen|Borgerlig namngivningsceremoni",
            "Kommunen förrättar inte namngivningsceremonier; det ordnar familjen själv. "
            "Borgerlig vigsel är den enda ceremoni kommunens vigselförrättare håller.",
            True,
        ),
        (
            "Vilka vigselförrättare finns och hur fördelas de?",
            "Lista vigselförrättare|Fördela bokning av vigsel",
            "Länsstyrelsen förordnar kommunens vigselförrättare. Bokningarna fördelas i "
            "vigselkalendern efter tur; kontrollera att förrättaren bekräftat innan paret får "
            "besked.",
            False,
        ),
    ],
    "Felanmälan gatljus": [
        (
            "Gatlampan är trasig, hur felanmäler jag?",
            "Gatubelysningen är släckt|Lyktstolpen lyser inte|Trasig gatlykta utanför mitt hus",
            "Felanmäl trasig gatubelysning via e-tjänsten eller kontaktcenter. Ange gatan och "
            "gärna stolpens nummer, som står på en skylt på stolpen. Enstaka släckta lampor "
            "lagas inom två veckor.",
            True,
        ),
        (
            "Hela gatan är mörk, ingen gatubelysning fungerar",
            "Flera lyktstolpar är släckta|Hela området är mörkt på kvällen",
            "När flera lampor i rad är släckta är det ofta ett kabelfel. Det prioriteras och "
            "åtgärdas normalt inom en vecka. Anmäl via kontaktcenter och ange vilken sträcka "
            "det gäller.",
            True,
        ),
        (
            "En belysningsstolpe har blivit påkörd och lutar",
            "Lyktstolpen är påkörd|Stolpe har ramlat|gatlyktsstolpe håller på att välta",
            "En påkörd eller lutande stolpe kan vara farlig och åtgärdas akut. Ring "
            "kontaktcenter dagtid eller jourtelefonen kvällar och helger.",
            True,
        ),
        (
            "Gatlampan lyser hela dagen",
            "Gatljuset är tänt på dagen|Belysningen släcks aldrig",
            "Belysningen styrs av ljusrelän och tidur. Lyser den på dagen är det ett fel som "
            "felanmäls som vanligt.",
            True,
        ),
        (
            "Vem ansvarar för belysningen på privata vägar?",
            "Vägföreningen har gatlampor, vem lagar dem?|Belysning på enskild väg",
            "Kommunen sköter belysning på kommunala gator. På enskilda vägar ansvarar "
            "vägföreningen eller fastighetsägaren för belysningen.",
            True,
        ),
        (
            "Kan jag få en ny gatlampa uppsatt på min gata?",
            "Önskar mer belysning på gångvägen|Det är för mörkt på cykelvägen",
            "Önskemål om ny belysning lämnas som synpunkt till Teknik och service. De bedöms "
            "utifrån trafiksäkerhet och trygghet och prioriteras i den årliga budgeten.",
            True,
        ),
    ],
    "Felanmälan väg och gata": [
        (
            "Det är ett hål i vägen, hur felanmäler jag?",
            "Potthål i gatan|Asfalten har spruckit|Gropar i vägen",
            "Felanmäl hål i gatan via e-tjänsten eller kontaktcenter. Ange plats och gärna en "
            "bild. Farliga hål lagas inom ett dygn, övriga inom två veckor.",
            True,
        ),
        (
            "När plogas min gata?",
            "Snöröjning på min väg|Min gata är inte plogad|vinterväghållning",
            "Huvudgator, busslinjer och gång- och cykelvägar plogas först, bostadsgator när "
            "det kommit cirka 8 cm snö. Vid stora snöfall kan det ta upp till två dygn innan "
            "alla bostadsgator är klara.",
            True,
        ),
        (
            "Det är halt på gångvägen, när sandas det?",
            "Halkbekämpning|Isigt på trottoaren|Sanda cykelvägen",
            "Halkbekämpning görs i samma ordning som snöröjning. Anmäl särskilt halka på "
            "trappor, backar eller vid skolor så prioriteras platsen.",
            True,
        ),
        (
            "När sopas sanden bort på våren?",
            "Sandupptagning|Grus kvar på gatan|Vårstädning av gator",
            "Sandupptagning börjar när risken för halka är över, oftast i april. Centrum och "
            "cykelvägar sopas först och bostadsgatorna är klara före juni.",
            True,
        ),
        (
            "Ett träd eller en gren har fallit över vägen",
            "Nedfallet träd på gatan|Gren blockerar cykelvägen",
            "Ett träd som spärrar vägen är akut: ring kontaktcenter dagtid eller "
            "jourtelefonen övrig tid. På enskild väg ansvarar vägföreningen.",
            True,
        ),
        (
            "Trafikskylt är trasig eller borta",
            "Stoppskylten är nere|Vägskylt har blivit påkörd|skylt saknas",
            "Felanmäl trasiga eller saknade skyltar via kontaktcenter. En saknad stopp- eller "
            "väjningspliktskylt åtgärdas samma dag.",
            True,
        ),
        (
            "Vem sköter vägen utanför mitt hus, kommunen eller Trafikverket?",
            "Är det kommunal väg eller statlig väg?|Vem äger vägen?",
            "Kommunen sköter gator i tätorterna, Trafikverket de statliga vägarna och "
            "vägföreningar de enskilda vägarna. Kartan på kommunens webbplats visar vem som "
            "är väghållare.",
            True,
        ),
    ],
    "Avfall och sophämtning": [
        (
            "Mina sopor har inte hämtats",
            "Soptunnan blev inte tömd|Sophämtningen missade mig|missad tömning",
            "Anmäl missad hämtning till kontaktcenter senast dagen efter ordinarie "
            "hämtdag. Kärlet ska stå vid tomtgränsen med handtaget utåt före 6.00. Var "
            "kärlet rätt ställt kommer hämtningen inom två arbetsdagar.",
            True,
        ),
        (
            "Hur byter jag storlek på mitt avfallskärl?",
            "Jag vill ha en mindre soptunna|Större sopkärl|byta kärlstorlek",
            "Beställ byte av kärlstorlek via e-tjänsten för avfall eller kontaktcenter. Bytet "
            "sker inom tre veckor och den nya taxan gäller från bytesdagen.",
            True,
        ),
        (
            "Vilka öppettider har återvinningscentralen?",
            "När har tippen öppet?|Öppet på ÅVC|Återvinningscentralen helger",
            "Återvinningscentralen har öppet måndag–torsdag 10–19, fredag 7–15 och lördag "
            "9–14. Som privatperson lämnar du grovavfall och farligt avfall gratis.",
            True,
        ),
        (
            "Hur blir jag av med grovavfall och gamla möbler?",
            "Slänga en soffa|Hämtning av grovsopor|Var lämnar jag en gammal säng?",
            "Grovavfall lämnas på återvinningscentralen utan kostnad. Kommunen kan också hämta "
            "grovavfall vid huset mot avgift, beställ via kontaktcenter.",
            True,
        ),
        (
            "Min soptunna är trasig",
            "Locket har gått sönder på sopkärlet|Hjulet har lossnat på soptunnan|kärlet är sönder",
            "Trasiga kärl lagas eller byts kostnadsfritt. Anmäl via kontaktcenter med adress "
            "och vad som är trasigt.",
            True,
        ),
        (
            "Hur sorterar jag matavfall?",
            "Var slänger jag matrester?|Papperspåsar till matavfallet|Bruna tunnan",
            "Matavfall läggs i de bruna papperspåsarna i det bruna kärlet. Nya påsar hämtar "
            "du gratis i livsmedelsbutiker och på återvinningscentralen.",
            True,
        ),
        (
            "Kan jag få uppehåll i sophämtningen?",
            "Sophämtning när huset står tomt|Uppehåll i hämtningen under vintern",
            "Står bostaden tom minst sex månader kan du ansöka om uppehåll i hämtningen. "
            "Ansökan görs skriftligt senast en månad innan.",
            True,
        ),
        (
            "När töms slamavskiljaren och den enskilda avloppsbrunnen?",
            "Slamtömning|Tömning av trekammarbrunn|Slamsugning",
            "Slamavskiljare töms en gång per år enligt schema, sluten tank vid behov. Du får "
            "ett kort med datum veckan före. Extra tömning beställs via kontaktcenter.",
            True,
        ),
    ],
    "Handläggning parkeringstillstånd": [
        (
            "Hur ansöker jag om parkeringstillstånd för rörelsehindrade?",
            "Hur får jag parkeringstillstånd?|Handikapptillstånd för bil|Jag har svårt att gå, "
            "kan jag få p-tillstånd?|parkeringskort för funktionsnedsättning",
            "Ansök om parkeringstillstånd för rörelsehindrade via e-tjänsten eller blankett. "
            "Bifoga läkarintyg och ett foto. Handläggningstiden är ungefär fyra veckor. "
            "Tillståndet gäller i hela landet och EU.",
            True,
        ),
        (
            "Hur lång tid tar det att få parkeringstillstånd?",
            "Handläggningstid för parkeringstillstånd|När får jag beslut om p-tillstånd?",
            "Handläggningstiden för parkeringstillstånd är cirka fyra veckor från att ansökan "
            "och läkarintyg är kompletta. Kontaktcenter kan se var i handläggningen ärendet "
            "ligger.",
            True,
        ),
        (
            "Mitt parkeringstillstånd går ut, hur förnyar jag det?",
            "Förnya handikapptillstånd|Förlänga parkeringstillståndet",
            "Ansök om ett nytt tillstånd i god tid, helst två månader innan det gamla går ut. "
            "Ett nytt läkarintyg behövs varje gång.",
            True,
        ),
        (
            "Jag har tappat mitt parkeringstillstånd",
            "Parkeringstillståndet är stulet|Borttappat p-kort",
            "Polisanmäl förlusten och skicka in en kopia av anmälan med en ansökan om "
            "ersättningskort. Det gamla tillståndet spärras.",
            True,
        ),
        (
            "Var får jag parkera med parkeringstillstånd?",
            "Vad gäller med handikapptillstånd?|Gratis parkering med tillstånd?",
            "Med tillståndet får du parkera på platser för rörelsehindrade och upp till tre "
            "timmar där det annars är förbjudet att parkera. Avgiftsfritt på kommunens "
            "avgiftsbelagda platser.",
            True,
        ),
        (
            "Kan jag få en egen parkeringsplats för rörelsehindrade vid min bostad?",
            "Reserverad handikapparkering utanför huset|Egen p-plats",
            "Du som har parkeringstillstånd kan ansöka om en reserverad plats nära bostaden på "
            "kommunal gata. För platser på privat mark kontaktar du fastighetsägaren.",
            True,
        ),
    ],
}

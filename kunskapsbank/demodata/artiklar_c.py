"""Demo articles, part 3: socialtjänst, utbildning, ekonomi, synpunkter och förslag."""

ARTIKLAR: dict[str, list[tuple[str, str, str, bool]]] = {
    "Försörjningsstöd": [
        (
            "Hur ansöker jag om försörjningsstöd?",
            "Söka socialbidrag|Ekonomiskt bistånd ansökan|Jag har inga pengar till mat",
            "Ansök om ekonomiskt bistånd via e-tjänsten eller boka tid med socialtjänstens "
            "mottagning. Bifoga kontoutdrag, hyresavi och inkomster för de senaste tre "
            "månaderna. Vid akut nöd kan du få hjälp samma dag.",
            True,
        ),
        (
            "När betalas försörjningsstödet ut?",
            "Utbetalning av bistånd|Har socialbidraget kommit?|datum för utbetalning",
            "Beviljat försörjningsstöd betalas ut den 24:e i månaden eller närmaste vardag "
            "före. Ett beslut mitt i månaden betalas ut inom tre arbetsdagar.",
            True,
        ),
        (
            "Vilka papper behöver jag skicka in för ekonomiskt bistånd?",
            "Underlag till socialtjänsten|Vad ska jag bifoga till ansökan?",
            "Du behöver skicka kontoutdrag för alla konton, hyresavtal och hyresavi, "
            "lönebesked eller beslut från Försäkringskassan och a-kassan, samt kvitton på "
            "utgifter du söker för.",
            True,
        ),
        (
            "Hur gör jag för att få nödbistånd på helgen?",
            "Akut hjälp socialtjänsten kväll|Socialjouren|Inga pengar till mat i helgen",
            "Kvällar och helger nås socialjouren via 112 eller polisens växel. Socialjouren "
            "kan bevilja akut hjälp till mat och boende.",
            True,
        ),
        (
            "Jag vill överklaga beslutet om försörjningsstöd",
            "Överklaga avslag bistånd|Fick nej på socialbidrag",
            "Skriv vilket beslut du överklagar och varför, och skicka det till "
            "socialtjänsten inom tre veckor från att du fick beslutet. Förvaltningsrätten "
            "prövar överklagandet om socialtjänsten inte ändrar sig.",
            True,
        ),
        (
            "Kan kontaktcenter se status på en ansökan om försörjningsstöd?",
            "Frågor om bistånd till kontaktcenter|Sekretess försörjningsstöd",
            "Nej. Försörjningsstöd omfattas av sekretess och handläggs av socialtjänsten. "
            "Hänvisa till socialsekreterarens telefontid eller registrera en "
            "återringningsbegäran utan detaljer om ärendet.",
            False,
        ),
    ],
    "Förenklat faderskap": [
        (
            "Hur bekräftar vi faderskapet när vi inte är gifta?",
            "Bekräfta pappaskap|Faderskap ogifta föräldrar|erkänna faderskap",
            "Ogifta föräldrar kan bekräfta faderskapet digitalt via e-tjänsten med BankID, "
            "från 25:e graviditetsveckan och efter barnets födsel. Annars bokar ni tid hos "
            "familjerätten.",
            True,
        ),
        (
            "Hur bekräftar vi föräldraskap för två mammor?",
            "Föräldraskap samkönade par|Medmamma bekräfta föräldraskap",
            "Föräldraskap efter assisterad befruktning bekräftas på samma sätt som faderskap, "
            "digitalt eller hos familjerätten. Intyg från kliniken behövs.",
            True,
        ),
        (
            "Vi vill ha gemensam vårdnad, hur gör vi?",
            "Anmäla gemensam vårdnad|Vårdnad för ogifta föräldrar",
            "Gemensam vårdnad kan anmälas samtidigt som faderskapet bekräftas, digitalt eller "
            "hos familjerätten. Efteråt anmäls det till Skatteverket.",
            True,
        ),
        (
            "Hur lång tid tar det att få faderskapet bekräftat?",
            "Handläggningstid faderskap|När blir faderskapet klart?",
            "Digital bekräftelse är klar inom några dagar efter att familjerätten godkänt "
            "den. Besök hos familjerätten bokas inom två till fyra veckor.",
            True,
        ),
        (
            "Kan vi bekräfta faderskapet före barnets födsel?",
            "Faderskap under graviditeten|Bekräfta innan barnet är fött",
            "Ja, från graviditetsvecka 25 kan föräldrarna bekräfta faderskap med digital "
            "tjänst eller på mödravårdscentralen.",
            True,
        ),
    ],
    "Fond för behövande": [
        (
            "Hur söker jag pengar ur kommunens fonder?",
            "Ansöka om bidrag ur stiftelse|Sociala fonden|Fond för behövande",
            "Kommunen förvaltar stiftelser för behövande, äldre och sjuka. Ansök på blanketten "
            "senast 30 september. Bifoga uppgifter om inkomst och varför du behöver stödet.",
            True,
        ),
        (
            "När får jag besked om ansökan till fonden?",
            "Beslut från stiftelsen|Svar på fondansökan",
            "Fondernas styrelse fattar beslut en gång per år i november. Beviljade belopp "
            "betalas ut före jul.",
            True,
        ),
        (
            "Vem kan få pengar ur fond för behövande?",
            "Villkor för fondbidrag|Kan pensionärer söka från fonden?",
            "Varje fond har egna villkor, ofta för äldre, sjuka eller barnfamiljer med låga "
            "inkomster som är folkbokförda i kommunen. Villkoren står på blanketten.",
            True,
        ),
        (
            "Kan jag söka ur fonden fler gånger?",
            "Söka stiftelsebidrag igen|Ny fondansökan nästa år",
            "Ja, du kan söka varje år. Tidigare beviljat bidrag ger ingen rätt till nytt.",
            True,
        ),
        (
            "Finns det stipendier för ungdomar att söka?",
            "Stipendium för studier|Kulturstipendium|Idrottsstipendium",
            "Kommunen delar ut kulturstipendium och idrottsstipendium varje år. Nominera "
            "eller ansök senast 31 mars via kommunens webbplats.",
            True,
        ),
    ],
    "Förskoleplats": [
        (
            "Hur ansöker jag om plats i förskolan?",
            "Söka barnomsorg|Ställa barnet i kö till förskola|Anmälan förskoleplats",
            "Ansök om förskoleplats i e-tjänsten för barnomsorg, senast fyra månader innan du "
            "behöver platsen. Du kan önska upp till tre förskolor. Erbjudandet kommer med "
            "e-post.",
            True,
        ),
        (
            "Vad kostar förskolan?",
            "Maxtaxa förskola|Avgift för barnomsorg|Hur mycket kostar fritids?",
            "Avgiften följer maxtaxan och beror på hushållets inkomst, högst cirka 1 700 kr "
            "i månaden för första barnet. Från hösten barnet fyller tre år är 15 timmar i "
            "veckan avgiftsfria.",
            True,
        ),
        (
            "Hur säger jag upp förskoleplatsen?",
            "Avsluta barnomsorgen|Säga upp plats på förskola|uppsägning fritids",
            "Säg upp platsen i e-tjänsten för barnomsorg. Uppsägningstiden är två månader och "
            "avgift betalas under uppsägningstiden.",
            True,
        ),
        (
            "Hur anmäler jag ändrad inkomst för barnomsorgsavgiften?",
            "Ny inkomst förskoleavgift|Inkomstuppgift barnomsorg",
            "Lämna ny inkomstuppgift i e-tjänsten för barnomsorg så snart inkomsten ändras. "
            "Den nya avgiften gäller från månaden efter.",
            True,
        ),
        (
            "Kan jag byta förskola?",
            "Flytta barnet till annan förskola|Omplacering förskola",
            "Ja, ansök om byte i e-tjänsten. Barnet behåller sin nuvarande plats tills en "
            "plats på den önskade förskolan kan erbjudas.",
            True,
        ),
        (
            "Finns det barnomsorg på kvällar och helger?",
            "Nattis|Omsorg på obekväm arbetstid|barnpassning kvällstid",
            "Omsorg på obekväm tid finns för barn vars föräldrar arbetar kvällar, nätter eller "
            "helger. Ansök i e-tjänsten och bifoga arbetsschema.",
            True,
        ),
        (
            "Hur lång är kön till förskolan?",
            "Väntetid förskoleplats|När får mitt barn plats?",
            "Kommunen ska erbjuda plats inom fyra månader från ansökan. I centrala förskolor "
            "är kön längre; du kan tacka ja till annan plats och stå kvar i kö för byte.",
            True,
        ),
    ],
    "Skolskjuts": [
        (
            "Har mitt barn rätt till skolskjuts?",
            "Skolbuss|Avstånd för skolskjuts|Skolskjuts villkor",
            "Elever i förskoleklass till årskurs 3 som har minst 2 km till skolan, och äldre "
            "elever med minst 4 km, har rätt till skolskjuts till den skola kommunen anvisat. "
            "Ansök i e-tjänsten.",
            True,
        ),
        (
            "Skolbussen kom inte, vem ska jag ringa?",
            "Skolskjutsen är sen|Bussen missade mitt barn",
            "Ring trafikbolagets skolskjutsnummer som står på busskortet, så får du besked "
            "direkt. Anmäl också till kontaktcenter så följer utbildningsförvaltningen upp.",
            True,
        ),
        (
            "Mitt barns busskort är borta",
            "Tappat skolkort|Nytt busskort till skolan|trasigt skolkort",
            "Beställ ett nytt skolkort via skolans expedition. Ett ersättningskort kostar "
            "100 kr; ett trasigt kort byts gratis.",
            True,
        ),
        (
            "Kan mitt barn få skolskjuts vid växelvis boende?",
            "Skolskjuts från två adresser|Delat boende skolskjuts",
            "Vid växelvis boende i kommunen kan barnet få skolskjuts från båda adresserna om "
            "avståndsreglerna uppfylls för varje adress.",
            True,
        ),
        (
            "Vi har valt en annan skola, får vi skolskjuts dit?",
            "Skolskjuts till friskola|Skolskjuts vid eget skolval",
            "Vid eget val av skola ges skolskjuts bara om det kan ske utan extra kostnad "
            "eller organisatoriska svårigheter. Ansök ändå så prövas det.",
            True,
        ),
    ],
    "Inackorderingsbidrag": [
        (
            "Hur ansöker jag om inackorderingstillägg för gymnasiet?",
            "Bidrag för att bo på annan ort|Inackorderingsbidrag gymnasiet",
            "Elever som studerar på gymnasium långt hemifrån och måste bo på studieorten kan "
            "få inackorderingstillägg. Elever i kommunala skolor ansöker hos kommunen, elever "
            "i friskolor hos CSN.",
            True,
        ),
        (
            "Hur mycket är inackorderingstillägget?",
            "Belopp inackorderingsbidrag|Hur mycket får man för att bo på elevhem?",
            "Tillägget är en tjugondel av prisbasbeloppet per månad, cirka 2 900 kr, och "
            "betalas ut under läsårets månader.",
            True,
        ),
        (
            "När betalas inackorderingsbidraget ut?",
            "Utbetalning av inackorderingstillägg",
            "Inackorderingstillägget betalas ut månadsvis den 25:e september till juni.",
            True,
        ),
        (
            "Min adress eller skola ändras, påverkar det bidraget?",
            "Flyttat under gymnasiet|Avbrutit studierna inackordering",
            "Meddela utbildningsförvaltningen direkt om du flyttar, byter skola eller "
            "avbryter studierna. Felaktigt utbetalt bidrag blir återkrav.",
            True,
        ),
        (
            "Kan jag få resebidrag till gymnasiet istället?",
            "Busskort gymnasiet|Resekort för gymnasieelever",
            "Gymnasieelever med minst 6 km till skolan får busskort eller resebidrag. Det går "
            "inte att få både resebidrag och inackorderingstillägg samma månad.",
            True,
        ),
    ],
    "Fakturafrågor": [
        (
            "Jag har fått en faktura från kommunen som jag inte förstår",
            "Fråga om faktura|Vad är den här fakturan för?|felaktig faktura",
            "Kontakta kontaktcenter med fakturanumret, så tar vi reda på vilken tjänst den "
            "gäller. Anser du att den är fel kan betalningen anstå medan vi utreder.",
            True,
        ),
        (
            "Kan jag få längre betalningstid eller dela upp fakturan?",
            "Avbetalningsplan|Anstånd med betalning|Dela upp betalningen",
            "Ja, ekonomiavdelningen kan bevilja anstånd eller en avbetalningsplan. Kontakta "
            "oss före förfallodagen.",
            True,
        ),
        (
            "Hur får jag e-faktura eller autogiro från kommunen?",
            "Anmäla e-faktura|Betala med autogiro|Kivra faktura",
            "Anmäl e-faktura i din internetbank eller via Kivra. Autogiro anmäler du på "
            "blanketten på webbplatsen.",
            True,
        ),
        (
            "Jag har fått en påminnelse fast jag har betalat",
            "Påminnelseavgift betald faktura|Fel OCR-nummer",
            "Betalningen kan ha kommit in efter att påminnelsen skickades eller med fel "
            "OCR-nummer. Skicka ett kvitto på betalningen så rättar ekonomiavdelningen det.",
            True,
        ),
        (
            "Hur skickar företag fakturor till kommunen?",
            "Leverantörsfaktura|E-faktura till kommunen|Peppol fakturaadress",
            "Kommunen tar emot e-faktura via Peppol. Ange alltid beställarens referenskod, "
            "annars returneras fakturan.",
            True,
        ),
    ],
    "Synpunkter och klagomål": [
        (
            "Hur lämnar jag en synpunkt eller ett klagomål till kommunen?",
            "Klaga på kommunen|Lämna förbättringsförslag|Tycka till om kommunen",
            "Lämna synpunkter och klagomål via e-tjänsten, e-post eller kontaktcenter. Du får "
            "en bekräftelse och svar inom tio arbetsdagar om du lämnar kontaktuppgifter.",
            True,
        ),
        (
            "Kan jag vara anonym när jag lämnar en synpunkt?",
            "Anonymt klagomål|Klaga utan att uppge namn",
            "Ja, du kan vara anonym, men då kan vi inte svara dig. Synpunkten tas ändå om hand.",
            True,
        ),
        (
            "Jag är missnöjd med hur min förälder blir bemött i hemtjänsten",
            "Klaga på hemtjänsten|Missförhållanden i äldreomsorgen",
            "Framför klagomålet till enhetschefen eller via synpunktstjänsten. Allvarliga "
            "missförhållanden utreds enligt lex Sarah och kan anmälas till IVO.",
            True,
        ),
        (
            "Hur följer jag upp min synpunkt?",
            "Svar på mitt klagomål|Status på synpunkt",
            "Ange ärendenumret du fick i bekräftelsen när du kontaktar kontaktcenter; vi ser "
            "vilken förvaltning som har synpunkten.",
            True,
        ),
        (
            "Jag vill lämna beröm till en anställd",
            "Ge positiv återkoppling|Tacka personalen",
            "Beröm lämnas på samma sätt som synpunkter och skickas vidare till personalen och "
            "deras chef. Tack!",
            True,
        ),
    ],
    "Medborgarförslag": [
        (
            "Hur lämnar jag ett medborgarförslag?",
            "E-förslag till kommunen|Skicka in ett förslag till politikerna|medborgarförslag",
            "Du som är folkbokförd i kommunen kan lämna ett e-förslag via webbplatsen. Får "
            "förslaget 50 röster inom 90 dagar behandlas det av nämnden.",
            True,
        ),
        (
            "Vad händer med mitt medborgarförslag?",
            "Status på e-förslag|När behandlas mitt förslag?",
            "Förslaget skickas till den nämnd som ansvarar för frågan och ska behandlas inom "
            "ett år. Du får beslutet skickat till dig.",
            True,
        ),
        (
            "Kan barn och unga lämna förslag?",
            "Ungdomsförslag|Kan min son lämna ett förslag till kommunen?",
            "Ja, e-förslag kan lämnas av alla som är folkbokförda i kommunen, oavsett ålder.",
            True,
        ),
        (
            "Hur kontaktar jag en politiker?",
            "Mejla kommunalråd|Kontaktuppgifter till politiker|Prata med en förtroendevald",
            "Kontaktuppgifter till förtroendevalda finns på kommunens webbplats. "
            "Kommunalråden har öppen mottagning första måndagen varje månad.",
            True,
        ),
        (
            "Hur registreras ett inkommet medborgarförslag i diariet?",
            "Diarieföra medborgarförslag|Rutin medborgarförslag",
            "Registrera ärendet och eskalera till Administrativa avdelningen med "
            "diarieföring. Kansliet skickar förslaget till rätt nämnd.",
            False,
        ),
    ],
}

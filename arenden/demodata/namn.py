"""Swedish names, places and identity numbers for demo kontakter and staff.

Personnummer and organisationsnummer get a correct Luhn check digit, so they pass the same
validation a real one does (arenden.services._normalisera_personnummer). E-post addresses
use the reserved example.* domains so that no demo mail can reach anyone.
"""

import random
from datetime import date, timedelta

FORNAMN = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Lena", "Kerstin", "Ingrid", "Elin",
    "Johanna", "Malin", "Linnea", "Sofia", "Ida", "Hanna", "Elsa", "Maja", "Astrid", "Birgitta",
    "Ulla", "Margareta", "Agneta", "Fatima", "Amira", "Noor", "Aino", "Helena", "Camilla",
    "Lars", "Anders", "Johan", "Per", "Karl", "Erik", "Mikael", "Peter", "Jan", "Nils",
    "Oskar", "Lucas", "William", "Hugo", "Liam", "Elias", "Björn", "Göran", "Stefan",
    "Mats", "Magnus", "Fredrik", "Jonas", "Ali", "Mohammed", "Ahmad", "Jussi", "Kent", "Åke",
)  # fmt: skip

EFTERNAMN = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
    "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Danielsson", "Håkansson", "Eklund", "Lundin", "Gunnarsson",
    "Holm", "Björk", "Bergman", "Samuelsson", "Fransson", "Wikström", "Isaksson", "Nyström",
    "Hassan", "Ali", "Mohammadi", "Virtanen", "Korhonen", "Nowak", "Öberg", "Åberg",
)  # fmt: skip

GATOR = (
    "Storgatan", "Kyrkvägen", "Skolgatan", "Järnvägsgatan", "Björkvägen", "Idrottsvägen",
    "Ringvägen", "Västra vägen", "Tallvägen", "Ekvägen", "Åsvägen", "Sjövägen", "Bygatan",
    "Norra Långgatan", "Prästgårdsvägen", "Industrigatan", "Stationsvägen", "Hagvägen",
    "Torggatan", "Solvägen", "Lärkvägen", "Smedjegatan", "Kvarnvägen", "Ängsvägen",
)  # fmt: skip

ORTER = (
    "centralorten", "Ekeby", "Berga", "Lunda", "Norrby", "Söderby", "Västerhaga", "Österåker",
    "Bruket", "Kvarntorp", "Sjöhyttan", "Lillån",
)  # fmt: skip

SKOLOR = (
    "Centralskolan", "Ekebyskolan", "Bergaskolan", "Lundaskolan", "förskolan Solrosen",
    "förskolan Ekorren", "gymnasiet",
)  # fmt: skip

LOKALER = (
    "Folkets hus stora sal", "sporthallen", "Bergaskolans matsal", "bygdegården",
    "konferensrummet i biblioteket", "idrottsplatsens klubbstuga",
)  # fmt: skip

FORENINGAR = (
    "Ekeby IF", "Berga vägförening", "PRO Lunda", "Hembygdsföreningen", "Scoutkåren",
    "Söderby samfällighetsförening", "Lions Club", "Norrby byalag", "Konstföreningen",
)  # fmt: skip

HANDLINGAR = (
    "delegationsbeslut om färdtjänst", "avtal med snöröjningsentreprenören",
    "upphandlingen av skolmat", "bygglovsbeslut på grannfastigheten", "kommunens e-postlogg",
    "protokoll från socialnämnden", "revisionsrapporten",
)  # fmt: skip

VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

_TRANSLITTERERA = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")
_EXEMPELDOMANER = ("example.com", "example.org", "example.net")


def _luhn_kontrollsiffra(siffror: str) -> int:
    summa = 0
    for i, tecken in enumerate(siffror):
        produkt = int(tecken) * (2 if i % 2 == 0 else 1)
        summa += produkt - 9 if produkt > 9 else produkt
    return (10 - summa % 10) % 10


def personnummer(rng: random.Random) -> str:
    """Return a valid personnummer, normalised to twelve digits (ÅÅÅÅMMDDNNNN)."""
    fodd = date(1935, 1, 1) + timedelta(days=rng.randrange(70 * 365))
    serie = f"{rng.randrange(1000):03d}"
    tio = f"{fodd:%y%m%d}{serie}"
    return f"{fodd:%Y}{tio[2:]}{_luhn_kontrollsiffra(tio)}"


def organisationsnummer(rng: random.Random) -> str:
    """Return a valid organisationsnummer: 55… for aktiebolag, 80… for föreningar."""
    nio = rng.choice(("556", "559", "802")) + f"{rng.randrange(1_000_000):06d}"
    return nio + str(_luhn_kontrollsiffra(nio))


def epost(fornamn: str, efternamn: str, rng: random.Random) -> str:
    lokal = rng.choice(
        (f"{fornamn}.{efternamn}", f"{fornamn}{rng.randrange(10, 99)}", f"{fornamn[0]}{efternamn}")
    )
    return f"{lokal.lower().translate(_TRANSLITTERERA)}@{rng.choice(_EXEMPELDOMANER)}"


def telefon(rng: random.Random) -> str:
    """Return a Swedish mobile or landline number as people write it."""
    if rng.random() < 0.8:
        return f"07{rng.choice('02369')}-{rng.randrange(1000):03d} {rng.randrange(100):02d} " + (
            f"{rng.randrange(100):02d}"
        )
    return f"0{rng.randrange(11, 99)}-{rng.randrange(10, 99)} {rng.randrange(100, 999)}"


def fastighet(rng: random.Random) -> str:
    """Return a fastighetsbeteckning like Ekeby 3:45."""
    trakt = rng.choice(ORTER[1:])
    return f"{trakt} {rng.randrange(1, 12)}:{rng.randrange(1, 200)}"

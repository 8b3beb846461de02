"""Generate ärenden with consistent histories, as rows ready for COPY.

Each ärende's life is simulated from when it came in: assigned, classified, perhaps marked
secret, then one path (answered by the contact center, a call put through, escalated to a
förvaltning, waiting for the citizen, parked, withdrawn). Staff act only in working hours;
a step that would happen after now has not happened yet, so old ärenden end up closed and
recent ones open, as in a real queue. Every step writes the fields and the Handelse data
that the service in arenden.services making that change writes.
"""

import bisect
import math
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from arenden import konfiguration
from arenden.demodata import namn
from arenden.demodata.anvandare import Katalog, Personal
from arenden.demodata.katalog import (
    ESKALERINGSGRAD,
    ESKALERINGSORSAKER,
    FORVALTNINGAR,
    KANALVIKTER,
    KATEGORIER,
    PARKERINGSORSAKER,
    UTFALL_KONTAKTCENTER,
    VANTEORSAKER,
    KategoriMall,
)
from arenden.demodata.klocka import DYGN, TIMME, Klocka
from arenden.demodata.liv import Kat, Liv, Person, Rader
from arenden.kontaktuppgifter import normalisera_telefon

KANALER = ("telefon", "epost", "besok", "etjanst", "brev")
# Channels where the citizen is on the line or at the desk while the ärende is handled.
DIREKTA = frozenset({"telefon", "besok"})
# Channels where something written comes in, kept as an inbound Meddelande.
SKRIFTLIGA = frozenset({"epost", "etjanst", "brev"})
# Share of written ärenden that arrive with a kategori (e-tjänst forms carry one).
KLASSADE_VID_ANKOMST = {"epost": 0.4, "etjanst": 0.9, "brev": 0.5}

P_ANONYM = {"telefon": 0.35, "besok": 0.4, "epost": 0.0, "etjanst": 0.0, "brev": 0.05}
P_PERSONNUMMER = {"telefon": 0.08, "besok": 0.25, "epost": 0.03, "etjanst": 0.6, "brev": 0.3}
P_EPOST = {"telefon": 0.2, "besok": 0.3, "epost": 1.0, "etjanst": 1.0, "brev": 0.2}
P_TELEFON = {"telefon": 0.95, "besok": 0.5, "epost": 0.15, "etjanst": 0.5, "brev": 0.3}
P_AATERKOMMANDE = 0.12  # a kontakt who has been in touch before
KONTAKTMINNE = 10_000  # how many earlier kontakter a returning one is drawn from

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")  # fmt: skip


def _person(user) -> Person:
    return Person(user.pk, user.get_username(), user.get_full_name() or user.get_username())


def _kumulativ(vikter: list[float]) -> list[float]:
    summa, ut = 0.0, []
    for vikt in vikter:
        summa += vikt
        ut.append(summa)
    return ut


class Generator:
    """Turn sorted arrival times into batches of rows; ids and numbers come from the caller."""

    def __init__(
        self,
        *,
        rng: random.Random,
        klocka: Klocka,
        katalog: Katalog,
        personal: Personal,
        nasta_id: dict[str, Callable[[], int]],
        arende_ids: Callable[[int], list[int]],
        reservera_nummer: Callable[[int, int], list[str]],
    ):
        self.rng, self.klocka = rng, klocka
        self.kommun_id = katalog.kommun.pk
        self.nasta_id, self.arende_ids, self.reservera_nummer = (
            nasta_id,
            arende_ids,
            reservera_nummer,
        )
        prefix = {namn_: p for namn_, _, p in FORVALTNINGAR}
        self.kategorier = []
        for mall in KATEGORIER:
            kategori = katalog.kategorier[mall.namn]
            self.kategorier.append(
                Kat(
                    mall,
                    kategori.pk,
                    kategori.forvaltning_id,
                    mall.forvaltning,
                    prefix[mall.forvaltning],
                )
            )
        self.kategorivikter = {
            kanal: _kumulativ(
                [k.mall.vikt * k.mall.kanaler.get(kanal, 1.0) for k in self.kategorier]
            )
            for kanal in KANALER
        }
        self.vagledare = [_person(u) for u in personal.vagledare]
        # The demo vägledare handles about a third, so the demo login has plenty of its own.
        self.vagledarvikter = _kumulativ([3.0] + [1.4] * (len(self.vagledare) - 1))
        self.handlaggare = {
            f: [_person(u) for u in lista] for f, lista in personal.handlaggare.items()
        }
        self.teamledare = _person(personal.teamledare)
        self.standard_sla = konfiguration.varde("STANDARD_SLA_ARBETSDAGAR")
        self.kontaktminne: list[tuple[int, str, str, str]] = []
        self.rader = Rader()

    # -----------------------------------------------------------------------------------
    # Arrivals

    def inkomster(self, antal: int) -> list[int]:
        """Return `antal` arrivals, sorted, each coded as seconds * 8 + channel index."""
        rng, koder = self.rng, []
        kanaler = rng.choices(
            range(len(KANALER)), weights=[KANALVIKTER[k] for k in KANALER], k=antal
        )
        for index, antal_i_kanalen in sorted(Counter(kanaler).items()):
            timmar, vikter = self.klocka.inkomstvikter(KANALER[index])
            if not timmar:  # a window of closed days only: spread evenly instead
                timmar = list(range(self.klocka.forsta_timme, self.klocka.sista_timme))
                vikter = None
            for h in rng.choices(timmar, cum_weights=vikter, k=antal_i_kanalen):
                koder.append((h * TIMME + rng.randrange(TIMME)) * 8 + index)
        koder.sort()
        return koder

    def rader_for(self, koder: list[int]) -> Rader:
        """Return the rows for the ärenden arriving at these coded times."""
        self.rader = Rader()
        per_ar = Counter(self.klocka.ar(kod >> 3) for kod in koder)
        nummer = {ar: iter(self.reservera_nummer(ar, n)) for ar, n in sorted(per_ar.items())}
        for kod, arende_id in zip(koder, self.arende_ids(len(koder)), strict=True):
            inkom = kod >> 3
            self._arende(arende_id, next(nummer[self.klocka.ar(inkom)]), inkom, KANALER[kod & 7])
        return self.rader

    # -----------------------------------------------------------------------------------
    # Picks

    def _valj(self, lista: list, kumulativ: list[float]):
        return lista[bisect.bisect(kumulativ, self.rng.random() * kumulativ[-1])]

    def _vagledare(self) -> Person:
        return self._valj(self.vagledare, self.vagledarvikter)

    def _rosa(self, mall: KategoriMall) -> int:
        """Return the kategori's ROSA-nivå, one level off now and then."""
        if self.rng.random() < 0.1:
            return min(8, max(1, mall.rosa + self.rng.choice((-1, 1))))
        return mall.rosa

    def _kontakt(self, kanal: str, kat: Kat, inkom: int) -> tuple[int, str, str, str] | None:
        """Return (id, shown name, e-post, förnamn) of a new or returning kontakt, or None."""
        rng, mall = self.rng, kat.mall
        if rng.random() < P_ANONYM[kanal]:
            return None
        if self.kontaktminne and rng.random() < P_AATERKOMMANDE:
            return self.kontaktminne[rng.randrange(len(self.kontaktminne))]
        fornamn, efternamn = rng.choice(namn.FORNAMN), rng.choice(namn.EFTERNAMN)
        orgnr = pnr = ""
        if rng.random() < mall.organisation:
            kontaktnamn = rng.choice(
                (rng.choice(namn.FORENINGAR), f"{efternamn}s Bygg AB", f"{efternamn} & Co HB")
            )
            orgnr, fornamn = namn.organisationsnummer(rng), ""
        elif kanal == "telefon" and rng.random() < 0.15:
            kontaktnamn = fornamn = ""  # only the number the växel showed
        else:
            kontaktnamn = f"{fornamn} {efternamn}"
            if rng.random() < (0.9 if mall.sekretess else P_PERSONNUMMER[kanal]):
                pnr = namn.personnummer(rng)
        epost = (
            namn.epost(fornamn or efternamn, efternamn, rng)
            if rng.random() < P_EPOST[kanal]
            else ""
        )
        # Stored as the services store it: digits only (see arenden.kontaktuppgifter).
        telefon = (
            normalisera_telefon(namn.telefon(rng))
            if rng.random() < P_TELEFON[kanal] or not (kontaktnamn or epost)
            else ""
        )
        kontakt_id = self.nasta_id["kontakt"]()
        self.rader.kontakter.append(
            (kontakt_id, kontaktnamn, epost, telefon, pnr, orgnr, self.klocka.text(inkom))
        )
        kontakt = (kontakt_id, kontaktnamn or epost or telefon, epost, fornamn)
        if len(self.kontaktminne) < KONTAKTMINNE:
            self.kontaktminne.append(kontakt)
        else:
            self.kontaktminne[rng.randrange(KONTAKTMINNE)] = kontakt
        return kontakt

    def _texter(self, mall: KategoriMall, inkom: int, fornamn: str) -> tuple[str, str, str]:
        """Return (rubrik, beskrivning, svar) filled in from the kategori's templates."""
        rng = self.rng
        dag = date.fromtimestamp(inkom) + timedelta(days=rng.randrange(3, 60))
        varden = {
            "gata": rng.choice(namn.GATOR),
            "nr": rng.randrange(1, 80),
            "ort": rng.choice(namn.ORTER),
            "fastighet": namn.fastighet(rng),
            "lokal": rng.choice(namn.LOKALER),
            "datum": f"den {dag.day} {MANADER[dag.month - 1]}",
            "veckodag": rng.choice(namn.VECKODAGAR),
            "skola": rng.choice(namn.SKOLOR),
            "forening": rng.choice(namn.FORENINGAR),
            "ar": dag.year,
            "avgangsar": rng.randrange(1965, 2020),
            "handling": rng.choice(namn.HANDLINGAR),
            "fornamn": fornamn,
        }
        i = rng.randrange(len(mall.rubriker))
        rubrik = mall.rubriker[i].format_map(varden)
        varden["rubrik"], varden["rubrik_lag"] = rubrik, rubrik[0].lower() + rubrik[1:]
        beskrivning = rng.choice(mall.beskrivningar).format_map(varden)
        svar = mall.svar[i] if len(mall.svar) == len(mall.rubriker) else rng.choice(mall.svar)
        svar = svar.format_map(varden).replace("Hej !", "Hej!")
        return rubrik[:200], beskrivning, svar

    # -----------------------------------------------------------------------------------
    # One ärende

    def _arende(self, arende_id: int, nummer: str, inkom: int, kanal: str) -> None:
        rng = self.rng
        kat = self._valj(self.kategorier, self.kategorivikter[kanal])
        kontakt = self._kontakt(kanal, kat, inkom)
        rubrik, beskrivning, svar = self._texter(kat.mall, inkom, kontakt[3] if kontakt else "")
        liv = Liv(self, arende_id, nummer, kanal, inkom, kontakt)
        skapare = self._vagledare() if kanal not in ("epost", "etjanst") else None
        klassad = kanal in DIREKTA or rng.random() < KLASSADE_VID_ANKOMST[kanal]
        liv.skapa(skapare, kat if klassad else None, self._rosa(kat.mall) if klassad else None)
        if kanal in SKRIFTLIGA:
            liv.ta_emot(inkom, kanal, rubrik, beskrivning)
        _historia(self, liv, kat, skapare, svar)
        k = self.klocka
        self.rader.arenden.append(
            (
                arende_id, nummer, rubrik, beskrivning, kanal, liv.status, liv.utfall, liv.rosa,
                k.text(inkom), k.text(liv.forsta_svar), k.text(liv.besvarad),
                k.text(liv.avslutad), k.text(liv.eskalerad), k.text(liv.svar_senast),
                "t" if liv.sekretess else "f", liv.diarienummer, k.text(liv.andrad), liv.version,
                None, skapare.id if skapare else None,
                liv.tilldelad.id if liv.tilldelad else None,
                liv.forvaltning_id, liv.kategori.id if liv.kategori else None, self.kommun_id,
                kontakt[0] if kontakt else None,
            )
        )  # fmt: skip
        for person_id in sorted(liv.behoriga):
            self.rader.sekretess.append((arende_id, person_id))


def _historia(g: Generator, liv: Liv, kat: Kat, skapare: Person | None, svar: str) -> None:
    """Play the ärende's life forward until now; each step returns when now is reached."""
    rng, klocka, nu = g.rng, g.klocka, g.klocka.nu
    direkt = liv.kanal in DIREKTA
    # Taken at once while the citizen waits; otherwise from the queue within hours.
    if direkt:
        t, handlare = liv.inkom + rng.randrange(20, 180), skapare
    else:
        t = klocka.snappa(liv.inkom + int(rng.expovariate(1 / (4 * TIMME))), rng)
        handlare = g._vagledare()
    if t > nu:
        return
    liv.tilldela(t, handlare, handlare)
    if liv.kategori is None or rng.random() < 0.05:
        t += rng.randrange(60, 900)
        if t > nu:
            return
        liv.klassificera(t, handlare, kat, g._rosa(kat.mall))
    if rng.random() < kat.mall.sekretess + 0.005:
        t = klocka.snappa(t + rng.randrange(300, 2 * TIMME), rng)
        if t > nu:
            return
        liv.satt_sekretess(t, g.teamledare)

    val = rng.random()
    if liv.kanal == "telefon" and liv.rosa <= 4 and val < 0.3:
        t += rng.randrange(30, 300)
        if t <= nu:
            liv.avsluta(t, handlare, "kopplat_samtal")
        return
    if rng.random() < ESKALERINGSGRAD[liv.rosa]:
        _forvaltningen_tar_over(g, liv, kat, t, handlare, svar)
        return
    if val > 0.99:
        t = klocka.snappa(t + rng.randrange(300, DYGN), rng)
        if t <= nu:
            liv.avsluta(t, handlare, "aterkallat", "Kontakten har dragit tillbaka ärendet.")
        return
    if val > 0.987:
        t = klocka.snappa(t + rng.randrange(300, DYGN), rng)
        if t <= nu:
            liv.parkera(t, handlare, rng.choice(PARKERINGSORSAKER))
        return
    if val > 0.92:
        t = klocka.snappa(t + int(rng.expovariate(1 / (3 * TIMME))), rng)
        if t > nu:
            return
        liv.vanta(t, handlare, rng.choice(VANTEORSAKER))
        if rng.random() < 0.25:
            # The citizen never comes back; after two weeks the ärende is closed.
            t = klocka.snappa(t + 14 * DYGN, rng)
            if t <= nu:
                liv.avsluta(t, handlare, "aterkallat", "Inget svar från kontakten.")
            return
        t += int(rng.expovariate(1 / (2 * DYGN)))
        if t > nu:
            return
        liv.ta_emot(
            t, liv.kanal if liv.kanal in SKRIFTLIGA else "epost", "", "Här kommer det ni bad om."
        )
        liv.oppna_igen(t, kat)
        direkt = False

    # The contact center answers: during the call, or within hours for what is written.
    if direkt:
        t += rng.randrange(60, 900)
    else:
        t = klocka.snappa(t + int(rng.lognormvariate(math.log(3 * TIMME), 1.2)), rng)
    if t > nu:
        return
    liv.svara(t, handlare, svar)
    t = (
        t + rng.randrange(10, 120)
        if direkt
        else klocka.snappa(t + int(rng.expovariate(1 / (8 * TIMME))), rng)
    )
    if t <= nu:
        liv.avsluta(t, handlare, g._valj(*_UTFALL))


_UTFALL = (list(UTFALL_KONTAKTCENTER), _kumulativ(list(UTFALL_KONTAKTCENTER.values())))


def _forvaltningen_tar_over(
    g: Generator, liv: Liv, kat: Kat, t: int, vagledare: Person, svar: str
) -> None:
    """Escalate to the kategori's förvaltning, whose handläggare answers and closes."""
    rng, klocka, nu = g.rng, g.klocka, g.klocka.nu
    t = (
        t + rng.randrange(60, 600)
        if liv.kanal in DIREKTA
        else klocka.snappa(t + rng.randrange(300, 4 * TIMME), rng)
    )
    if t > nu:
        return
    kollegor = g.handlaggare[kat.forvaltning_id]
    handlaggare = rng.choice(kollegor) if rng.random() < 0.7 else None
    liv.eskalera(t, vagledare, kat, handlaggare, rng.choice(ESKALERINGSORSAKER))
    if kat.mall.diarieford and t + 600 <= nu:
        # The Platina bridge brings the diarienummer back within minutes.
        liv.diarienummer = f"{kat.diarieprefix} {klocka.ar(t)}/{int(liv.nummer[-6:])}"
    if handlaggare is None:
        t = klocka.snappa(t + int(rng.expovariate(1 / (8 * TIMME))), rng)
        if t > nu:
            return
        handlaggare = rng.choice(kollegor)
        liv.tilldela(t, handlaggare, handlaggare)
    # Half the SLA is typical, with a long tail of late answers.
    median = 0.5 * kat.mall.sla * 1.4 * DYGN
    t = klocka.snappa(t + int(rng.lognormvariate(math.log(median), 0.8)), rng)
    if t > nu:
        return
    liv.svara(t, handlaggare, svar)
    t = klocka.snappa(t + int(rng.expovariate(1 / (6 * TIMME))), rng)
    if t <= nu:
        liv.avsluta(t, handlaggare, "registrerat_i_diariet" if kat.mall.diarieford else "eskalerat")

"""One ärende's life as the generator plays it: the state and the rows each step writes.

Each method of `Liv` mirrors one service in arenden.services: it changes the same fields,
bumps `version` where the service saves, and writes the same Handelse data.
"""

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from arenden.demodata.katalog import KategoriMall

if TYPE_CHECKING:
    from arenden.demodata.generator import Generator

KONTAKTCENTRETS_ADRESS = "kontaktcenter@kommun.example"
# One encoder for all rows: json.dumps(…, ensure_ascii=False) would build one per call.
_JSON = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class Rader:
    """One batch of rows per table, in the column order of skrivare.KOLUMNER."""

    kontakter: list[tuple] = field(default_factory=list)
    arenden: list[tuple] = field(default_factory=list)
    meddelanden: list[tuple] = field(default_factory=list)
    handelser: list[tuple] = field(default_factory=list)
    sekretess: list[tuple] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    anvandarnamn: str
    namn: str


@dataclass(frozen=True, slots=True)
class Kat:
    """A kategori as the generator needs it: its template and database facts."""

    mall: KategoriMall
    id: int
    forvaltning_id: int
    forvaltning_namn: str
    diarieprefix: str


class Liv:
    """One ärende while its history is played; each method mirrors a service's writes."""

    __slots__ = (
        "andrad",
        "avslutad",
        "behoriga",
        "besvarad",
        "diarienummer",
        "eskalerad",
        "forsta_svar",
        "forvaltning_id",
        "g",
        "id",
        "inkom",
        "kanal",
        "kategori",
        "kontakt",
        "nummer",
        "rosa",
        "sekretess",
        "status",
        "svar_senast",
        "tilldelad",
        "utfall",
        "version",
    )  # fmt: skip

    def __init__(
        self, g: "Generator", arende_id: int, nummer: str, kanal: str, inkom: int, kontakt
    ):
        self.g, self.id, self.nummer, self.kanal, self.inkom = g, arende_id, nummer, kanal, inkom
        self.kontakt = kontakt
        self.status, self.utfall, self.version, self.andrad = "ny", "", 1, inkom
        self.forsta_svar = self.besvarad = self.avslutad = self.eskalerad = None
        self.tilldelad: Person | None = None
        self.kategori: Kat | None = None
        self.sekretess, self.behoriga, self.diarienummer = False, set(), ""

    def _handelse(self, typ: str, t: int, aktor: Person | None, data: dict) -> None:
        self.g.rader.handelser.append(
            (typ, self.g.klocka.text(t), _JSON(data),
             aktor.id if aktor else None, self.id)
        )  # fmt: skip

    def _spara(self, t: int) -> None:
        self.version += 1
        self.andrad = t

    def _meddelande(self, t, riktning, kanal, avsandare, mottagare, amne, text, av) -> int:
        meddelande_id = self.g.nasta_id["meddelande"]()
        self.g.rader.meddelanden.append(
            (meddelande_id, riktning, kanal, avsandare, mottagare, amne, text, "", "{}",
             self.g.klocka.text(t), self.id, av.id if av else None)
        )  # fmt: skip
        return meddelande_id

    def skapa(self, av: Person | None, kat: Kat | None, rosa: int | None) -> None:
        self.kategori, self.rosa = kat, rosa
        self.forvaltning_id = kat.forvaltning_id if kat else None
        sla = kat.mall.sla if kat else self.g.standard_sla
        self.svar_senast = self.g.klocka.svar_senast(self.inkom, sla)
        data = {"kanal": self.kanal, "kategori": kat.mall.namn if kat else None, "rosa": rosa}
        self._handelse("skapat", self.inkom, av, data)

    def ta_emot(self, t: int, kanal: str, amne: str, text: str) -> None:
        kontakt = self.kontakt
        avsandare = (kontakt[2] or kontakt[1]) if kontakt else ""
        mottagare = KONTAKTCENTRETS_ADRESS if kanal == "epost" else ""
        meddelande_id = self._meddelande(t, "in", kanal, avsandare, mottagare, amne, text, None)
        self._handelse("meddelande_in", t, None, {"meddelande_id": meddelande_id, "kanal": kanal})

    def tilldela(self, t: int, av: Person, till: Person) -> None:
        fran, self.tilldelad = self.tilldelad, till
        if self.status == "ny":
            self.status = "pagaende"
        if self.sekretess:
            self.behoriga.add(till.id)
        self._spara(t)
        data = {"till": till.anvandarnamn, "till_namn": till.namn,
                "fran": fran.anvandarnamn if fran else None}  # fmt: skip
        self._handelse("tilldelat", t, av, data)

    def klassificera(self, t: int, av: Person, kat: Kat, rosa: int) -> None:
        andringar: dict[str, list] = {}
        if rosa != self.rosa:
            andringar["rosa"] = [self.rosa, rosa]
            self.rosa = rosa
        if self.kategori is not kat:
            andringar["kategori"] = [None, kat.mall.namn]
            self.kategori = kat
            self.svar_senast = self.g.klocka.svar_senast(self.inkom, kat.mall.sla)
            if self.forvaltning_id is None:
                andringar["forvaltning"] = [None, kat.forvaltning_namn]
                self.forvaltning_id = kat.forvaltning_id
        if andringar:
            self._spara(t)
            self._handelse("klassificerat", t, av, {"andringar": andringar})

    def satt_sekretess(self, t: int, av: Person) -> None:
        self.sekretess = True
        namngivna = {av.id: av.anvandarnamn}
        if self.tilldelad:
            namngivna[self.tilldelad.id] = self.tilldelad.anvandarnamn
        self.behoriga |= set(namngivna)
        self._spara(t)
        self._handelse(
            "sekretess", t, av, {"sekretess": True, "behoriga": sorted(namngivna.values())}
        )

    def eskalera(
        self, t: int, av: Person, kat: Kat, handlaggare: Person | None, orsak: str
    ) -> None:
        self.forvaltning_id, self.tilldelad = kat.forvaltning_id, handlaggare
        self.status, self.eskalerad = "eskalerad", t
        if self.sekretess and handlaggare:
            self.behoriga.add(handlaggare.id)
        self._spara(t)
        data = {
            "forvaltning": kat.forvaltning_namn, "forvaltning_id": kat.forvaltning_id,
            "handlaggare": handlaggare.anvandarnamn if handlaggare else None, "orsak": orsak,
            "rosa": self.rosa, "diariefor": kat.mall.diarieford,
        }  # fmt: skip
        self._handelse("eskalerat", t, av, data)

    def svara(self, t: int, av: Person, text: str) -> None:
        mottagare = self.kontakt[1] if self.kontakt else ""
        meddelande_id = self._meddelande(t, "ut", self.kanal, av.namn, mottagare, "", text, av)
        self.forsta_svar = self.forsta_svar or t
        self.besvarad = t
        self.status = "besvarad"
        self._spara(t)
        self._handelse("svar", t, av, {"meddelande_id": meddelande_id, "text": text})

    def vanta(self, t: int, av: Person, orsak: str) -> None:
        self.status = "vantar_pa_kontakt"
        self._spara(t)
        self._handelse("vantar", t, av, {"orsak": orsak})

    def parkera(self, t: int, av: Person, orsak: str) -> None:
        # No service parks an ärende yet; a note says why, as staff would write it.
        self.status = "parkerad"
        self._spara(t)
        self._handelse("anteckning", t, av, {"text": orsak})

    def oppna_igen(self, t: int, kat: Kat) -> None:
        self.status, self.utfall, self.avslutad, self.besvarad = "pagaende", "", None, None
        self.svar_senast = self.g.klocka.svar_senast(t, kat.mall.sla)
        self._spara(t)
        self._handelse("ateroppnat", t, None, {"orsak": "Nytt meddelande från kontakten."})

    def avsluta(self, t: int, av: Person, utfall: str, kommentar: str = "") -> None:
        self.status, self.utfall, self.avslutad = "avslutad", utfall, t
        self._spara(t)
        self._handelse("avslutat", t, av, {"utfall": utfall, "kommentar": kommentar})

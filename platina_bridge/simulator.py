"""A stand-in for Platina's REST "Standard API", run as its own HTTP server, with faults.

Speaks the shape `HttpPlatinaKlient` uses (see README.md): an OAuth2 token endpoint,
diaries, reference data, journalized cases (numbered `KS 2026/1, 2, …` per diary and
year), their handlingar (deeds) and lookup by external reference. State lives in memory
for the run. Faults are switched on over HTTP at `/_simulator/` so that tests and demos
can steer a running simulator:

    POST /_simulator/fel        {"latens_ms": 200, "fel_andel": 0.3, "tidsgrans_andel": 0.1,
                                 "stall_sekunder": 2, "token_livstid": 60,
                                 "aterkalla_tokens": true, "avvisa_klient": false,
                                 "nere_sekunder": 5, "validering": 1, "slump_fro": 7}
    POST /_simulator/aterstall  forget every case and fault
    GET  /_simulator/tillstand  {"arenden": n, "anrop": {...}, "fel": {...}}

`fel_andel` answers that share of API requests with 500 or 429 (alternating);
`tidsgrans_andel` commits that share of creates and then stalls `stall_sekunder` and
drops the connection (the client sees a timeout although the case exists);
`nere_sekunder` closes the listening socket (connection refused) for that long;
`aterkalla_tokens` makes every issued token answer 401 (as on expiry); `validering`
refuses the next N creates with 400. Standard library only: it needs no Django.
"""

import contextlib
import json
import random
import secrets
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

DIARIER = [{"id": 1, "name": "Kommunstyrelsen", "prefix": "KS"}]
REFERENSDATA = {
    "caseTypes": [{"id": 1, "name": "Allmänt ärende"}, {"id": 2, "name": "Ansökan"}],
    "statuses": [{"id": 1, "name": "Öppen"}, {"id": 2, "name": "Avslutad"}],
    "secrecyLevels": [{"id": 0, "name": "Ingen"}, {"id": 1, "name": "Sekretess"}],
}
STANDARD_FEL: dict[str, Any] = {
    "latens_ms": 0,
    "fel_andel": 0.0,
    "tidsgrans_andel": 0.0,
    "stall_sekunder": 3.0,
    "token_livstid": 3600,
    "avvisa_klient": False,
    "validering": 0,
}


class Tillstand:
    """Everything the simulator remembers, behind one lock."""

    def __init__(self, *, klient_id: str, hemlighet: str):
        self.las = threading.Lock()
        self.klient_id = klient_id
        self.hemlighet = hemlighet
        self.aterstall()

    def aterstall(self) -> None:
        with self.las:
            self.arenden: dict[int, dict[str, Any]] = {}
            self.loptal: dict[tuple[int, int], int] = {}
            self.tokens: dict[str, float] = {}
            self.fel = dict(STANDARD_FEL)
            self.slump = random.Random(2026)
            self.anrop: dict[str, int] = {}
            self.felvaxel = 0

    def rakna(self, nyckel: str) -> None:
        self.anrop[nyckel] = self.anrop.get(nyckel, 0) + 1


class Hanterare(BaseHTTPRequestHandler):
    server_version = "PlatinaSimulator/1"
    protocol_version = "HTTP/1.1"
    tillstand: Tillstand
    simulator: "Simulator"

    def log_message(self, format: str, *args: Any) -> None:
        if self.simulator.pratsam:
            super().log_message(format, *args)

    # -- helpers ------------------------------------------------------------------------

    def _svara(self, status: int, data: Any = None) -> None:
        kropp = json.dumps(data if data is not None else {}, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(kropp)))
        self.end_headers()
        self.wfile.write(kropp)

    def _fel(self, status: int, meddelande: str) -> None:
        self._svara(status, {"status": status, "message": meddelande})

    def _kropp(self) -> bytes:
        langd = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(langd) if langd else b""

    def _json(self) -> Any:
        try:
            return json.loads(self._kropp() or b"{}")
        except ValueError:
            return None

    # -- dispatch -----------------------------------------------------------------------

    def do_GET(self) -> None:
        self._hantera("GET")

    def do_POST(self) -> None:
        self._hantera("POST")

    def _hantera(self, metod: str) -> None:
        url = urlparse(self.path)
        delar = [d for d in url.path.split("/") if d]
        if delar[:1] == ["_simulator"]:
            return self._admin(metod, delar[1:])
        t = self.tillstand
        if delar == ["oauth2", "token"] and metod == "POST":
            return self._token()
        with t.las:
            fel = dict(t.fel)
            slump = t.slump.random()
            slump_tidsgrans = t.slump.random()
            t.rakna(f"{metod} {'/'.join(d if not d.isdigit() else '{id}' for d in delar)}")
        if fel["latens_ms"]:
            time.sleep(fel["latens_ms"] / 1000)
        if slump < fel["fel_andel"]:
            # Drain the body so that the connection stays usable for the next request.
            self._kropp()
            with t.las:
                t.felvaxel += 1
                vaxel = t.felvaxel
            if vaxel % 2:
                return self._fel(500, "Internal Server Error (simulerat)")
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self._behorig():
            self._kropp()
            return self._fel(401, "invalid_token")
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        tidsgrans = slump_tidsgrans < fel["tidsgrans_andel"]
        if metod == "GET" and delar == ["v8.0", "diaries"]:
            return self._svara(200, DIARIER)
        if metod == "GET" and delar == ["v8.0", "reference-data"]:
            return self._svara(200, REFERENSDATA)
        if len(delar) == 5 and delar[:3] == ["api", "v7", "diaries"]:
            if delar[4] == "journalized-cases" and metod == "GET":
                return self._sok(delar[3], params)
            if delar[4] == "journalized-cases" and metod == "POST":
                return self._skapa(delar[3], tidsgrans=tidsgrans, fel=fel)
        if len(delar) >= 4 and delar[:3] == ["api", "v7", "journalized-cases"]:
            if len(delar) == 4 and metod == "GET":
                return self._hamta(delar[3])
            if len(delar) == 5 and delar[4] == "deeds" and metod == "POST":
                return self._handling(delar[3], tidsgrans=tidsgrans, fel=fel)
        return self._fel(404, "Not Found")

    # -- endpoints ----------------------------------------------------------------------

    def _token(self) -> None:
        t = self.tillstand
        form = {k: v[-1] for k, v in parse_qs(self._kropp().decode()).items()}
        with t.las:
            t.rakna("POST oauth2/token")
            avvisa = t.fel["avvisa_klient"]
            livstid = t.fel["token_livstid"]
            if (
                avvisa
                or form.get("grant_type") != "client_credentials"
                or form.get("client_id") != t.klient_id
                or form.get("client_secret") != t.hemlighet
            ):
                return self._svara(401, {"error": "invalid_client"})
            token = secrets.token_urlsafe(24)
            t.tokens[token] = time.monotonic() + livstid
        self._svara(200, {"access_token": token, "token_type": "Bearer", "expires_in": livstid})

    def _behorig(self) -> bool:
        rubrik = self.headers.get("Authorization", "")
        if not rubrik.startswith("Bearer "):
            return False
        with self.tillstand.las:
            giltig_till = self.tillstand.tokens.get(rubrik[7:])
        return giltig_till is not None and time.monotonic() < giltig_till

    def _sok(self, diarium: str, params: dict[str, str]) -> None:
        referens = params.get("externalReference")
        with self.tillstand.las:
            traffar = [
                a
                for a in self.tillstand.arenden.values()
                if str(a["diaryId"]) == diarium
                and (referens is None or a["externalReference"] == referens)
            ]
        self._svara(200, traffar)

    def _skapa(self, diarium: str, *, tidsgrans: bool, fel: dict[str, Any]) -> None:
        data = self._json()
        t = self.tillstand
        dagbok = next((d for d in DIARIER if str(d["id"]) == diarium), None)
        if dagbok is None:
            return self._fel(404, f"Diariet {diarium} finns inte.")
        problem = _validera(data)
        with t.las:
            if not problem and t.fel["validering"] > 0:
                t.fel["validering"] -= 1
                problem = "Ärendet kunde inte registreras (simulerat valideringsfel)."
            if problem:
                return self._fel(400, problem)
            ar = date.today().year
            loptal = t.loptal.get((dagbok["id"], ar), 0) + 1
            t.loptal[(dagbok["id"], ar)] = loptal
            arende_id = len(t.arenden) + 1
            arende = {
                "id": arende_id,
                "diaryId": dagbok["id"],
                "diaryNumber": f"{dagbok['prefix']} {ar}/{loptal}",
                **{k: data.get(k) for k in _ARENDEFALT},
                "externalReference": data.get("externalReference") or "",
                "deeds": [],
            }
            t.arenden[arende_id] = arende
            svar = json.loads(json.dumps(arende))
        if tidsgrans:
            return self._stall(fel)
        self._svara(201, svar)

    def _hamta(self, arende_id: str) -> None:
        with self.tillstand.las:
            arende = self.tillstand.arenden.get(int(arende_id))
            svar = json.loads(json.dumps(arende)) if arende else None
        if svar is None:
            return self._fel(404, f"Ärende {arende_id} finns inte.")
        self._svara(200, svar)

    def _handling(self, arende_id: str, *, tidsgrans: bool, fel: dict[str, Any]) -> None:
        data = self._json() or {}
        if not (data.get("title") or "").strip():
            return self._fel(400, "title krävs för en handling.")
        with self.tillstand.las:
            arende = self.tillstand.arenden.get(int(arende_id))
            if arende is None:
                return self._fel(404, f"Ärende {arende_id} finns inte.")
            handling = {
                "id": len(arende["deeds"]) + 1,
                "direction": data.get("direction", "in"),
                "title": data["title"],
                "externalReference": data.get("externalReference") or "",
                "documents": [d.get("fileName") for d in data.get("documents") or []],
            }
            arende["deeds"].append(handling)
        if tidsgrans:
            return self._stall(fel)
        self._svara(201, handling)

    def _stall(self, fel: dict[str, Any]) -> None:
        """Committed; now stall past the client's timeout and drop the connection."""
        time.sleep(float(fel["stall_sekunder"]))
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    # -- fault control ------------------------------------------------------------------

    def _admin(self, metod: str, delar: list[str]) -> None:
        t = self.tillstand
        if metod == "GET" and delar == ["tillstand"]:
            with t.las:
                svar = {
                    "arenden": len(t.arenden),
                    "diarienummer": [a["diaryNumber"] for a in t.arenden.values()],
                    "externa_referenser": [a["externalReference"] for a in t.arenden.values()],
                    "anrop": dict(t.anrop),
                    "fel": dict(t.fel),
                }
            return self._svara(200, svar)
        if metod == "POST" and delar == ["aterstall"]:
            self._kropp()
            t.aterstall()
            return self._svara(200, {"ok": True})
        if metod == "POST" and delar == ["fel"]:
            data = self._json()
            if not isinstance(data, dict):
                return self._fel(400, "JSON-objekt väntades.")
            nere = float(data.pop("nere_sekunder", 0) or 0)
            with t.las:
                if data.pop("aterkalla_tokens", False):
                    t.tokens.clear()
                if "slump_fro" in data:
                    t.slump = random.Random(data.pop("slump_fro"))
                okanda = set(data) - set(STANDARD_FEL)
                if okanda:
                    return self._fel(400, f"Okända fel: {', '.join(sorted(okanda))}")
                t.fel.update(data)
                svar = dict(t.fel)
            self._svara(200, svar)
            if nere:
                self.simulator.ga_ner(nere)
            return None
        return self._fel(404, "Not Found")


_ARENDEFALT = (
    "registrationDate",
    "inOutDate",
    "statusId",
    "origin",
    "caseTypeId",
    "title",
    "description",
    "pulLevel",
    "secrecyLevel",
    "confidentialParagraphs",
    "initiators",
)


def _validera(data: Any) -> str:
    """Return Platina's complaint about a create request, or "" when it is acceptable."""
    if not isinstance(data, dict):
        return "Begäran ska vara ett JSON-objekt."
    titel = (data.get("title") or "").strip()
    if not 1 <= len(titel) <= 200:
        return "title ska vara 1–200 tecken."
    beskrivning = (data.get("description") or "").strip()
    if not 1 <= len(beskrivning) <= 4000:
        return "description ska vara 1–4000 tecken."
    if data.get("caseTypeId") not in {t["id"] for t in REFERENSDATA["caseTypes"]}:
        return f"caseTypeId {data.get('caseTypeId')} finns inte."
    if data.get("statusId") not in {s["id"] for s in REFERENSDATA["statuses"]}:
        return f"statusId {data.get('statusId')} finns inte."
    if data.get("secrecyLevel") in (1, 2) and not data.get("confidentialParagraphs"):
        return "confidentialParagraphs krävs när secrecyLevel är 1 eller 2."
    if data.get("diaryNumber"):
        return "diaryNumber ska vara tomt; Platina tilldelar diarienumret."
    return ""


class Simulator:
    """The server and its listening socket, which `ga_ner` closes for a while."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 8085,
        klient_id: str = "kontaktcenter",
        hemlighet: str = "simulator-hemlighet",
        pratsam: bool = False,
    ):
        self.host, self.port, self.pratsam = host, port, pratsam
        self.tillstand = Tillstand(klient_id=klient_id, hemlighet=hemlighet)
        self._server: ThreadingHTTPServer | None = None
        self._las = threading.Lock()

    def _ny_server(self) -> ThreadingHTTPServer:
        hanterare = type(
            "SimulatorHanterare", (Hanterare,), {"tillstand": self.tillstand, "simulator": self}
        )
        server = ThreadingHTTPServer((self.host, self.port), hanterare)
        server.daemon_threads = True
        self.port = server.server_address[1]
        return server

    def starta(self) -> "Simulator":
        """Start serving in a background thread; return self (port is then known)."""
        with self._las:
            self._server = self._ny_server()
            threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stoppa(self) -> None:
        with self._las:
            if self._server is not None:
                self._server.shutdown()
                self._server.server_close()
                self._server = None

    def ga_ner(self, sekunder: float) -> None:
        """Stop listening (connection refused) for `sekunder`, then come back, state intact."""

        def ner_och_upp() -> None:
            self.stoppa()
            time.sleep(sekunder)
            for _forsok in range(50):
                try:
                    self.starta()
                    return
                except OSError:
                    time.sleep(0.1)

        threading.Thread(target=ner_och_upp, daemon=True).start()

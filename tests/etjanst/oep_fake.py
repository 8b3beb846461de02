"""A small fake Open ePlatform: a real HTTP server on a free loopback port.

It serves the two REST calls the poll uses (the list of a flow family's instances and one
instance's FlowInstance XML, ISO-8859-1 like the real platform), answers the SOAP
integration callback, records every call, and can be told to fail.
"""

import base64
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.etree.ElementTree import fromstring

DATA = Path(__file__).parent / "data"
ANVANDARE, LOSENORD = "kontaktcenter", "hemligt-lösen"
CALLBACK_NS = "{http://www.oeplatform.org/version/1.0/schemas/integration/callback}"


def instans_xml(instans_id: int, *, tjanst: str = "Ansökan om skolskjuts till grundskola") -> bytes:
    """The corpus FlowInstance (ISO-8859-1, with å ä ö) under another id and service name."""
    ra = (DATA / "flowinstance_iso8859-1.xml").read_bytes()
    ra = ra.replace(b"<FlowInstanceID>190456<", f"<FlowInstanceID>{instans_id}<".encode())
    return ra.replace(
        "Ansökan om skolskjuts till grundskola".encode("iso-8859-1"), tjanst.encode("iso-8859-1")
    )


@dataclass
class Anrop:
    """One callback call as the fake understood it."""

    operation: str
    falt: dict[str, str]
    ra: bytes


@dataclass
class FakeOep:
    instanser: dict[str, bytes] = field(default_factory=dict)
    # How many of the next list / callback calls answer 500; instance ids whose fetch does.
    lista_fel: int = 0
    callback_fel: int = 0
    hamta_fel: set[str] = field(default_factory=set)
    familjer: set[str] = field(default_factory=lambda: {"766"})
    listningar: list[dict[str, str]] = field(default_factory=list)
    hamtade: list[str] = field(default_factory=list)
    anrop: list[Anrop] = field(default_factory=list)
    las: threading.Lock = field(default_factory=threading.Lock)

    def lagg_till(self, instans_id: int, ra: bytes | None = None) -> None:
        self.instanser[str(instans_id)] = ra if ra is not None else instans_xml(instans_id)


def _lista_xml(ids: list[str]) -> bytes:
    rader = "".join(
        f"<FlowInstance><flowInstanceID>{i}</flowInstanceID>"
        "<added>2026-11-20 09:15</added><fullyPopulated>true</fullyPopulated>"
        "<poster><user><firstname>Åsa</firstname><lastname>Öberg</lastname></user></poster>"
        "</FlowInstance>"
        for i in ids
    )
    return (
        f'<?xml version="1.0" encoding="ISO-8859-1"?><FlowInstances>{rader}</FlowInstances>'.encode(
            "iso-8859-1"
        )
    )


def _hanterare(fake: FakeOep):
    class Hanterare(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _svara(self, status: int, body: bytes = b"", typ="text/xml; charset=ISO-8859-1"):
            self.send_response(status)
            self.send_header("Content-Type", typ)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _inloggad(self) -> bool:
            ratt = base64.b64encode(f"{ANVANDARE}:{LOSENORD}".encode()).decode()
            if self.headers.get("Authorization") == f"Basic {ratt}":
                return True
            self._svara(401, b"", "text/plain")
            return False

        def do_GET(self) -> None:
            if not self._inloggad():
                return
            url = urlparse(self.path)
            delar = url.path.strip("/").split("/")
            with fake.las:
                if delar[:4] == ["api", "instanceapi", "getinstances", "family"]:
                    if delar[4] not in fake.familjer:
                        return self._svara(404, b"")
                    fake.listningar.append({k: v[-1] for k, v in parse_qs(url.query).items()})
                    if fake.lista_fel:
                        fake.lista_fel -= 1
                        return self._svara(500, b"<fel/>")
                    return self._svara(200, _lista_xml(sorted(fake.instanser, key=int)))
                if delar[:3] == ["api", "instanceapi", "getinstance"] and delar[-1] == "xml":
                    instans_id = delar[3]
                    fake.hamtade.append(instans_id)
                    if instans_id in fake.hamta_fel:
                        return self._svara(500, b"<fel/>")
                    if instans_id not in fake.instanser:
                        return self._svara(404, b"")
                    return self._svara(200, fake.instanser[instans_id])
            self._svara(404, b"")

        def do_POST(self) -> None:
            if not self._inloggad():
                return
            ra = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if urlparse(self.path).path != "/api/callback":
                return self._svara(404, b"")
            kropp = fromstring(ra)[-1][0]  # Envelope/Body/<operation>
            operation = kropp.tag.removeprefix(CALLBACK_NS)
            falt = {
                e.tag.removeprefix(CALLBACK_NS): (e.text or "")
                for e in kropp.iter()
                if e is not kropp and not len(e)
            }
            with fake.las:
                if fake.callback_fel:
                    fake.callback_fel -= 1
                    return self._svara(500, b"<fel/>")
                fake.anrop.append(Anrop(operation, falt, ra))
            svar = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
                f'<{operation}Response xmlns="{CALLBACK_NS[1:-1]}"><eventID>1</eventID>'
                f"</{operation}Response></S:Body></S:Envelope>"
            ).encode()
            self._svara(200, svar, "text/xml; charset=UTF-8")

    return Hanterare


class FakeOepServer:
    def __init__(self) -> None:
        self.fake = FakeOep()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _hanterare(self.fake))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.trad = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.trad.start()

    def stang(self) -> None:
        self.server.shutdown()
        self.server.server_close()

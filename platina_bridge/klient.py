"""`PlatinaKlient`: what the bridge needs from Platina, and its HTTP implementation.

Shaped after Formpipe's public Platina "Standard API" (OAuth2 client credentials, diaries,
reference data, journalized cases, handlingar); where the public documentation is silent,
the choices are written down in this app's README.md.
"""

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from django.utils.translation import gettext as _

from platina_bridge import konfiguration
from platina_bridge.errors import (
    PlatinaBehorighet,
    PlatinaOklartUtfall,
    PlatinaTillfalligt,
    PlatinaValidering,
)


@dataclass(frozen=True)
class NyttFall:
    """A journalized case to create; `extern_referens` is our ärendenummer."""

    extern_referens: str
    titel: str
    beskrivning: str
    arendetyp_id: int
    status_id: int
    ursprung: str
    pul_niva: int = 0
    sekretessniva: int = 0
    sekretessparagrafer: list[str] = field(default_factory=list)
    initierare: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Handling:
    """An inkommande handling: the citizen's message and its attachments (base64)."""

    extern_referens: str
    titel: str
    text: str
    dokument: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Fall:
    id: int
    diarienummer: str
    extern_referens: str
    handlingar: list[dict[str, Any]] = field(default_factory=list)


class PlatinaKlient(Protocol):
    """What the bridge asks of Platina. Every method raises only `PlatinaFel` subclasses."""

    def lista_diarier(self) -> list[dict[str, Any]]: ...

    def referensdata(self) -> dict[str, Any]: ...

    def hitta_arende(self, *, diarium: str, extern_referens: str) -> Fall | None: ...

    def registrera_arende(self, *, diarium: str, fall: NyttFall) -> Fall: ...

    def registrera_handling(self, *, fall_id: int, handling: Handling) -> dict[str, Any]: ...

    def hamta_status(self, *, fall_id: int) -> Fall: ...


def _fall(data: dict[str, Any]) -> Fall:
    return Fall(
        id=data["id"],
        diarienummer=data["diaryNumber"],
        extern_referens=data.get("externalReference", ""),
        handlingar=data.get("deeds", []),
    )


class _Token:
    """An OAuth2 client-credentials token shared by the process's clients, refreshed early."""

    _las = threading.Lock()
    _varde: str | None = None
    _giltig_till: float = 0.0
    _for: tuple[str, str] | None = None

    @classmethod
    def hamta(cls, http: httpx.Client, *, bas: str, id_: str, hemlighet: str, ny: bool) -> str:
        with cls._las:
            nyckel = (bas, id_)
            if not ny and cls._varde and cls._for == nyckel and time.monotonic() < cls._giltig_till:
                return cls._varde
            try:
                svar = http.post(
                    f"{bas}/oauth2/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": id_,
                        "client_secret": hemlighet,
                    },
                )
            except httpx.HTTPError as fel:
                raise PlatinaTillfalligt(
                    _("Platina går inte att nå (token): %(fel)s") % {"fel": type(fel).__name__}
                ) from fel
            if svar.status_code in (400, 401, 403):
                raise PlatinaBehorighet(
                    _("Platina avvisade klientens inloggningsuppgifter (HTTP %(status)s).")
                    % {"status": svar.status_code}
                )
            if svar.status_code >= 300:
                raise PlatinaTillfalligt(
                    _("Platina kunde inte ge en token (HTTP %(status)s).")
                    % {"status": svar.status_code}
                )
            data = svar.json()
            cls._varde = data["access_token"]
            cls._for = nyckel
            # Refresh half a minute before it runs out rather than be refused mid-send.
            cls._giltig_till = time.monotonic() + max(0, int(data.get("expires_in", 300)) - 30)
            return cls._varde

    @classmethod
    def glom(cls) -> None:
        with cls._las:
            cls._varde = None


class HttpPlatinaKlient:
    """`PlatinaKlient` over HTTP with httpx: timeouts everywhere, typed errors, one token."""

    def __init__(self, *, bas_url: str | None = None, http: httpx.Client | None = None):
        self.bas = (bas_url or konfiguration.varde("URL")).rstrip("/")
        timeout = float(konfiguration.varde("TIMEOUT_SEKUNDER"))
        self.http = http or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers={"Accept": "application/json", "User-Agent": "kontaktcenter-platina-bridge"},
        )

    def stang(self) -> None:
        """Close the connection pool."""
        self.http.close()

    # -- transport ----------------------------------------------------------------------

    def _token(self, *, ny: bool = False) -> str:
        return _Token.hamta(
            self.http,
            bas=self.bas,
            id_=konfiguration.varde("CLIENT_ID"),
            hemlighet=konfiguration.varde("CLIENT_SECRET"),
            ny=ny,
        )

    def _anrop(self, metod: str, sokvag: str, **kwargs) -> Any:
        """Send one request; refresh the token once on 401; map every failure to a type.

        A POST that may have reached Platina (read timeout, dropped connection after
        sending) is an ambiguous outcome, never a plain transient error.
        """
        skriver = metod != "GET"
        for forsok in (1, 2):
            token = self._token(ny=forsok == 2)
            try:
                svar = self.http.request(
                    metod,
                    f"{self.bas}{sokvag}",
                    headers={"Authorization": f"Bearer {token}"},
                    **kwargs,
                )
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as fel:
                raise PlatinaTillfalligt(
                    _("Platina går inte att nå: %(fel)s") % {"fel": type(fel).__name__}
                ) from fel
            except httpx.TransportError as fel:
                if skriver:
                    raise PlatinaOklartUtfall(
                        _("Platina svarade inte efter att begäran skickats (%(fel)s); ")
                        % {"fel": type(fel).__name__}
                        + _("den kan ha registrerats.")
                    ) from fel
                raise PlatinaTillfalligt(
                    _("Platina svarade inte: %(fel)s") % {"fel": type(fel).__name__}
                ) from fel
            if svar.status_code == 401 and forsok == 1:
                _Token.glom()
                continue
            return self._tolka(svar)
        raise AssertionError("unreachable")

    def _tolka(self, svar: httpx.Response) -> Any:
        status = svar.status_code
        if status < 300:
            return svar.json() if svar.content else None
        try:
            meddelande = svar.json().get("message") or svar.text
        except ValueError:
            meddelande = svar.text
        extra = {"http_status": status, "platina": meddelande[:1000]}
        if status in (401, 403):
            raise PlatinaBehorighet(
                _("Platina nekade åtkomst (HTTP %(status)s): %(meddelande)s")
                % {"status": status, "meddelande": meddelande},
                extra=extra,
            )
        if status == 429 or status >= 500 or status == 408:
            raise PlatinaTillfalligt(
                _("Platina är tillfälligt otillgängligt (HTTP %(status)s).") % {"status": status},
                extra=extra,
            )
        raise PlatinaValidering(
            _("Platina avvisade registreringen: %(meddelande)s") % {"meddelande": meddelande},
            extra=extra,
        )

    # -- the interface ------------------------------------------------------------------

    def lista_diarier(self) -> list[dict[str, Any]]:
        return self._anrop("GET", "/v8.0/diaries")

    def referensdata(self) -> dict[str, Any]:
        return self._anrop("GET", "/v8.0/reference-data")

    def hitta_arende(self, *, diarium: str, extern_referens: str) -> Fall | None:
        traffar = self._anrop(
            "GET",
            f"/api/v7/diaries/{diarium}/journalized-cases",
            params={"externalReference": extern_referens},
        )
        # Oldest first: should a duplicate ever exist, the first case is the one we keep.
        traffar = sorted(traffar or [], key=lambda d: d["id"])
        return _fall(traffar[0]) if traffar else None

    def registrera_arende(self, *, diarium: str, fall: NyttFall) -> Fall:
        idag = time.strftime("%Y-%m-%d")
        data = self._anrop(
            "POST",
            f"/api/v7/diaries/{diarium}/journalized-cases",
            json={
                "diaryNumber": "",
                "registrationDate": idag,
                "inOutDate": idag,
                "statusId": fall.status_id,
                "origin": fall.ursprung,
                "caseTypeId": fall.arendetyp_id,
                "title": fall.titel,
                "description": fall.beskrivning,
                "pulLevel": fall.pul_niva,
                "secrecyLevel": fall.sekretessniva,
                "confidentialParagraphs": fall.sekretessparagrafer,
                "initiators": fall.initierare,
                "externalReference": fall.extern_referens,
            },
        )
        return _fall(data)

    def registrera_handling(self, *, fall_id: int, handling: Handling) -> dict[str, Any]:
        return self._anrop(
            "POST",
            f"/api/v7/journalized-cases/{fall_id}/deeds",
            json={
                "direction": "in",
                "title": handling.titel,
                "description": handling.text,
                "externalReference": handling.extern_referens,
                "documents": handling.dokument,
            },
        )

    def hamta_status(self, *, fall_id: int) -> Fall:
        return _fall(self._anrop("GET", f"/api/v7/journalized-cases/{fall_id}"))


def klient() -> PlatinaKlient:
    """Return the configured client (one place to swap the implementation)."""
    return HttpPlatinaKlient()

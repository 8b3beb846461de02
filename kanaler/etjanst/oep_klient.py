"""Open ePlatform over HTTP: list and fetch FlowInstances, call the integration callback.

Learnt from the platform's public API as municipalities use it; our own code throughout.

REST, basic auth, XML in the platform's own encoding (often ISO-8859-1), always handed on
as bytes so the XML declaration decides how it is read:
- `GET <OEP_URL>/api/instanceapi/getinstances/family/<familyID>?fromDate=&toDate=`
  (dates YYYY-MM-DD) answers `<FlowInstances><FlowInstance><flowInstanceID>…` per instance;
- `GET <OEP_URL>/api/instanceapi/getinstance/<flowInstanceID>/xml` answers one
  FlowInstance export (namespace .../version/2.0/schemas/flowinstance).

The integration callback is SOAP 1.1 (namespace .../version/1.0/schemas/integration/callback),
posted to OEP_CALLBACK_URL (default `<OEP_URL>/api/callback`): `setStatus`
(flowInstanceID, statusAlias, principal) and `addMessage` (flowInstanceID, message).

Every failure is an `OepTillfalligt` (try again later) or an `OepAvvisad` (the platform
refused the content; a SOAP fault such as FlowInstanceNotFound or StatusNotFound).
"""

from datetime import date, datetime
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils import timezone
from django.utils.translation import gettext as _

from kanaler.etjanst import konfiguration
from kanaler.etjanst.errors import OepAvvisad, OepTillfalligt

CALLBACK_NS = "http://www.oeplatform.org/version/1.0/schemas/integration/callback"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
# SOAP faults that say the content is wrong, not that the platform is unwell.
AVVISANDE_FEL = ("FlowInstanceNotFound", "StatusNotFound")


def _lokalt(tagg: str) -> str:
    return tagg.rsplit("}", 1)[-1]


class OepKlient:
    """One HTTP connection pool to Open ePlatform; close it with `stang()`."""

    def __init__(self) -> None:
        self.bas = konfiguration.oep("URL").rstrip("/")
        self.http = httpx.Client(
            auth=(konfiguration.oep("ANVANDARE"), konfiguration.oep("LOSENORD")),
            timeout=httpx.Timeout(konfiguration.oep("TIMEOUT_SEKUNDER"), connect=5.0),
            headers={"Accept": "text/xml, application/xml"},
        )

    def stang(self) -> None:
        self.http.close()

    def _anropa(self, metod: str, url: str, **kw) -> httpx.Response:
        try:
            svar = self.http.request(metod, url, **kw)
        except httpx.TimeoutException:
            raise OepTillfalligt(
                _("Open ePlatform svarade inte i tid (%(url)s).") % {"url": url},
                code="oep_tidsgrans",
            ) from None
        except httpx.TransportError as fel:
            raise OepTillfalligt(
                _("Open ePlatform gick inte att nå (%(url)s): %(fel)s.") % {"url": url, "fel": fel},
                code="oep_natverk",
            ) from None
        return svar

    def _kontrollera(self, svar: httpx.Response) -> None:
        if svar.is_success:
            return
        text = _("Open ePlatform svarade %(status)d på %(url)s.") % {
            "status": svar.status_code,
            "url": svar.request.url,
        }
        # Unavailable, overloaded, or a login that an operator can fix: try again later.
        if svar.status_code >= 500 or svar.status_code in (401, 403, 408, 429):
            raise OepTillfalligt(text, code=f"oep_http_{svar.status_code}")
        raise OepAvvisad(text, code=f"oep_http_{svar.status_code}")

    # -- REST -------------------------------------------------------------------------

    def lista_instanser(self, *, familj: str, fran: date, till: date) -> list[str]:
        """Return the FlowInstanceIDs of a flow family posted between two dates."""
        url = f"{self.bas}/api/instanceapi/getinstances/family/{familj}"
        svar = self._anropa(
            "GET", url, params={"fromDate": fran.isoformat(), "toDate": till.isoformat()}
        )
        self._kontrollera(svar)
        try:
            rot = fromstring(svar.content, forbid_dtd=True)
        except (ParseError, DefusedXmlException):
            raise OepTillfalligt(
                _("Open ePlatforms lista över instanser gick inte att tolka (familj %(f)s).")
                % {"f": familj},
                code="oep_lista_xml",
            ) from None
        ids = []
        for instans in rot.iter():
            if _lokalt(instans.tag) != "FlowInstance":
                continue
            for barn in instans:
                if _lokalt(barn.tag).lower() == "flowinstanceid" and (barn.text or "").strip():
                    ids.append(barn.text.strip())
                    break
        return ids

    def hamta_instans(self, instans_id: str) -> bytes:
        """Return one FlowInstance export as the platform sent it (raw bytes)."""
        svar = self._anropa("GET", f"{self.bas}/api/instanceapi/getinstance/{instans_id}/xml")
        self._kontrollera(svar)
        return svar.content

    # -- SOAP callback ----------------------------------------------------------------

    def _soap(self, operation: str, innehall: str) -> bytes:
        kuvert = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Header/><soapenv:Body>'
            f'<{operation} xmlns="{CALLBACK_NS}">{innehall}</{operation}>'
            "</soapenv:Body></soapenv:Envelope>"
        ).encode()
        svar = self._anropa(
            "POST",
            konfiguration.oep_callback_url(),
            content=kuvert,
            headers={"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '""'},
        )
        if svar.status_code == 500 and b"Fault" in svar.content:
            fel = svar.content.decode("utf-8", "replace")
            if any(namn in fel for namn in AVVISANDE_FEL):
                raise OepAvvisad(
                    _("Open ePlatform avvisade %(op)s: %(fel)s") % {"op": operation, "fel": fel},
                    code="oep_soap_fault",
                )
        self._kontrollera(svar)
        return svar.content

    def _principal(self) -> str:
        anvandare = escape(konfiguration.oep("ANVANDAR_ID"))
        return f"<principal><name>Kontaktcenter</name><userID>{anvandare}</userID></principal>"

    def satt_status(self, *, instans_id: str, status_alias: str) -> None:
        """Move the instance to the status with this alias (as named in the flow)."""
        self._soap(
            "setStatus",
            f"<flowInstanceID>{escape(instans_id)}</flowInstanceID>"
            f"<statusAlias>{escape(status_alias)}</statusAlias>{self._principal()}",
        )

    def lagg_till_meddelande(
        self, *, instans_id: str, text: str, skickat: datetime | None = None
    ) -> None:
        """Add a message to the instance, visible to the citizen on "Mina sidor"."""
        skickat = timezone.localtime(skickat or timezone.now())
        self._soap(
            "addMessage",
            f"<flowInstanceID>{escape(instans_id)}</flowInstanceID>"
            f"<message><added>{skickat.isoformat(timespec='seconds')}</added>"
            f"<message>{escape(text)}</message>"
            f"<userID>{escape(konfiguration.oep('ANVANDAR_ID'))}</userID>"
            "<readReceiptEnabled>false</readReceiptEnabled></message>"
            f"{self._principal()}",
        )

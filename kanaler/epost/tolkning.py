"""Turn a mail's raw bytes into what an ärende needs, without losing or corrupting anything.

The bytes are parsed as bytes (`email.message_from_bytes` with `policy.default`); nothing
is decoded to text first, so a mail in iso-8859-1 or windows-1252 keeps its å, ä and ö.
Whatever cannot be parsed cleanly is flagged (`ofullstandig`), never dropped: the raw
source is kept beside the message.
"""

import functools
import hashlib
import html as htmlmodul
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

import nh3

# Out-of-office subjects, Swedish and English.
_FRANVARO = re.compile(
    r"^\s*(automatiskt svar|autosvar|frånvaro|frånvarande|out of office|"
    r"automatic reply|auto[- ]?reply|autoreply|abwesenheit|semester:|på semester)",
    re.IGNORECASE,
)
_INGET_SVAR = re.compile(r"^(no-?reply|do-?not-?reply|donotreply|noreply|ingen-?svar)", re.I)
_STUDSARE = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_INRE_ID = re.compile(r"(?im)^message-id:\s*(<[^<>\s]+>)")

# Tags nh3 keeps when an HTML mail is shown; everything else (script, style, forms) goes.
_HTML_TAGGAR = {
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead", "tr",
    "u", "ul",
}  # fmt: skip


class _Huvudregister(HeaderRegistry):
    """policy.default's header registry, remembering the headers it parsed last.

    The modern API parses a header afresh on every read, and a part's Content-Type is read
    a dozen times (type, charset, filename, payload decoding): without this, header parsing
    is the largest cost of a mail. A parsed header is an immutable str, safe to share.
    """

    @functools.lru_cache(maxsize=256)  # noqa: B019 -- one module-level instance
    def __call__(self, name: str, value: str):
        return super().__call__(name, value)


# policy.default exactly, with the remembering registry as its header factory.
POLICY = policy.default.clone(header_factory=_Huvudregister())


@dataclass
class Del:
    """An attachment, an inline image or a forwarded mail."""

    namn: str
    typ: str
    data: bytes
    inline: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Tolkat:
    message_id: str = ""
    avsandare_namn: str = ""
    avsandare_adress: str = ""
    amne: str = ""
    text: str = ""
    html: str = ""
    datum: datetime | None = None
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    # Message-IDs of a mail quoted inside this one (the original in a bounce or forward).
    inre_ids: list[str] = field(default_factory=list)
    autosvar: bool = False
    studs: bool = False
    inget_svar: bool = False
    delar: list[Del] = field(default_factory=list)
    ofullstandig: bool = False
    anmarkningar: list[str] = field(default_factory=list)

    @property
    def avsandare(self) -> str:
        if self.avsandare_namn:
            return f"{self.avsandare_namn} <{self.avsandare_adress}>"
        return self.avsandare_adress


def innehallshash(ra: bytes) -> str:
    return hashlib.sha256(ra).hexdigest()


def nyckel(message_id: str, ra: bytes) -> str:
    """Return the dedupe key: the Message-ID, or a hash of the bytes for a mail without one."""
    return message_id[:300] if message_id else f"sha256:{innehallshash(ra)}"


def message_id_ur_huvud(huvud: bytes) -> str:
    """Read only the Message-ID from a header block (used before the body is fetched)."""
    try:
        meddelande = message_from_bytes(huvud, policy=policy.compat32)
        return _forsta_id(str(meddelande.get("Message-ID", "") or ""))
    except Exception:
        return ""


def _forsta_id(varde: str) -> str:
    traff = _MESSAGE_ID.search(varde or "")
    return traff.group(0) if traff else ""


def _huvud(meddelande: Message, namn: str, anmarkningar: list[str]) -> str:
    """Return one header as text; a header the parser cannot read is decoded by hand."""
    try:
        varde = meddelande.get(namn)
        text = "" if varde is None else str(varde)
    except Exception:
        anmarkningar.append(f"Huvudet {namn} kunde inte avkodas.")
        text = ""
        ra = meddelande.get_all(namn) or []
        if ra:
            text = _avkoda_rad(str(ra[0]))
    if "\ufffd" in text:
        # 8-bit bytes in a header (no RFC 2047): the parser replaced them. Decode the raw
        # bytes instead; the sender's charset is almost always utf-8 or windows-1252.
        for rubrik, ra in meddelande.raw_items():
            if rubrik.lower() == namn.lower() and isinstance(ra, str):
                text = _avkoda_rad(ra)
                break
    return " ".join(_utan_surrogat(text).split())


def _utan_surrogat(text: str) -> str:
    """Decode raw 8-bit bytes the parser kept as surrogates (a header without RFC 2047)."""
    if any("\udc80" <= t <= "\udcff" for t in text):
        return _avkoda_rad(text)
    return text


def _avkoda_rad(text: str) -> str:
    ra = text.encode("utf-8", "surrogateescape")
    for kodning in ("utf-8", "windows-1252"):
        try:
            return ra.decode(kodning)
        except UnicodeDecodeError:
            continue
    return ra.decode("latin-1")


def _text_ur_del(del_: Message, anmarkningar: list[str]) -> str:
    """Decode a text part: the declared charset if it fits, else utf-8, else windows-1252."""
    data = del_.get_payload(decode=True)
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    deklarerad = del_.get_content_charset()
    for kodning in (deklarerad, "utf-8", "windows-1252"):
        if not kodning:
            continue
        try:
            return data.decode(kodning)
        except (LookupError, UnicodeDecodeError):
            continue
    anmarkningar.append("Texten hade en okänd teckenkodning.")
    return data.decode("latin-1")


def html_till_text(html: str) -> str:
    """Derive searchable plain text from HTML."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>|</h\d>", "\n", html)
    text = htmlmodul.unescape(nh3.clean(html, tags=set()))
    rader = [" ".join(rad.split()) for rad in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(rader)).strip()


def sanera_html(html: str) -> str:
    return nh3.clean(html, tags=_HTML_TAGGAR, link_rel="noopener noreferrer nofollow")


def _har_defekter(meddelande: Message) -> bool:
    if getattr(meddelande, "defects", None):
        return True
    if meddelande.is_multipart():
        payload = meddelande.get_payload()
        if isinstance(payload, list):
            return any(_har_defekter(d) for d in payload if isinstance(d, Message))
    return False


def _ga_igenom(meddelande: Message, tolkat: Tolkat, brodtext: dict) -> None:
    """Collect the body (first text/plain, first text/html) and every other part."""
    typ = meddelande.get_content_type()
    if typ == "message/rfc822":
        inre = meddelande.get_payload()
        inre = inre[0] if isinstance(inre, list) and inre else inre
        data = inre.as_bytes() if isinstance(inre, Message) else b""
        amne = ""
        if isinstance(inre, Message):
            amne = _huvud(inre, "Subject", tolkat.anmarkningar)
        namn = meddelande.get_filename() or f"{amne or 'vidarebefordrat'}.eml"
        tolkat.delar.append(Del(namn=namn, typ="message/rfc822", data=data))
        if isinstance(inre, Message):
            # A forwarded mail's text belongs in the searchable body too.
            inre_brod: dict = {}
            inre_tolkat = Tolkat()
            _ga_igenom(inre, inre_tolkat, inre_brod)
            inre_text = inre_brod.get("plain") or html_till_text(inre_brod.get("html", ""))
            brodtext.setdefault("vidare", []).append(
                f"---------- Vidarebefordrat meddelande ----------\n"
                f"Från: {_huvud(inre, 'From', tolkat.anmarkningar)}\n"
                f"Ämne: {amne}\n\n{inre_text}"
            )
            tolkat.delar.extend(inre_tolkat.delar)
            tolkat.inre_ids.append(_forsta_id(_huvud(inre, "Message-ID", tolkat.anmarkningar)))
        return
    if meddelande.is_multipart():
        for del_ in meddelande.get_payload() or []:
            if isinstance(del_, Message):
                _ga_igenom(del_, tolkat, brodtext)
        return
    disposition = (meddelande.get_content_disposition() or "").lower()
    filnamn = meddelande.get_filename()
    if typ in ("text/plain", "text/html") and disposition != "attachment" and not filnamn:
        nyckel_ = "plain" if typ == "text/plain" else "html"
        text = _text_ur_del(meddelande, tolkat.anmarkningar)
        if nyckel_ not in brodtext:
            brodtext[nyckel_] = text
        else:
            brodtext[nyckel_] += "\n" + text
        return
    if typ == "message/delivery-status" or typ == "text/rfc822-headers":
        text = meddelande.get_payload(decode=True) or b""
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        tolkat.inre_ids += _INRE_ID.findall(str(text))
        brodtext.setdefault("vidare", []).append(str(text))
        return
    data = meddelande.get_payload(decode=True) or b""
    if isinstance(data, str):
        data = data.encode("utf-8")
    tolkat.delar.append(
        Del(
            namn=filnamn or f"del-{len(tolkat.delar) + 1}.{typ.split('/')[-1][:10]}",
            typ=typ,
            data=data,
            inline=disposition == "inline" or bool(meddelande.get("Content-ID")),
        )
    )


def _ra_huvuden(meddelande: Message) -> dict[str, str]:
    """The first raw value of every header, by lower-case name.

    Token headers (Message-ID, References, Precedence, Auto-Submitted) need no RFC 2047
    decoding; reading them raw spares the header registry's parse, the costly part.
    """
    huvuden: dict[str, str] = {}
    for namn, varde in meddelande.raw_items():
        huvuden.setdefault(namn.lower(), " ".join(str(varde).split()))
    return huvuden


def _ar_autosvar(ra: dict[str, str], amne: str) -> bool:
    auto = ra.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return True
    if ra.get("x-autoreply") or ra.get("x-autorespond"):
        return True
    if ra.get("x-auto-response-suppress", "").strip().lower() in ("all", "oof"):
        return True
    precedence = ra.get("precedence", "").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return True
    return bool(_FRANVARO.match(amne))


def _ar_studs(meddelande: Message, adress: str) -> bool:
    if meddelande.get_content_type() == "multipart/report":
        return True
    return bool(_STUDSARE.match(adress))


def tolka(ra: bytes) -> Tolkat:
    """Parse a mail's raw bytes; never raises for a malformed mail, flags it instead."""
    tolkat = Tolkat()
    meddelande: EmailMessage = message_from_bytes(ra, policy=POLICY)  # type: ignore[assignment]
    anm = tolkat.anmarkningar
    ra_huvud = _ra_huvuden(meddelande)
    tolkat.message_id = _forsta_id(ra_huvud.get("message-id", ""))
    tolkat.amne = _huvud(meddelande, "Subject", anm)[:300]
    namn, adress = "", ""
    try:
        fran = meddelande.get("From")
        adresser: tuple[Address, ...] = getattr(fran, "addresses", ()) if fran else ()
        if adresser:
            namn, adress = adresser[0].display_name, adresser[0].addr_spec
    except Exception:  # A From the header registry cannot read: fall back to parseaddr.
        adresser = ()
    if not adress:
        franrad = _huvud(meddelande, "From", anm)
        namn, adress = parseaddr(franrad)
    if not adress:
        par = getaddresses([franrad])
        namn, adress = par[0] if par else ("", "")
    tolkat.avsandare_namn = " ".join(_utan_surrogat(namn or "").split())[:150]
    tolkat.avsandare_adress = _utan_surrogat(adress or "").strip().lower()[:254]
    tolkat.in_reply_to = _forsta_id(ra_huvud.get("in-reply-to", ""))
    tolkat.references = _MESSAGE_ID.findall(ra_huvud.get("references", ""))
    try:
        tolkat.datum = parsedate_to_datetime(ra_huvud.get("date", ""))
    except (TypeError, ValueError):
        tolkat.datum = None
    tolkat.autosvar = _ar_autosvar(ra_huvud, tolkat.amne)
    tolkat.studs = _ar_studs(meddelande, tolkat.avsandare_adress)
    lokal = tolkat.avsandare_adress.split("@")[0]
    tolkat.inget_svar = bool(_INGET_SVAR.match(lokal)) or not tolkat.avsandare_adress

    brodtext: dict = {}
    try:
        _ga_igenom(meddelande, tolkat, brodtext)
    except Exception as fel:
        anm.append(f"Brevets delar kunde inte läsas: {fel}")
        tolkat.ofullstandig = True
    html = brodtext.get("html", "")
    text = brodtext.get("plain", "")
    if html:
        tolkat.html = sanera_html(html)
        if not text:
            text = html_till_text(html)
    vidare = "\n\n".join(brodtext.get("vidare", []))
    tolkat.text = "\n\n".join(t for t in (text.strip(), vidare.strip()) if t)
    if _har_defekter(meddelande):
        tolkat.ofullstandig = True
    if tolkat.ofullstandig and not tolkat.text:
        # Show what the broken mail says, as well as it can be read; the source is attached.
        kropp = ra.split(b"\r\n\r\n", 1)[-1] if b"\r\n\r\n" in ra else ra.split(b"\n\n", 1)[-1]
        tolkat.text = _avkoda_rad(kropp[:20000].decode("utf-8", "surrogateescape")).strip()
    if tolkat.ofullstandig:
        anm.append("Brevet kunde inte tolkas helt; originalkällan ligger som bilaga.")
    return tolkat

"""Turn a submission's body (JSON, or Open ePlatform FlowInstance XML) into one shape.

XML is parsed from the raw bytes, so the document's own encoding declaration (ISO-8859-1
is common from Open ePlatform) decides how its text is read; DTDs and entities are
refused (defusedxml), so no entity expansion or external fetch can happen. Every refusal is
an OgiltigInlamning whose Swedish message names what was wrong.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import serializers

from kanaler.etjanst.errors import OgiltigInlamning

FLOWINSTANCE_NS = "http://www.oeplatform.org/version/2.0/schemas/flowinstance"
# The external id of an Open ePlatform instance, kept apart from JSON platforms' ids.
OEP_PREFIX = "oeplatform-"


@dataclass
class BilagaData:
    namn: str
    typ: str
    innehall: bytes


@dataclass
class Inlamningsdata:
    """A submission as the service takes it, whatever format it came in."""

    tjanst: str
    extern_id: str
    sokande: dict[str, str] = field(default_factory=dict)
    svar: list[tuple[str, str]] = field(default_factory=list)
    bilagor: list[BilagaData] = field(default_factory=list)
    inlamnad: datetime | None = None
    format: str = "json"


# ---------------------------------------------------------------------------------------
# JSON


class SokandeIn(serializers.Serializer):
    namn = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    personnummer = serializers.CharField(
        required=False, allow_blank=True, max_length=13, default=""
    )
    organisationsnummer = serializers.CharField(
        required=False, allow_blank=True, max_length=11, default=""
    )
    epost = serializers.EmailField(required=False, allow_blank=True, default="")
    telefon = serializers.CharField(required=False, allow_blank=True, max_length=30, default="")


class SvarIn(serializers.Serializer):
    fraga = serializers.CharField(max_length=500)
    varde = serializers.CharField(allow_blank=True, max_length=20000)


class BilagaIn(serializers.Serializer):
    namn = serializers.CharField(max_length=255)
    typ = serializers.CharField(max_length=100, required=False, default="application/octet-stream")
    innehall = serializers.CharField(help_text="Filens innehåll, base64-kodat.")


class InlamningIn(serializers.Serializer):
    tjanst = serializers.CharField(max_length=200, help_text="E-tjänstens namn.")
    extern_id = serializers.CharField(
        max_length=100, help_text="Plattformens id för inlämningen; en upprepning skapar inget."
    )
    sokande = SokandeIn(required=False)
    svar = SvarIn(many=True, required=False)
    bilagor = BilagaIn(many=True, required=False)
    inlamnad = serializers.DateTimeField(required=False, allow_null=True, default=None)


class InlamningOut(serializers.Serializer):
    arende = serializers.CharField(source="arende.nummer")
    extern_id = serializers.CharField()
    tjanst = serializers.CharField()
    format = serializers.CharField()
    ny = serializers.BooleanField()


def _json_fel(fel: str) -> str:
    """The json module's (English) complaint in Swedish."""
    for borjan, text in (
        ("Expecting value", _("ett värde saknas")),
        ("Expecting property name", _("ett fältnamn inom dubbla citattecken väntades")),
        ("Expecting ','", _("ett kommatecken saknas")),
        ("Expecting ':'", _("ett kolon saknas")),
        ("Unterminated string", _("en sträng avslutas aldrig")),
        ("Extra data", _("det finns tecken efter dokumentets slut")),
        ("Invalid control character", _("otillåtet kontrolltecken")),
        ("Invalid \\escape", _("ogiltig escape-sekvens")),
    ):
        if fel.startswith(borjan):
            return text
    return _("syntaxfel")


def json_tolka(ra: bytes) -> Inlamningsdata:
    """Parse and validate a JSON submission; a syntax error names its line and column."""
    try:
        data = json.loads(ra.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise OgiltigInlamning(
            _("JSON-dokumentet är inte UTF-8 (byte %(pos)d).") % {"pos": e.start},
            code="json_kodning",
        ) from None
    except json.JSONDecodeError as e:
        raise OgiltigInlamning(
            _("JSON-dokumentet kunde inte tolkas: %(fel)s på rad %(rad)d, kolumn %(kolumn)d.")
            % {"fel": _json_fel(e.msg), "rad": e.lineno, "kolumn": e.colno},
            code="json_syntax",
            extra={"rad": e.lineno, "kolumn": e.colno},
        ) from None
    if not isinstance(data, dict):
        raise OgiltigInlamning(
            _("JSON-dokumentet ska vara ett objekt med tjanst, extern_id och svar."),
            code="json_form",
        )
    indata = InlamningIn(data=data)
    if not indata.is_valid():
        falt = ", ".join(sorted(indata.errors))
        raise OgiltigInlamning(
            _("Inlämningen har fel i fälten: %(falt)s.") % {"falt": falt},
            code="json_falt",
            extra={"falt": indata.errors},
        )
    d = indata.validated_data
    bilagor = []
    for nr, bilaga in enumerate(d.get("bilagor") or [], start=1):
        try:
            innehall = base64.b64decode(bilaga["innehall"], validate=True)
        except (binascii.Error, ValueError):
            raise OgiltigInlamning(
                _("Bilaga %(nr)d (%(namn)s) är inte giltigt base64.")
                % {"nr": nr, "namn": bilaga["namn"]},
                code="bilaga_base64",
                extra={"bilaga": nr},
            ) from None
        bilagor.append(BilagaData(namn=bilaga["namn"], typ=bilaga["typ"], innehall=innehall))
    return Inlamningsdata(
        tjanst=d["tjanst"].strip(),
        extern_id=d["extern_id"].strip(),
        sokande=dict(d.get("sokande") or {}),
        svar=[(s["fraga"], s["varde"]) for s in d.get("svar") or []],
        bilagor=bilagor,
        inlamnad=d.get("inlamnad"),
        format="json",
    )


# ---------------------------------------------------------------------------------------
# Open ePlatform FlowInstance XML


def _q(namn: str) -> str:
    return f"{{{FLOWINSTANCE_NS}}}{namn}"


def _text(element: Element | None, *vag: str) -> str:
    for namn in vag:
        if element is None:
            return ""
        element = element.find(_q(namn))
    return (element.text or "").strip() if element is not None else ""


def _lokalt(tagg: str) -> str:
    return tagg.rsplit("}", 1)[-1]


def _fragevarde(fraga: Element) -> str:
    """A query's answer: its Value elements, else its other leaves ("Firstname: Anna")."""
    varden = [(v.text or "").strip() for v in fraga.iter(_q("Value"))]
    if any(varden):
        return ", ".join(v for v in varden if v)
    delar = []
    for barn in fraga.iter():
        if barn is fraga or len(barn) or _lokalt(barn.tag) in ("QueryID", "Name"):
            continue
        if (barn.text or "").strip():
            delar.append(f"{_lokalt(barn.tag)}: {barn.text.strip()}")
    return "; ".join(delar)


def flowinstance_tolka(ra: bytes) -> Inlamningsdata:
    """Parse an Open ePlatform FlowInstance export (namespace version 2.0)."""
    try:
        rot = fromstring(ra, forbid_dtd=True)
    except DefusedXmlException:
        raise OgiltigInlamning(
            _("XML-dokumentet innehåller en DTD eller entiteter, vilket inte tas emot."),
            code="xml_dtd",
        ) from None
    except ParseError as e:
        rad, kolumn = e.position
        raise OgiltigInlamning(
            _("XML-dokumentet kunde inte tolkas: fel på rad %(rad)d, kolumn %(kolumn)d.")
            % {"rad": rad, "kolumn": kolumn},
            code="xml_syntax",
            extra={"rad": rad, "kolumn": kolumn},
        ) from None
    if rot.tag != _q("FlowInstance"):
        raise OgiltigInlamning(
            _("XML-dokumentet är ingen FlowInstance i namnrymden %(ns)s (rotelementet är %(rot)s).")
            % {"ns": FLOWINSTANCE_NS, "rot": rot.tag},
            code="xml_rot",
        )
    huvud = rot.find(_q("Header"))
    if huvud is None:
        raise OgiltigInlamning(_("FlowInstance saknar Header."), code="xml_header")
    instans_id = _text(huvud, "FlowInstanceID")
    if not instans_id:
        raise OgiltigInlamning(
            _("FlowInstance saknar Header/FlowInstanceID."), code="xml_flowinstanceid"
        )
    tjanst = _text(huvud, "Flow", "Name")
    if not tjanst:
        raise OgiltigInlamning(_("FlowInstance saknar Header/Flow/Name."), code="xml_flow")
    inlamnad = None
    if postad := _text(huvud, "Posted"):
        inlamnad = parse_datetime(postad.replace(" ", "T"))
        if inlamnad is None:
            raise OgiltigInlamning(
                _("Header/Posted är inget datum med tid: %(v)s.") % {"v": postad},
                code="xml_posted",
            )
        if timezone.is_naive(inlamnad):
            inlamnad = timezone.make_aware(inlamnad)
    poster = huvud.find(_q("Poster"))
    namn = " ".join(p for p in (_text(poster, "Firstname"), _text(poster, "Lastname")) if p)
    sokande = {"namn": namn, "epost": _text(poster, "Email")}
    svar = []
    varden = rot.find(_q("Values"))
    for fraga in list(varden) if varden is not None else []:
        rubrik = _text(fraga, "Name") or _lokalt(fraga.tag)
        svar.append((rubrik, _fragevarde(fraga)))
        # A contact-details query carries the applicant's own data; take what is missing.
        for falt, tagg in (
            ("epost", "Email"),
            ("telefon", "MobilePhone"),
            ("telefon", "Phone"),
            ("personnummer", "SocialSecurityNumber"),
            ("organisationsnummer", "OrganizationNumber"),
        ):
            if not sokande.get(falt) and (hittat := _text(fraga, tagg)):
                sokande[falt] = hittat
    return Inlamningsdata(
        tjanst=tjanst,
        extern_id=f"{OEP_PREFIX}{instans_id}",
        sokande=sokande,
        svar=svar,
        inlamnad=inlamnad,
        format="flowinstance",
    )

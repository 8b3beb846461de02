"""Template filters that turn stored codes into the Swedish words people read."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from arenden import behorighet
from arenden.models import Handelse, Kanal, RosaNiva, Status, Utfall

register = template.Library()

# One dict lookup and one gettext per label: get_FOO_display hashes every lazy label of
# the field's choices (one gettext each) on every call, which adds up in a timeline.
_ETIKETTER = {
    "kanal": dict(Kanal.choices),
    "status": dict(Status.choices),
    "utfall": dict(Utfall.choices),
    "rosa": dict(RosaNiva.choices),
    "typ": dict(Handelse.Typ.choices),
}

# Field names as they appear in error messages and change lists.
FALTNAMN = {
    "rubrik": "Rubrik",
    "beskrivning": "Beskrivning",
    "kanal": "Kanal",
    "kategori": "Kategori",
    "forvaltning": "Förvaltning",
    "rosa": "ROSA-nivå",
    "kontakt": "Kontakt",
    "text": "Text",
    "orsak": "Orsak",
    "utfall": "Utfall",
    "handlaggare": "Handläggare",
    "anvandare": "Medarbetare",
    "med": "Ärendenummer",
    "version": "Version",
    "status": "Status",
    "inkom_fran": "Inkom från",
    "inkom_till": "Inkom till",
    "tilldelad": "Tilldelad",
    "cursor": "Sida",
    "q": "Sök",
}


@register.filter
def etikett(kod, slag: str) -> str:
    """Return the label of a stored code: {{ d.utfall|etikett:"utfall" }}."""
    if kod in (None, ""):
        return "–"
    return str(_ETIKETTER[slag].get(kod, kod))


@register.filter
def faltnamn(falt: str) -> str:
    return FALTNAMN.get(falt, falt)


@register.filter
def listrad_rubrik(arende) -> str:
    """The rubrik a list row shows; see behorighet.listrad_rubrik."""
    return behorighet.listrad_rubrik(arende)


@register.filter
def listrad_kontakt(arende) -> str | None:
    """The kontakt a list row names; see behorighet.listrad_kontakt."""
    return behorighet.listrad_kontakt(arende)


VALD = mark_safe(" selected")
IKRYSSAD = mark_safe(" checked")


def _valda(vald) -> set[str]:
    """Return the chosen values as strings: one value, a list of them (a multiple choice,
    QueryDict.getlist) or None."""
    if vald is None:
        return set()
    if isinstance(vald, list | tuple | set):
        return {str(v) for v in vald}
    return {str(vald)}


@register.simple_tag
def alternativ(lista, vald=None) -> str:
    """Return <option> elements for (value, label) pairs, those equal to `vald` (a value or
    a list of them) selected.

    {% alternativ kategori_alternativ arende.kategori_id %}. Built in one call: a menu of
    a few dozen options costs a tenth of what a {% for %} loop over them does.
    """
    valda = _valda(vald)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((varde, VALD if str(varde) in valda else "", namn) for varde, namn in lista),
    )


@register.simple_tag
def kryssrutor(namn: str, lista, valda=None) -> str:
    """Return a labelled checkbox named `namn` for each (value, label) pair, those in
    `valda` ticked; as {% alternativ %}, in one call."""
    valda = _valda(valda)
    return format_html_join(
        "\n",
        '<label class="val"><input type="checkbox" name="{}" value="{}"{}> {}</label>',
        ((namn, v, IKRYSSAD if str(v) in valda else "", etikett) for v, etikett in lista),
    )

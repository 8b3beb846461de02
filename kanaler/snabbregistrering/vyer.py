"""The quick form's view logic, shared by the telefon and besök pages.

One screen: the question (autofocus), a kategori suggested while typing (htmx), the
outcome as one choice, optional contact details. Saving answers with a redirect to an empty
form, ready for the next caller, and a message naming the ärende.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from arenden import behorighet, selectors
from arenden.views import ALLMANT
from kanaler.snabbregistrering import forslag
from kanaler.snabbregistrering.indata import SnabbIn
from kanaler.snabbregistrering.services import Val
from kontaktcenter.errors import ApplicationError

MALL = "kanaler/snabbregistrering.html"


def valideringsfel(fel: ValidationError) -> dict[str, list[str]]:
    """Flatten DRF's errors to {form field: [messages]}; kontakt.telefon is kontakt_telefon."""
    detalj = fel.detail if isinstance(fel.detail, dict) else {ALLMANT: fel.detail}
    ut: dict[str, list[str]] = {}
    for falt, meddelanden in detalj.items():
        if isinstance(meddelanden, dict):
            for under, m in meddelanden.items():
                ut[f"{falt}_{under}"] = [str(x) for x in m]
            continue
        lista = meddelanden if isinstance(meddelanden, list) else [meddelanden]
        ut[ALLMANT if falt == "non_field_errors" else falt] = [str(x) for x in lista]
    return ut


def kontrollera(request: HttpRequest) -> None:
    if not behorighet.kan_skapa(request.user):
        raise PermissionDenied(_("Din roll kan inte registrera ärenden."))


def forslag_vy(request: HttpRequest) -> HttpResponse:
    """The kategori suggestion for the text typed so far (an htmx fragment)."""
    kontrollera(request)
    fraga = request.GET.get("fraga", "")[:4000]
    return render(
        request,
        f"{MALL}#forslag",
        {
            "forslag": forslag.kategori_foresla(
                text=fraga, kommun_id=behorighet.kommun_id_for_user(request.user)
            )
            if fraga.strip()
            else []
        },
    )


def _foresla_sammanslagning(request: HttpRequest, arende) -> None:
    """Name a possible duplicate right after registering, with a way to merge it.

    Only an open ärende can be merged; one solved on the spot needs nothing more.
    """
    if not arende.ar_oppet:
        return
    dubbletter = selectors.arende_mojliga_dubbletter(user=request.user, arende=arende)
    if not dubbletter:
        return
    forsta = dubbletter[0]
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a> – <a href="{}#dubbletter">{}</a>',
            _("Möjlig dubblett:"),
            reverse("arenden:arende", args=[forsta.nummer]),
            forsta.nummer,
            reverse("arenden:arende", args=[arende.nummer]),
            _("Slå ihop?"),
        ),
    )


def formular_vy(
    request: HttpRequest,
    *,
    registrera: Callable[..., object],
    sammanhang: dict,
    indata_klass: type[SnabbIn] = SnabbIn,
    val_namn: dict[str, str] | None = None,
) -> HttpResponse:
    """Show the quick form, or register from it: `registrera(av=, **validated_data)`."""
    kontrollera(request)
    fel: dict = {}
    if request.method == "POST":
        indata = indata_klass.fran_formular(request.POST)
        try:
            indata.is_valid(raise_exception=True)
            arende = registrera(av=request.user, **indata.validated_data)
        except ValidationError as e:
            fel = valideringsfel(e)
        except ApplicationError as e:
            fel = {e.extra.get("falt", ALLMANT): [e.message]}
        else:
            lank = reverse("arenden:arende", args=[arende.nummer])
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a> – {}',
                    _("Registrerat:"),
                    lank,
                    arende.nummer,
                    arende.get_status_display(),
                ),
            )
            _foresla_sammanslagning(request, arende)
            return redirect(request.path)
    v = request.POST if request.method == "POST" else request.GET
    namn = dict(Val.choices) | (val_namn or {})
    return render(
        request,
        MALL,
        {
            "fel": fel,
            "v": v,
            # The växel opens the form for a call with ?nummer=…
            "telefon": v.get("kontakt_telefon") or v.get("nummer", ""),
            "val": [(varde, namn[varde]) for varde in Val.values],
            # Staff register in their own kommun: its catalogue only.
            "kategorier": selectors.kategori_lista(
                kommun_id=behorighet.kommun_id_for_user(request.user)
            ),
            "forvaltningar": selectors.forvaltning_lista(
                kommun_id=behorighet.kommun_id_for_user(request.user)
            ),
            "forslag": forslag.kategori_foresla(
                text=v.get("fraga", ""), kommun_id=behorighet.kommun_id_for_user(request.user)
            )
            if v.get("fraga", "").strip()
            else [],
            **sammanhang,
        },
        status=400 if fel else 200,
    )

"""The kunskapsbank in the browser: the side panel on the ärende page, the public FAQ,
the upkeep list and the gap report.

Views are thin: read input, fetch through the access modules, call a service or selector,
render a full page or its htmx fragment.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arenden import behorighet as arende_behorighet
from kontaktcenter.errors import ApplicationError
from kunskapsbank import behorighet, konfiguration, selectors, services
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp

# Suggestions shown in the side panel.
PANELENS_ANTAL = 5


def _fragment(request: HttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _arende(request: HttpRequest, nummer: str):
    try:
        return arende_behorighet.arende_get_for_user(
            user=request.user, nummer=nummer, logga_lasning=False
        )
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None


@login_required
@require_GET
def forslag(request: HttpRequest) -> HttpResponse:
    """Suggestions for an ärende: the typed text, or else the ärende's rubrik and beskrivning."""
    if not behorighet.ar_personal(request.user):
        raise PermissionDenied
    nummer = request.GET.get("arende", "")
    arende = _arende(request, nummer) if nummer else None
    fraga = request.GET.get("q", "").strip()
    if not fraga:
        # The registration form sends its own fields.
        fraga = (
            f"{request.GET.get('rubrik', '')} {request.GET.get('beskrivning', '')[:500]}".strip()
        )
    if not fraga and arende is not None:
        fraga = f"{arende.rubrik} {arende.beskrivning[:500]}"
    # The search log is read by everyone who sees the gap report: what is searched for a
    # sekretessmarkerat ärende (its rubrik, or what was typed about it) must not end up there.
    resultat = selectors.artikel_sok(
        user=request.user,
        fraga=fraga,
        antal=PANELENS_ANTAL,
        logga=not (arende is not None and arende.sekretess),
    )
    return render(
        request,
        "kunskapsbank/partials/forslag.html",
        {"resultat": resultat, "arende": arende, "fraga": fraga},
    )


@login_required
@require_POST
def anvand(request: HttpRequest, artikel_id: int) -> HttpResponse:
    """'Använd svaret': record the usage; the page puts the answer into the reply field."""
    try:
        behorighet.kontrollera_skriva(request.user)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
    except ApplicationError:
        raise Http404 from None
    arende = _arende(request, request.POST.get("arende", ""))
    sokning = request.POST.get("sokning_id", "")
    services.artikel_anvand(
        artikel=artikel,
        arende=arende,
        av=request.user,
        sokning_id=int(sokning) if sokning.isdigit() else None,
    )
    svar = render(
        request, "kunskapsbank/partials/anvand.html", {"artikel": artikel, "arende": arende}
    )
    svar["HX-Trigger"] = json.dumps(
        {"kunskapsbank-anvand": {"text": artikel.svar_text, "artikel": artikel.pk}}
    )
    return svar


@login_required
@require_POST
def forsla(request: HttpRequest, nummer: str) -> HttpResponse:
    """Learning loop: propose the escalated ärende's question and answer as a draft."""
    arende = _arende(request, nummer)
    try:
        behorighet.kontrollera_skriva(request.user)
        artikel = services.artikel_forsla_fran_arende(arende=arende, av=request.user)
    except ApplicationError as e:
        return render(
            request, "kunskapsbank/partials/forsla.html", {"fel": e.message}, status=e.http_status
        )
    if not _fragment(request):
        return redirect("arenden:arende", nummer=arende.nummer)
    return render(request, "kunskapsbank/partials/forsla.html", {"artikel": artikel})


@login_required
def granska(request: HttpRequest) -> HttpResponse:
    """Upkeep: articles past their review date, and drafts waiting for review."""
    if not behorighet.ar_personal(request.user):
        raise PermissionDenied
    return render(
        request,
        "kunskapsbank/granska.html",
        {
            "forsenade": selectors.artiklar_att_granska(user=request.user),
            "i_granskning": selectors.artiklar_i_granskning(user=request.user),
            "visa_luckor": behorighet.kan_se_rapporter(request.user),
        },
    )


@login_required
def luckor(request: HttpRequest) -> HttpResponse:
    """The gap report: searches that found nothing, or whose results were never used."""
    if not behorighet.kan_se_rapporter(request.user):
        raise PermissionDenied
    luckor = selectors.kunskapsluckor(user=request.user)
    return render(request, "kunskapsbank/luckor.html", {"luckor": luckor})


def _offentlig(request: HttpRequest, svar: HttpResponse) -> HttpResponse:
    """Let shared caches keep the page for five minutes, unless it shows a logged-in user."""
    if not request.user.is_authenticated:
        patch_cache_control(svar, public=True, max_age=300)
    return svar


@require_GET
def fragor(request: HttpRequest) -> HttpResponse:
    """The public FAQ: published public articles by förvaltning, and a search box."""
    fraga = request.GET.get("q", "").strip()[:300]
    sammanhang: dict = {
        "fraga": fraga,
        "kontaktformular_url": konfiguration.varde("KONTAKTFORMULAR_URL"),
    }
    if fraga:
        # The public page searches as the public does, whoever is logged in.
        sammanhang["traffar"] = selectors.artikel_sok(user=_Publik(), fraga=fraga, antal=10).traffar
    else:
        # The list is a cached fragment of the template, keyed by the published articles'
        # fingerprint: the articles are read only when it is not in the cache.
        sammanhang["lista_version"] = selectors.publika_artiklar_version()
        sammanhang["grupper"] = SimpleLazyObject(selectors.publika_artiklar_grupperade)
    mall = "kunskapsbank/fragor.html#resultat" if _fragment(request) else "kunskapsbank/fragor.html"
    return _offentlig(request, render(request, mall, sammanhang))


@require_GET
def fraga(request: HttpRequest, artikel_id: int) -> HttpResponse:
    """One public article, for a link from the FAQ's search."""
    artikel = (
        Kunskapsartikel.objects.filter(
            pk=artikel_id, status=ArtikelStatus.PUBLICERAD, malgrupp=Malgrupp.PUBLIK
        )
        .select_related("forvaltning")
        .first()
    )
    if artikel is None:
        raise Http404(_("Frågan finns inte."))
    return _offentlig(
        request,
        render(
            request,
            "kunskapsbank/fraga.html",
            {"artikel": artikel, "kontaktformular_url": konfiguration.varde("KONTAKTFORMULAR_URL")},
        ),
    )


class _Publik:
    """Stands for an anonymous visitor, whoever is logged in."""

    is_authenticated = False
    pk = None

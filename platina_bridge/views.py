"""The operations view: registrations by state, their errors, retry and manual marking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenden.errors import ArendeSaknas, BehorighetSaknas
from kontaktcenter.errors import ApplicationError
from platina_bridge import selectors, services
from platina_bridge.behorighet import SEKRETESS_FEL, innehall_synligt
from platina_bridge.models import PlatinaRegistrering, Tillstand


def _hamta(request: HttpRequest, pk: int):
    try:
        return selectors.registrering_get(user=request.user, pk=pk)
    except BehorighetSaknas as fel:
        raise PermissionDenied(fel.message) from fel
    except ArendeSaknas as fel:
        raise Http404(fel.message) from fel


@login_required
def registreringar(request: HttpRequest) -> HttpResponse:
    """List registrations by state, a page at a time.

    The state tabs swap only the list when htmx asks; "Visa fler" appends the next page's
    rows (and replaces its own link) without a reload, and is a plain link without htmx.
    """
    tillstand = request.GET.get("tillstand") or Tillstand.KRAVER_ATGARD
    efter = request.GET.get("efter") or None
    try:
        sida = selectors.registreringar_lista(user=request.user, tillstand=tillstand, efter=efter)
        antal = selectors.registreringar_per_tillstand(user=request.user)
    except BehorighetSaknas as fel:
        raise PermissionDenied(fel.message) from fel
    except ApplicationError as fel:
        messages.error(request, fel.message)
        return redirect(f"{reverse('platina:registreringar')}?tillstand={tillstand}")
    nasta_url = None
    if sida.nasta:
        fraga = request.GET.copy()
        fraga["tillstand"] = tillstand
        fraga["efter"] = sida.nasta
        nasta_url = f"{reverse('platina:registreringar')}?{fraga.urlencode()}"
    sammanhang = {
        "rader": sida.rader,
        "nasta_url": nasta_url,
        "efter": efter,
        "antal": [(v, namn, antal[v]) for v, namn in Tillstand.choices],
        "valt": tillstand,
        "sekretess_fel": SEKRETESS_FEL,
    }
    mall = "platina_bridge/registreringar.html"
    if request.htmx and not request.htmx.history_restore_request:
        mall += "#rader" if efter else "#lista"
    return render(request, mall, sammanhang)


def _namn(registrering: PlatinaRegistrering) -> str:
    """The registration as a message names it: its ärendenummer, unless that is hidden."""
    if innehall_synligt(registrering):
        return registrering.idempotensnyckel
    return _("Den sekretessmarkerade registreringen")


def _fel(registrering: PlatinaRegistrering, fel: ApplicationError) -> str:
    """The refusal to show: without the diarienummer, for a row whose content is hidden."""
    if fel.code == "platina_registrering_klar" and not innehall_synligt(registrering):
        return _("Registreringen är redan klar.")
    return fel.message


def _tillbaka(request: HttpRequest) -> HttpResponse:
    tillstand = request.POST.get("tillstand", "")
    return redirect(f"{reverse('platina:registreringar')}?tillstand={tillstand}")


@login_required
@require_POST
def forsok_igen(request: HttpRequest, pk: int) -> HttpResponse:
    registrering = _hamta(request, pk)
    try:
        services.registrering_forsok_igen(registrering=registrering, av=request.user)
    except BehorighetSaknas as fel:
        raise PermissionDenied(fel.message) from fel
    except ApplicationError as fel:
        messages.error(request, _fel(registrering, fel))
    else:
        messages.success(request, _("%(nummer)s är köad igen.") % {"nummer": _namn(registrering)})
    return _tillbaka(request)


@login_required
@require_POST
def markera_manuellt(request: HttpRequest, pk: int) -> HttpResponse:
    registrering = _hamta(request, pk)
    try:
        services.registrering_markera_manuellt(
            registrering=registrering,
            av=request.user,
            diarienummer=request.POST.get("diarienummer", ""),
        )
    except BehorighetSaknas as fel:
        raise PermissionDenied(fel.message) from fel
    except ApplicationError as fel:
        messages.error(request, _fel(registrering, fel))
    else:
        messages.success(
            request,
            _("%(nummer)s är markerad som registrerad manuellt.") % {"nummer": _namn(registrering)},
        )
    return _tillbaka(request)

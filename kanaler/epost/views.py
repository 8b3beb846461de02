"""The triage list (mails no ärende took) and the retry button for a mail that was not sent.

Thin views: check the role, fetch ärenden through arenden.behorighet, call one service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenden import behorighet
from arenden.behorighet import Atgard
from arenden.errors import ArendeSaknas, BehorighetSaknas
from kanaler.epost import selectors, services
from kanaler.epost.models import Utskick
from kontaktcenter.errors import ApplicationError


def _kontrollera_triage(request: HttpRequest) -> None:
    if not behorighet.kan_skapa(request.user):
        raise PermissionDenied(_("Din roll kan inte hantera inkommen e-post."))


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    """Bounces and auto-replies without an ärende, and mails that could not be parsed."""
    _kontrollera_triage(request)
    sammanhang = {"brev": selectors.inkommet_triage(user=request.user)}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "epost/triage.html#lista", sammanhang)
    return render(request, "epost/triage.html", sammanhang)


@login_required
@require_POST
def triage_hantera(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a mail to an ärende (by number) or discard it."""
    _kontrollera_triage(request)
    inkommet = get_object_or_404(selectors.inkommet_for_user(user=request.user), pk=pk)
    try:
        if request.POST.get("atgard") == "kassera":
            services.inkommet_kassera(inkommet=inkommet, av=request.user)
            messages.success(request, _("Brevet är kasserat."))
        else:
            arende = behorighet.arende_get_for_user(
                user=request.user, nummer=request.POST.get("nummer", "")
            )
            behorighet.kontrollera_atgard(request.user, arende, Atgard.ANTECKNA)
            services.inkommet_koppla(inkommet=inkommet, arende=arende, av=request.user)
            messages.success(
                request, _("Brevet är kopplat till %(nummer)s.") % {"nummer": arende.nummer}
            )
    except ApplicationError as fel:
        messages.error(request, fel.message)
    if request.htmx:
        return render(
            request,
            "epost/triage.html#lista",
            {"brev": selectors.inkommet_triage(user=request.user)},
        )
    return redirect("epost:triage")


@login_required
@require_POST
def utskick_forsok_igen(request: HttpRequest, pk: int) -> HttpResponse:
    """The retry button beside an answer shown as "ej skickat"."""
    utskick = get_object_or_404(Utskick.objects.select_related("arende"), pk=pk)
    try:
        arende = behorighet.arende_get_for_user(user=request.user, nummer=utskick.arende.nummer)
        behorighet.kontrollera_atgard(request.user, arende, Atgard.SVARA)
    except ArendeSaknas:
        # Another's mail answers like one that does not exist: ids tell nothing.
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None
    except BehorighetSaknas as fel:
        raise PermissionDenied(fel.message) from None
    services.utskick_forsok_igen(utskick=utskick, av=request.user)
    messages.success(request, _("E-posten skickas igen."))
    return redirect("arenden:arende", nummer=arende.nummer)

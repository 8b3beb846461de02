"""Pages for administratörer: the audit log, registerutdrag, rättelse and radering.

Every view asks `arenden.behorighet.kontrollera_personuppgifter` first (403 for any
other role). A personnummer only ever arrives in a POST body, never in a URL.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework import serializers

from arenden import behorighet
from arenden.models import Arende, Kontakt
from integritet import selectors, services
from integritet.models import Logghandelse
from kontaktcenter.errors import ApplicationError


def _kontrollera(request: HttpRequest) -> None:
    try:
        behorighet.kontrollera_personuppgifter(request.user)
    except ApplicationError as e:
        raise PermissionDenied(e.message) from None


class LoggFilterIn(serializers.Serializer):
    anvandare = serializers.CharField(required=False, allow_blank=True, max_length=150)
    arende = serializers.CharField(required=False, allow_blank=True, max_length=20)
    kontakt = serializers.IntegerField(required=False, min_value=1)
    typ = serializers.ChoiceField(
        choices=Logghandelse.Typ.choices, required=False, allow_blank=True
    )
    fran = serializers.DateField(required=False)
    till = serializers.DateField(required=False)
    cursor = serializers.CharField(required=False, max_length=200)

    def till_filter(self) -> selectors.LoggFilter:
        d = self.validated_data
        return selectors.LoggFilter(
            anvandare=d.get("anvandare", ""),
            arende=d.get("arende", ""),
            kontakt_id=d.get("kontakt"),
            typ=d.get("typ", ""),
            fran=d.get("fran"),
            till=d.get("till"),
        )


@login_required
def logg(request: HttpRequest) -> HttpResponse:
    """The audit log with filters (user, ärende, kontakt, type, dates), newest first."""
    _kontrollera(request)
    indata = LoggFilterIn(data=request.GET)
    sida, fel = None, ""
    if indata.is_valid():
        try:
            sida = selectors.logg_sida(
                filter=indata.till_filter(), efter=indata.validated_data.get("cursor")
            )
        except ApplicationError as e:
            fel = e.message
    else:
        fel = _("Kontrollera filtret: ") + "; ".join(
            f"{falt}: {' '.join(str(m) for m in meddelanden)}"
            for falt, meddelanden in indata.errors.items()
        )
    nasta_url = None
    if sida and sida.nasta:
        fraga = request.GET.copy()
        fraga["cursor"] = sida.nasta
        nasta_url = f"{reverse('integritet:logg')}?{fraga.urlencode()}"
    sammanhang = {
        "sida": sida,
        "fel": fel,
        "g": request.GET,
        "typer": Logghandelse.Typ.choices,
        "nasta_url": nasta_url,
    }
    mall = "integritet/logg.html"
    if request.htmx and not request.htmx.history_restore_request:
        mall += "#rader" if request.GET.get("cursor") else "#resultat"
    return render(request, mall, sammanhang, status=400 if fel else 200)


@login_required
@require_http_methods(["GET", "POST"])
def registerutdrag(request: HttpRequest) -> HttpResponse:
    """Everything about one person, found by personnummer or e-post, as HTML or JSON.

    Started with a POST so the personnummer is never in the URL; every extract is logged.
    """
    _kontrollera(request)
    if request.method == "GET":
        return render(request, "integritet/registerutdrag.html", {})
    text = request.POST.get("sok", "")
    format = request.POST.get("format", "html")
    try:
        utdrag = selectors.registerutdrag(text=text)
    except ApplicationError as e:
        return render(request, "integritet/registerutdrag.html", {"fel": e.message}, status=400)
    arenden = [a["nummer"] for a in utdrag["arenden"]]
    for kontakt in utdrag["kontakter"] or [{"id": None}]:
        services.logg_skriv(
            typ=Logghandelse.Typ.REGISTERUTDRAG,
            aktor=request.user,
            kontakt_id=kontakt["id"],
            data={"format": format, "sokt_pa": utdrag["sokt_pa"], "arenden": arenden},
        )
    utdrag["skapat"] = timezone.now().isoformat()
    if format == "json":
        svar = HttpResponse(
            json.dumps(utdrag, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        svar["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
        svar["Cache-Control"] = "no-store"
        return svar
    svar = render(
        request,
        "integritet/registerutdrag.html",
        {"utdrag": utdrag, "sok": text.strip(), "skapat": timezone.now()},
    )
    svar["Cache-Control"] = "no-store"
    return svar


@login_required
def kontakt(request: HttpRequest, pk: int) -> HttpResponse:
    """One kontakt: correct its data, or erase it on request."""
    _kontrollera(request)
    rad = get_object_or_404(Kontakt, pk=pk)
    return _kontakt_sida(request, rad)


def _kontakt_sida(request, rad: Kontakt, *, fel: str = "", v=None, status: int = 200):
    arenden = list(
        Arende.objects.filter(kontakt=rad)
        .select_related("kategori")
        .order_by("-inkom")
        .only("nummer", "status", "diarienummer", "kategori__diarieford", "inkom")
    )
    fria = set(
        services.ej_diarieforda(Arende.objects.filter(kontakt=rad)).values_list("nummer", flat=True)
    )
    return render(
        request,
        "integritet/kontakt.html",
        {
            "kontakt": rad,
            "arenden": [(a, a.nummer in fria) for a in arenden],
            "fel": fel,
            "v": v,
        },
        status=status,
    )


@login_required
@require_POST
def kontakt_ratta(request: HttpRequest, pk: int) -> HttpResponse:
    _kontrollera(request)
    rad = get_object_or_404(Kontakt, pk=pk)
    try:
        andrade = services.kontakt_ratta(
            kontakt=rad,
            av=request.user,
            namn=request.POST.get("namn", ""),
            epost=request.POST.get("epost", ""),
            telefon=request.POST.get("telefon", ""),
            personnummer=request.POST.get("personnummer", ""),
            orsak=request.POST.get("orsak", ""),
        )
    except ApplicationError as e:
        return _kontakt_sida(request, rad, fel=e.message, v=request.POST, status=400)
    if andrade:
        messages.success(request, _("Kontaktens uppgifter är rättade och rättelsen är loggad."))
    else:
        messages.info(request, _("Inget ändrades; försöket är loggat."))
    return redirect("integritet:kontakt", pk=rad.pk)


@login_required
@require_POST
def kontakt_radera(request: HttpRequest, pk: int) -> HttpResponse:
    _kontrollera(request)
    rad = get_object_or_404(Kontakt, pk=pk)
    try:
        resultat = services.kontakt_radera(
            kontakt=rad, av=request.user, orsak=request.POST.get("orsak", "")
        )
    except ApplicationError as e:
        return _kontakt_sida(request, rad, fel=e.message, status=400)
    messages.success(
        request,
        _("%(antal)s ärenden anonymiserades. Raderingen är loggad.")
        % {"antal": len(resultat.anonymiserade)},
    )
    if resultat.diarieforda:
        messages.info(
            request,
            _(
                "%(nummer)s är diarieförda och är allmänna handlingar; de och "
                "kontaktuppgifterna på dem bevaras."
            )
            % {"nummer": ", ".join(resultat.diarieforda)},
        )
    if resultat.oppna:
        messages.info(
            request,
            _("%(nummer)s är inte avslutade och ändrades inte. Avsluta dem och radera igen.")
            % {"nummer": ", ".join(resultat.oppna)},
        )
    if resultat.kontakt_borttagen:
        return redirect("integritet:logg")
    return redirect("integritet:kontakt", pk=rad.pk)

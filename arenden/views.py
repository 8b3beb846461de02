"""The ärende workspace in the browser: the queue, registering an ärende, the ärende page.

One view per URL serves both the full page and its htmx fragment. Input is parsed by the
same serializers as the API, actions go through `arenden.atgarder`, rows are fetched
through `arenden.behorighet`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.exceptions import ValidationError

from arenden import atgarder, behorighet, bilagor, selectors, services
from arenden.api import ArendeSkapaIn
from arenden.behorighet import Atgard, Roll
from arenden.filter import ArendeFilterIn, nasta_fraga
from arenden.models import Bilaga, Kanal, RosaNiva, Status
from kontaktcenter.errors import ApplicationError

# The key for errors that belong to no single field.
ALLMANT = "allmant"


def _fragment(request: HttpRequest) -> bool:
    """Return whether to answer with a fragment: htmx asked, and not to restore history."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _valideringsfel(fel: ValidationError) -> dict[str, list[str]]:
    """Flatten DRF's error detail into {field: [Swedish messages]} for the templates."""
    detalj = fel.detail if isinstance(fel.detail, dict) else {ALLMANT: fel.detail}
    return {
        (ALLMANT if falt == "non_field_errors" else falt): [
            str(m) for m in (meddelanden if isinstance(meddelanden, list) else [meddelanden])
        ]
        for falt, meddelanden in detalj.items()
    }


@login_required
def ko(request: HttpRequest) -> HttpResponse:
    """The work queue: filters update the list in place and the URL keeps their state.

    A handläggare's inbox (his förvaltning's escalated ärenden) is sorted by due date
    unless he picks another order.
    """
    fraga = request.GET
    if "ordning" not in fraga and behorighet.huvudroll(request.user) == Roll.HANDLAGGARE:
        fraga = fraga.copy()
        fraga["ordning"] = "svar_senast"
    parametrar = ArendeFilterIn(data=fraga)
    fel: dict = {}
    sida = None
    if parametrar.is_valid():
        try:
            sida = parametrar.sida(user=request.user)
        except ApplicationError as e:
            fel = {"cursor": [e.message]}
    else:
        fel = _valideringsfel(ValidationError(parametrar.errors))
    nasta = nasta_fraga(request.GET, sida) if sida else None
    nasta_url = f"{reverse('arenden:ko')}?{nasta}" if nasta else None
    valda = {
        "status": request.GET.getlist("status"),
        "kanal": request.GET.getlist("kanal"),
        "rosa": request.GET.getlist("rosa"),
    }
    sammanhang = {
        "sida": sida,
        "fel": fel,
        "nasta_url": nasta_url,
        "valda": valda,
        "g": fraga,
        "statusar": Status.choices,
        "kanaler": Kanal.choices,
        "rosanivaer": RosaNiva.choices,
        "forvaltningar": selectors.forvaltning_lista(),
        "kategorier": selectors.kategori_lista(),
        "ar_handlaggare": behorighet.huvudroll(request.user) == Roll.HANDLAGGARE,
    }
    if _fragment(request):
        # "Visa fler" appends rows; a filter change replaces the whole result.
        partial = "rader" if request.GET.get("cursor") else "resultat"
        return render(request, f"arenden/ko.html#{partial}", sammanhang)
    return render(request, "arenden/ko.html", sammanhang)


@login_required
@require_http_methods(["GET", "POST"])
def nytt_arende(request: HttpRequest) -> HttpResponse:
    """Register an ärende from a call, a visit, a letter or a mail, on one screen."""
    if not behorighet.kan_skapa(request.user):
        raise PermissionDenied(_("Din roll kan inte registrera ärenden."))
    fel: dict = {}
    if request.method == "POST":
        data = request.POST.copy()
        kontakt = {
            falt: data.get(f"kontakt_{falt}", "")
            for falt in ("namn", "epost", "telefon", "personnummer", "organisationsnummer")
        }
        indata = ArendeSkapaIn(
            data={
                "rubrik": data.get("rubrik", ""),
                "beskrivning": data.get("beskrivning", ""),
                "kanal": data.get("kanal", ""),
                "kategori": data.get("kategori") or None,
                "rosa": data.get("rosa") or None,
                "kontakt": kontakt,
                "sekretess": data.get("sekretess") == "on",
            }
        )
        try:
            indata.is_valid(raise_exception=True)
            arende = services.arende_registrera(av=request.user, **indata.validated_data)
        except ValidationError as e:
            fel = _valideringsfel(e)
        except ApplicationError as e:
            fel = {ALLMANT: [e.message]}
        else:
            messages.success(
                request, _("Ärende %(nummer)s är registrerat.") % {"nummer": arende.nummer}
            )
            return redirect("arenden:arende", nummer=arende.nummer)
    return render(
        request,
        "arenden/nytt.html",
        {
            "fel": fel,
            "v": request.POST if request.method == "POST" else {},
            "kanaler": Kanal.choices,
            "rosanivaer": RosaNiva.choices,
            "kategorier": selectors.kategori_lista(),
        },
        status=400 if fel else 200,
    )


def _arende_sammanhang(request: HttpRequest, arende) -> dict:
    mojliga = behorighet.tillatna_atgarder(request.user, arende)
    return {
        "arende": arende,
        "tidslinje": selectors.arende_tidslinje(arende=arende),
        "meddelanden": selectors.arende_meddelanden(arende=arende),
        "mojliga": mojliga,
        "A": Atgard,
        "forvaltningar": selectors.forvaltning_lista(),
        "kategorier": selectors.kategori_lista(),
        "rosanivaer": RosaNiva.choices,
        "utfall": atgarder.AVSLUTS_UTFALL,
        "handlaggare": selectors.medarbetare_lista(roll=Roll.HANDLAGGARE)
        if Atgard.ESKALERA in mojliga
        else [],
        "medarbetare": selectors.medarbetare_lista() if Atgard.OMFORDELA in mojliga else [],
        "svarsgrupper": selectors.svarsgrupp_lista() if Atgard.ESKALERA in mojliga else [],
    }


def _hamta(request: HttpRequest, nummer: str):
    try:
        return behorighet.arende_get_for_user(user=request.user, nummer=nummer)
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None


@login_required
def arende(request: HttpRequest, nummer: str) -> HttpResponse:
    """The ärende page: facts, the actions the user may take, messages and timeline."""
    arende_rad = _hamta(request, nummer)
    return render(request, "arenden/arende.html", _arende_sammanhang(request, arende_rad))


@login_required
@require_POST
def atgard(request: HttpRequest, nummer: str, atgard: str) -> HttpResponse:
    """Run one action from a form on the ärende page; answer with the refreshed ärende."""
    if atgard not in atgarder.ATGARDER:
        raise Http404(_("Okänd åtgärd."))
    arende_rad = _hamta(request, nummer)
    fel: dict = {}
    status = 200
    try:
        kvitto = atgarder.utfor(
            user=request.user, arende=arende_rad, atgard=atgard, data=request.POST
        )
    except ValidationError as e:
        fel, status = _valideringsfel(e), 400
    except ApplicationError as e:
        fel, status = {ALLMANT: [e.message]}, e.http_status
    if not fel:
        if atgard == Atgard.SLA_IHOP:
            messages.success(request, kvitto)
            arende_rad = _hamta(request, request.POST.get("med", "").strip().upper())
            svar = HttpResponse(status=204)
            svar["HX-Redirect"] = reverse("arenden:arende", args=[arende_rad.nummer])
            return svar if _fragment(request) else redirect(svar["HX-Redirect"])
        if not _fragment(request):
            messages.success(request, kvitto)
            return redirect("arenden:arende", nummer=nummer)
        arende_rad = behorighet.arende_get_for_user(
            user=request.user, nummer=nummer, logga_lasning=False
        )
    sammanhang = _arende_sammanhang(request, arende_rad)
    sammanhang.update({"fel": fel, "fel_atgard": atgard if fel else None})
    if not fel:
        sammanhang["kvitto"] = kvitto
    if _fragment(request):
        return render(request, "arenden/arende.html#arende", sammanhang, status=status)
    for meddelanden in fel.values():
        for meddelande in meddelanden:
            messages.error(request, meddelande)
    return render(request, "arenden/arende.html", sammanhang, status=status)


@login_required
@require_http_methods(["GET"])
def bilaga(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an attachment to whoever may see its ärende (a secret one's read is logged)."""
    try:
        fil = Bilaga.objects.select_related("arende").get(pk=pk)
        behorighet.arende_get_for_user(user=request.user, nummer=fil.arende.nummer)
    except (Bilaga.DoesNotExist, ApplicationError):
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None
    return bilagor.bilaga_svar(fil)

"""The ärende workspace in the browser: the queue, registering an ärende, the ärende page.

One view per URL serves both the full page and its htmx fragment. Input is parsed by the
same serializers as the API, actions go through `arenden.atgarder`, rows are fetched
through `arenden.behorighet`.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import ValidationError

from arenden import atgarder, behorighet, bilagor, menyer, selectors, services, svarsmallar
from arenden.api import ArendeSkapaIn
from arenden.behorighet import Atgard, Roll
from arenden.filter import ArendeFilterIn, nasta_fraga
from arenden.models import Bilaga, Kanal, RosaNiva, Status
from kontaktcenter.errors import ApplicationError

# The key for errors that belong to no single field.
ALLMANT = "allmant"
# Fetched with the ärende for its page: the enkät box (servicematning) reads it.
SIDANS_RELATIONER = ("enkat",)


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
        # His inbox: what still waits for an answer. Tens of thousands of closed escalations
        # would otherwise come first by due date, and the open ones are what the partial
        # index on svar_senast holds (one index walk, not a sort of the förvaltning's all).
        fraga = fraga.copy()
        fraga["ordning"] = "svar_senast"
        if "status" not in fraga:
            fraga.setlist("status", Status.oppna())
    parametrar = ArendeFilterIn(data=fraga)
    fel: dict = {}
    sida = None
    if parametrar.is_valid():
        try:
            sida = parametrar.sida(user=request.user)
        except ApplicationError as e:
            fel = {"cursor": [e.message]}
    else:
        if _personnummer_i_adressen(parametrar.errors) and not _fragment(request):
            # Off the address at once: the next page's URL has no personnummer.
            messages.info(request, parametrar.errors["q"][0])
            return redirect("arenden:sok_person")
        fel = _valideringsfel(ValidationError(parametrar.errors))
    nasta = nasta_fraga(request.GET, sida) if sida else None
    nasta_url = f"{reverse('arenden:ko')}?{nasta}" if nasta else None
    poll_url = _poll_url(fraga, sida) if sida and not request.GET.get("cursor") else None
    kommun_id = behorighet.kommun_id_for_user(request.user)
    filtermenyer = menyer.menyer(kommun_id)
    valda = {
        "status": fraga.getlist("status"),
        "kanal": fraga.getlist("kanal"),
        "rosa": fraga.getlist("rosa"),
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
        "forvaltningar": filtermenyer["forvaltningar"],
        "kategorier": filtermenyer["kategorier"],
        "ar_handlaggare": behorighet.huvudroll(request.user) == Roll.HANDLAGGARE,
        "poll_url": poll_url,
        "utfall": atgarder.AVSLUTS_UTFALL,
    }
    if _fragment(request):
        # "Visa fler" appends rows; a filter change replaces the whole result.
        partial = "rader" if request.GET.get("cursor") else "resultat"
        svar = render(request, f"arenden/ko.html#{partial}", sammanhang)
        if _personnummer_i_adressen(fel and parametrar.errors):
            # The refused search stays out of the address bar and the history.
            svar["HX-Push-Url"] = "false"
        return svar
    oppen = request.GET.get("oppen", "").strip()
    if oppen and not fel:
        # The split screen after a reload or a step back: the queue and the open ärende.
        try:
            arende_rad = behorighet.arende_get_for_user(
                user=request.user, nummer=oppen, med=SIDANS_RELATIONER
            )
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            sammanhang.update(_arende_sammanhang(request, arende_rad), oppen=True, i_panel=True)
    return render(request, "arenden/ko.html", sammanhang)


def _personnummer_i_adressen(fel) -> bool:
    return bool(fel) and any(
        getattr(m, "code", "") == "personnummer_i_adress" for m in fel.get("q", [])
    )


@login_required
@require_http_methods(["GET", "POST"])
def sok_person(request: HttpRequest) -> HttpResponse:
    """Find a person's ärenden by personnummer, e-post or telefon, posted (never in a URL).

    Shows what the user may see anyway; a sekretess ärende in the answer is logged.
    """
    if not behorighet.roller(request.user):
        raise PermissionDenied(_("Din roll kan inte söka ärenden."))
    rader = None
    fel = ""
    if request.method == "POST":
        try:
            rader = selectors.arenden_for_person(
                user=request.user, text=request.POST.get("sok", "")
            )
        except ApplicationError as e:
            fel = e.message
    sida = selectors.Sida(rader=rader, nasta=None) if rader is not None else None
    return render(
        request, "arenden/sok_person.html", {"sida": sida, "fel": fel}, status=400 if fel else 200
    )


def _poll_url(fraga: QueryDict, sida) -> str | None:
    """Return the URL that asks for ärenden newer than the newest one shown, or None.

    Only the newest-first order has new ärenden at its top; sorted by due date a new
    ärende belongs somewhere in the middle, and the vägledare refreshes by filtering.
    """
    if fraga.get("ordning", "-inkom") != "-inkom":
        return None
    parametrar = fraga.copy()
    for bort in ("cursor", "oppen", "efter"):
        parametrar.pop(bort, None)
    parametrar["efter"] = (
        selectors.kod_for(sida.rader[0]) if sida.rader else selectors.kod_for_tid(timezone.now())
    )
    return f"{reverse('arenden:ko_nya')}?{parametrar.urlencode()}"


@login_required
@require_GET
def ko_nya(request: HttpRequest) -> HttpResponse:
    """The queue's polling: rows newer than the newest shown, or 204 when there are none.

    The answer prepends the rows to the queue, moves the poller's cursor to the newest
    row and says in a polite live region how many came ("2 nya ärenden").
    """
    parametrar = ArendeFilterIn(data=request.GET)
    efter = request.GET.get("efter", "")
    if not efter or not parametrar.is_valid():
        return HttpResponse(status=400)
    try:
        rader = selectors.arenden_nyare_an(
            user=request.user, filter=parametrar.till_filter(), efter=efter
        )
    except ApplicationError as e:
        return HttpResponse(e.message, status=400)
    if not rader:
        return HttpResponse(status=204)
    fraga = request.GET.copy()
    fraga["efter"] = selectors.kod_for(rader[0])
    antal = len(rader)
    return render(
        request,
        "arenden/_nya.html",
        {
            "rader": rader,
            "poll_url": f"{reverse('arenden:ko_nya')}?{fraga.urlencode()}",
            # The time makes each announcement differ from the last, so it is read again.
            "besked": ngettext(
                "%(antal)d nytt ärende (kl. %(tid)s)", "%(antal)d nya ärenden (kl. %(tid)s)", antal
            )
            % {"antal": antal, "tid": timezone.localtime().strftime("%H:%M")},
        },
    )


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
            "kategorier": menyer.menyer(behorighet.kommun_id_for_user(request.user))["kategorier"],
        },
        status=400 if fel else 200,
    )


def _arende_sammanhang(request: HttpRequest, arende) -> dict:
    mojliga = behorighet.tillatna_atgarder(request.user, arende)
    tidslinje = selectors.arende_tidslinje(arende=arende)
    tidigare = selectors.kontakt_tidigare_arenden(user=request.user, arende=arende)
    return {
        "arende": arende,
        "visa_personnummer": behorighet.kan_se_personnummer(request.user, arende),
        "tidslinje": tidslinje,
        "tidigare": tidigare,
        "dubbletter": selectors.arende_mojliga_dubbletter(
            user=request.user, arende=arende, tidigare=tidigare
        )
        if Atgard.SLA_IHOP in mojliga
        else [],
        "sammanfattning": selectors.arende_sammanfattning(tidslinje=tidslinje)
        if arende.eskalerad
        else None,
        "ar_handlaggare": behorighet.huvudroll(request.user) == Roll.HANDLAGGARE,
        "meddelanden": selectors.arende_meddelanden(arende=arende),
        "mojliga": mojliga,
        "A": Atgard,
        # The action menus as (value, label) pairs, each list only for a form the user
        # gets; only the ärende's own kommun: it can be escalated and given to no other.
        # Own keys: the queue's filter menus (ko.html) keep their kategorier and förvaltningar.
        **_atgardsmenyer(arende, mojliga),
    }


def _etiketter(val) -> list[tuple]:
    return [(varde, str(namn)) for varde, namn in val]


def _atgardsmenyer(arende, mojliga: set[str]) -> dict:
    """Return the action forms' menus, each list only for a form the user gets; only the
    ärende's own kommun's: it can be escalated and given to no other (arenden.menyer)."""
    kommunens = menyer.menyer(arende.kommun_id)
    return {
        "rosa_alternativ": _etiketter(RosaNiva.choices) if Atgard.KLASSIFICERA in mojliga else [],
        "kategori_alternativ": kommunens["kategorier"] if Atgard.KLASSIFICERA in mojliga else [],
        "forvaltning_alternativ": kommunens["forvaltningar"] if Atgard.ESKALERA in mojliga else [],
        "handlaggare_alternativ": kommunens["handlaggare"] if Atgard.ESKALERA in mojliga else [],
        "svarsgrupp_alternativ": kommunens["svarsgrupper"] if Atgard.ESKALERA in mojliga else [],
        "medarbetare_alternativ": kommunens["medarbetare"] if Atgard.OMFORDELA in mojliga else [],
        "utfall_alternativ": _etiketter(atgarder.AVSLUTS_UTFALL)
        if Atgard.AVSLUTA in mojliga
        else [],
    }


def _hamta(request: HttpRequest, nummer: str):
    try:
        return behorighet.arende_get_for_user(
            user=request.user, nummer=nummer, med=SIDANS_RELATIONER
        )
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None


def _fran_kon(request: HttpRequest) -> bool:
    """Return whether the htmx request comes from the queue's split screen."""
    aktuell = request.htmx.current_url if request.htmx else None
    return bool(aktuell) and urlsplit(aktuell).path == reverse("arenden:ko")


@login_required
def arende(request: HttpRequest, nummer: str) -> HttpResponse:
    """The ärende page: facts, the actions the user may take, messages and timeline.

    Opened from the queue on a wide screen (htmx, target #arendepanel) it answers with
    the ärende alone for the right-hand pane, and pushes the queue's URL with ?oppen= so
    that a reload or a step back shows the same split screen.
    """
    arende_rad = _hamta(request, nummer)
    sammanhang = _arende_sammanhang(request, arende_rad)
    if _fragment(request) and request.htmx.target == "arendepanel":
        sammanhang["i_panel"] = True
        svar = render(request, "arenden/arende.html#panel", sammanhang)
        fraga = QueryDict(urlsplit(request.htmx.current_url or "").query, mutable=True)
        fraga.pop("cursor", None)
        fraga["oppen"] = arende_rad.nummer
        svar["HX-Push-Url"] = f"{reverse('arenden:ko')}?{fraga.urlencode()}"
        return svar
    return render(request, "arenden/arende.html", sammanhang)


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
            if _fran_kon(request):
                # In the split screen the surviving ärende opens in the pane.
                svar["HX-Redirect"] = f"{reverse('arenden:ko')}?oppen={arende_rad.nummer}"
            return svar if _fragment(request) else redirect(svar["HX-Redirect"])
        # Said in the page's live region (kontaktcenter/meddelanden.py adds it to a fragment).
        messages.success(request, kvitto)
        if not _fragment(request):
            return redirect("arenden:arende", nummer=nummer)
        arende_rad = behorighet.arende_get_for_user(
            user=request.user, nummer=nummer, logga_lasning=False, med=SIDANS_RELATIONER
        )
    sammanhang = _arende_sammanhang(request, arende_rad)
    sammanhang.update({"fel": fel, "fel_atgard": atgard if fel else None})
    if _fragment(request):
        # In the split screen the queue's row changes with the ärende (status, tilldelad).
        sammanhang["i_panel"] = _fran_kon(request)
        sammanhang["uppdatera_rad"] = sammanhang["i_panel"]
        return render(request, "arenden/arende.html#arende", sammanhang, status=status)
    for meddelanden in fel.values():
        for meddelande in meddelanden:
            messages.error(request, meddelande)
    return render(request, "arenden/arende.html", sammanhang, status=status)


@login_required
@require_GET
def svarsmall_val(request: HttpRequest, nummer: str) -> HttpResponse:
    """The svarsmallar for this ärende, each filled in on the server, for the reply picker."""
    try:
        arende_rad = behorighet.arende_get_for_user(
            user=request.user, nummer=nummer, logga_lasning=False
        )
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None
    if not behorighet.rollen_far(request.user, Atgard.SVARA):
        raise PermissionDenied(_("Din roll kan inte svara på ärenden."))
    varden = svarsmallar.varden(arende=arende_rad, user=request.user)
    mallar = [
        (mall, svarsmallar.fyll(mall=mall, arende=arende_rad, user=request.user, varden_=varden))
        for mall in selectors.svarsmall_lista(arende=arende_rad)
    ]
    return render(request, "arenden/_svarsmallar.html", {"mallar": mallar, "arende": arende_rad})


# A bulk action handles at most this many ärenden; each is its own service call.
MASSATGARD_STORST = 100
MASSATGARDER = {Atgard.TILLDELA: gettext_lazy("tagna"), Atgard.AVSLUTA: gettext_lazy("avslutade")}


@login_required
@require_POST
def massatgard(request: HttpRequest) -> HttpResponse:
    """Take or close the ärenden ticked in the queue, each through its own action.

    Each ärende is changed (or refused) on its own, so one that someone else took first
    does not stop the rest; the answer says how many succeeded and why the others did not,
    and updates their rows in the queue.
    """
    atgard = request.POST.get("atgard", "")
    nummer = list(dict.fromkeys(request.POST.getlist("valda")))
    if atgard not in MASSATGARDER:
        messages.error(request, _("Välj vad som ska göras med de markerade ärendena."))
    elif not nummer:
        messages.error(request, _("Markera minst ett ärende i kön först."))
    elif len(nummer) > MASSATGARD_STORST:
        messages.error(
            request,
            _("Högst %(antal)d ärenden åt gången. Markera färre.") % {"antal": MASSATGARD_STORST},
        )
    else:
        _massatgard_utfor(request, atgard, nummer)
    if not _fragment(request):
        return redirect("arenden:ko")
    andrade = (
        behorighet.arende_queryset_for_user(request.user)
        .filter(nummer__in=nummer[:MASSATGARD_STORST])
        .select_related("kategori", "forvaltning", "tilldelad", "kontakt", "svarsgrupp")
    )
    return render(request, "arenden/_massatgard.html", {"rader": andrade})


def _massatgard_utfor(request: HttpRequest, atgard: str, nummer: list[str]) -> None:
    data = QueryDict(mutable=True)
    if atgard == Atgard.AVSLUTA:
        data["utfall"] = request.POST.get("utfall", "")
    lyckade, fel = 0, []
    for n in nummer:
        try:
            arende_rad = behorighet.arende_get_for_user(
                user=request.user, nummer=n, logga_lasning=False
            )
            atgarder.utfor(user=request.user, arende=arende_rad, atgard=atgard, data=data)
        except ValidationError as e:
            fel.append((n, " ".join(m for ms in _valideringsfel(e).values() for m in ms)))
        except ApplicationError as e:
            fel.append((n, e.message))
        else:
            lyckade += 1
    if lyckade:
        messages.success(
            request,
            _("%(lyckade)d av %(alla)d ärenden %(gjort)s.")
            % {"lyckade": lyckade, "alla": len(nummer), "gjort": MASSATGARDER[atgard]},
        )
    for n, meddelande in fel:
        messages.error(request, f"{n}: {meddelande}")


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

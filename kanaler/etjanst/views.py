"""The public contact form, the citizen's status page, and revoking its link (staff).

The public pages need no login; what they show is chosen in arenden.statuslankar and what
they write goes through kanaler.etjanst.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from arenden import behorighet, bilagor, selectors, statuslankar
from arenden.models import Status
from arenden.views import ALLMANT
from kanaler.etjanst import konfiguration, services
from kanaler.etjanst.formular import KontaktformularForm
from kontaktcenter.errors import ApplicationError
from kontaktcenter.klientadress import klientadress

# The status in the words a citizen uses, not the staff's workflow terms.
STATUS_KLARTEXT = {
    Status.NY: gettext_lazy("Vi har tagit emot ditt ärende."),
    Status.PAGAENDE: gettext_lazy("Vi arbetar med ditt ärende."),
    Status.PARKERAD: gettext_lazy("Vi arbetar med ditt ärende."),
    Status.VANTAR_PA_KONTAKT: gettext_lazy("Vi väntar på uppgifter från dig."),
    Status.ESKALERAD: gettext_lazy("Ditt ärende har lämnats över till en handläggare."),
    Status.BESVARAD: gettext_lazy("Vi har svarat dig."),
    Status.AVSLUTAD: gettext_lazy("Ärendet är avslutat."),
}


@require_http_methods(["GET", "POST"])
def kontakta_oss(request: HttpRequest) -> HttpResponse:
    fel: dict[str, list[str]] = {}
    status_kod = 200
    form = KontaktformularForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        try:
            services.skrap_kontrollera(
                honung=request.POST.get("webbplats", ""), stampel=request.POST.get("stampel", "")
            )
            if form.is_valid():
                d = form.cleaned_data
                services.publik_post_rakna(adresser=[klientadress(request), d["epost"]])
                arende = services.kontaktformular_skicka(
                    kategori=d["kategori"],
                    rubrik=d["rubrik"],
                    text=d["text"],
                    kontakt={k: d[k] for k in ("namn", "epost", "telefon")},
                    bilagor=request.FILES.getlist("bilagor"),
                )
                lank = statuslankar.statuslank_hamta_eller_skapa(arende=arende)
                messages.success(
                    request,
                    _("Tack! Vi har tagit emot ditt ärende %(nummer)s.")
                    % {"nummer": arende.nummer},
                )
                return redirect("etjanst:status", token=lank.token)
        except ApplicationError as e:
            fel = {e.extra.get("falt", ALLMANT): [e.message]}
            status_kod = e.http_status
        else:
            status_kod = 400
        for falt, lista in form.errors.items():
            fel.setdefault(ALLMANT if falt == "__all__" else falt, []).extend(lista)
    return render(
        request,
        "kanaler/etjanst/kontakta_oss.html",
        {
            "form": form,
            "fel": fel,
            "stampel": services.formular_stampel(),
            "kategorier": selectors.kategori_lista(),
            "max_bilagor": konfiguration.varde("MAX_BILAGOR"),
            "max_bilaga": konfiguration.varde("MAX_BILAGA"),
            "filtyper": ", ".join(bilagor.tillatna_filtyper()),
        },
        status=status_kod,
    )


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, token: str) -> HttpResponse:
    arende = statuslankar.statuslank_arende(token=token)
    if arende is None:
        raise Http404(_("Länken är fel eller har återkallats."))
    fel: dict[str, list[str]] = {}
    status_kod = 200
    if request.method == "POST":
        try:
            services.publik_post_rakna(adresser=[klientadress(request)])
            services.statussida_lagg_till(arende=arende, text=request.POST.get("text", ""))
        except ApplicationError as e:
            fel = {e.extra.get("falt", "text"): [e.message]}
            status_kod = e.http_status
        else:
            messages.success(request, _("Tack! Det du skrev har lagts till i ärendet."))
            return redirect(request.path)
    return render(
        request,
        "kanaler/etjanst/status.html",
        {
            "arende": arende,
            "status_text": STATUS_KLARTEXT.get(arende.status, ""),
            "svar": statuslankar.levererade_svar(arende=arende),
            "fel": fel,
            "v": request.POST if request.method == "POST" else {},
        },
        status=status_kod,
    )


@login_required
@require_POST
def statuslank_aterkalla(request: HttpRequest, nummer: str) -> HttpResponse:
    """Revoke the citizen's status link (teamledare, administratör): the old link gives 404."""
    if not behorighet.kan_aterkalla_statuslank(request.user):
        raise Http404
    try:
        arende = behorighet.arende_get_for_user(user=request.user, nummer=nummer)
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None
    antal = statuslankar.statuslank_aterkalla(arende=arende, av=request.user)
    messages.success(
        request,
        _("Statuslänken är återkallad.") if antal else _("Ärendet hade ingen aktiv statuslänk."),
    )
    return redirect(reverse("arenden:arende", args=[arende.nummer]))

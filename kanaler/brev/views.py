"""Register a scanned letter in the browser: the PDF, who sent it, when, what it concerns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.exceptions import ValidationError

from arenden import behorighet, bilagor, selectors
from arenden.models import Bilaga, Kanal
from arenden.views import ALLMANT
from kanaler.brev import services
from kanaler.brev.indata import BrevRegistreraIn
from kanaler.snabbregistrering import vyer
from kontaktcenter.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def registrera(request: HttpRequest) -> HttpResponse:
    vyer.kontrollera(request)
    fel: dict = {}
    if request.method == "POST":
        indata = BrevRegistreraIn.fran_formular(request.POST, request.FILES)
        try:
            indata.is_valid(raise_exception=True)
            arende = services.brev_registrera(av=request.user, **indata.validated_data)
        except ValidationError as e:
            fel = vyer.valideringsfel(e)
        except ApplicationError as e:
            fel = {e.extra.get("falt", ALLMANT): [e.message]}
        else:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Brevet är registrerat:"),
                    reverse("arenden:arende", args=[arende.nummer]),
                    arende.nummer,
                ),
            )
            return redirect(request.path)
    return render(
        request,
        "kanaler/brev/registrera.html",
        {
            "fel": fel,
            "v": request.POST if request.method == "POST" else {},
            "idag": timezone.localdate().isoformat(),
            "kategorier": selectors.kategori_lista(
                kommun_id=behorighet.kommun_id_for_user(request.user)
            ),
        },
        status=400 if fel else 200,
    )


@login_required
@require_GET
def skanning(request: HttpRequest, pk: int) -> FileResponse:
    """Give a letter's scan to whoever may see its ärende (a secret one's read is logged)."""
    bilaga = get_object_or_404(
        Bilaga.objects.select_related("arende"), pk=pk, arende__kanal=Kanal.BREV
    )
    try:
        behorighet.arende_get_for_user(user=request.user, nummer=bilaga.arende.nummer)
    except ApplicationError:
        raise Http404(_("Ärendet finns inte eller så saknar du behörighet.")) from None
    return bilagor.bilaga_svar(bilaga)

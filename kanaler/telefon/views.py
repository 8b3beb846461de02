"""The telefon quick form: register a call while talking, keyboard only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kanaler.snabbregistrering import vyer
from kanaler.telefon import services
from kanaler.telefon.indata import SamtalRegistreraIn


@login_required
@require_http_methods(["GET", "POST"])
def registrera(request: HttpRequest) -> HttpResponse:
    """The quick form; ?nummer=…&samtal=… prefill it when the växel opens it for a call."""
    v = request.POST if request.method == "POST" else request.GET
    samtals_id = v.get("samtals_id") or v.get("samtal") or ""
    return vyer.formular_vy(
        request,
        registrera=services.samtal_registrera,
        indata_klass=SamtalRegistreraIn,
        sammanhang={
            "rubrik": _("Registrera samtal"),
            "forslag_url": reverse("telefon:forslag"),
            "dolda": [("samtals_id", samtals_id)] if samtals_id else [],
            "kopplat_etikett": _("Kopplat till (vid kopplat samtal)"),
        },
    )


@login_required
@require_GET
def forslag(request: HttpRequest) -> HttpResponse:
    return vyer.forslag_vy(request)

"""The reception's quick form: the visitor type first, then the same form as for a call."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kanaler.besok import services
from kanaler.besok.indata import BesokRegistreraIn
from kanaler.besok.models import Besokstyp
from kanaler.snabbregistrering import vyer
from kanaler.snabbregistrering.services import Val


@login_required
@require_http_methods(["GET", "POST"])
def registrera(request: HttpRequest) -> HttpResponse:
    return vyer.formular_vy(
        request,
        registrera=services.besok_registrera,
        indata_klass=BesokRegistreraIn,
        val_namn={
            Val.LOST: _("Löst vid disken"),
            Val.KOPPLAT: _("Hänvisad till medarbetare"),
            Val.ATERKONTAKT: _("Återkoppling behövs"),
        },
        sammanhang={
            "rubrik": _("Registrera besök"),
            "forslag_url": reverse("besok:forslag"),
            "fore": ["kanaler/besok/besokstyp.html"],
            "besokstyper": Besokstyp.choices,
            "kopplat_etikett": _("Hänvisad till (medarbetare)"),
        },
    )


@login_required
@require_GET
def forslag(request: HttpRequest) -> HttpResponse:
    return vyer.forslag_vy(request)

"""Staff pages to write and keep up the articles: list, create, edit, status, history.

Views are thin: the form is parsed by the API's own serializer (plus the owner), rights come
from kunskapsbank.behorighet, changes from kunskapsbank.services, so the browser and the API
follow the same rules.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework import serializers

from arenden.behorighet import Roll
from arenden.models import Forvaltning, Kategori, RosaNiva
from kontaktcenter.errors import ApplicationError
from kunskapsbank import behorighet, selectors, services
from kunskapsbank.api import ArtikelIn
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp

# Rows on one page of the article list.
SIDSTORLEK = 100

_FORMULARFALT = (
    "fraga", "svar", "forvaltning", "kategori", "rosa", "malgrupp", "agare", "granskas_senast",
)  # fmt: skip
# The button text for moving an article to each status.
_STATUSKNAPPAR = {
    ArtikelStatus.UTKAST: gettext_lazy("Tillbaka till utkast"),
    ArtikelStatus.GRANSKNING: gettext_lazy("Skicka till granskning"),
    ArtikelStatus.PUBLICERAD: gettext_lazy("Publicera"),
    ArtikelStatus.ARKIVERAD: gettext_lazy("Arkivera"),
}


def _personal():
    return get_user_model().objects.filter(is_active=True, groups__name__in=Roll.ALLA).distinct()


class ArtikelFormIn(ArtikelIn):
    """The article form: the API's fields, the owner, and the version for an edit."""

    agare = serializers.PrimaryKeyRelatedField(
        queryset=_personal(), required=False, allow_null=True
    )
    version = serializers.IntegerField(required=False)
    kommentar = serializers.CharField(required=False, allow_blank=True, max_length=300)


def _egen_kommun(user) -> dict:
    kommun_id = behorighet.kommun_id(user)
    return {} if kommun_id is None else {"kommun_id": kommun_id}


def _kraver_personal(request: HttpRequest) -> None:
    if not behorighet.ar_personal(request.user):
        raise PermissionDenied


def _hamta(request: HttpRequest, artikel_id: int) -> Kunskapsartikel:
    try:
        return behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
    except ApplicationError:
        raise Http404 from None


def _formulardata(request: HttpRequest) -> dict:
    """Return the posted form as serializer input; one alternative phrasing per line."""
    data = {falt: request.POST.get(falt, "").strip() for falt in _FORMULARFALT}
    for falt in ("kategori", "agare", "granskas_senast"):
        data[falt] = data[falt] or None
    data["alternativa_fragor"] = [
        rad.strip()
        for rad in request.POST.get("alternativa_fragor", "").splitlines()
        if rad.strip()
    ]
    for falt in ("version", "kommentar"):
        if falt in request.POST:
            data[falt] = request.POST[falt]
    return data


def _formular(request: HttpRequest, *, artikel: Kunskapsartikel | None, varden: dict, fel: dict):
    return {
        "artikel": artikel,
        "varden": varden,
        "fel": fel,
        "forvaltningar": Forvaltning.objects.filter(aktiv=True)
        .filter(**_egen_kommun(request.user))
        .order_by("namn"),
        "kategorier": Kategori.objects.filter(aktiv=True).order_by("namn"),
        "rosanivaer": RosaNiva.choices,
        "malgrupper": Malgrupp.choices,
        "personal": _personal().order_by("first_name", "last_name", "username"),
    }


def _varden_fran(artikel: Kunskapsartikel) -> dict:
    return {
        "fraga": artikel.fraga,
        "svar": artikel.svar,
        "alternativa_fragor": "\n".join(artikel.alternativa_fragor),
        "forvaltning": str(artikel.forvaltning_id),
        "kategori": str(artikel.kategori_id or ""),
        "rosa": str(artikel.rosa),
        "malgrupp": artikel.malgrupp,
        "agare": str(artikel.agare_id or ""),
        "granskas_senast": artikel.granskas_senast.isoformat() if artikel.granskas_senast else "",
        "version": artikel.version,
    }


def _felstatus(fel: serializers.ValidationError | ApplicationError) -> int:
    return getattr(fel, "http_status", 400) if isinstance(fel, ApplicationError) else 400


# Fields whose error the form shows beside the field; any other field's error goes to the
# summary at the top, named, so no refusal is left without a reason on the page.
FEL_VID_FALTET = {"fraga", "svar", "forvaltning"}
FALTNAMN = {
    "kategori": gettext_lazy("Kategori"),
    "rosa": gettext_lazy("ROSA-nivå"),
    "malgrupp": gettext_lazy("Målgrupp"),
    "agare": gettext_lazy("Ägare"),
    "granskas_senast": gettext_lazy("Granskas senast"),
    "alternativa_fragor": gettext_lazy("Andra sätt att fråga"),
    "version": gettext_lazy("Version"),
}


def _fel_fran(fel: serializers.ValidationError | ApplicationError) -> dict:
    if isinstance(fel, ApplicationError):
        return {"allmant": [fel.message]}
    resultat: dict[str, list[str]] = {}
    for falt, meddelanden in fel.detail.items():
        if not isinstance(meddelanden, list):
            meddelanden = [meddelanden]
        texter = [str(m) for m in meddelanden]
        if falt in FEL_VID_FALTET:
            resultat[falt] = texter
        else:
            namn = FALTNAMN.get(falt, falt)
            resultat.setdefault("allmant", []).extend(f"{namn}: {t}" for t in texter)
    return resultat


@login_required
def artiklar(request: HttpRequest) -> HttpResponse:
    """Every article in one status (all when none is chosen), by question."""
    _kraver_personal(request)
    status = request.GET.get("status", "")
    qs = behorighet.artikel_queryset_for_user(request.user)
    if status in ArtikelStatus.values:
        qs = qs.filter(status=status)
    sida = max(1, int(request.GET["sida"])) if request.GET.get("sida", "").isdigit() else 1
    rader = list(qs.order_by("fraga", "id")[(sida - 1) * SIDSTORLEK : sida * SIDSTORLEK + 1])
    return render(
        request,
        "kunskapsbank/artiklar.html",
        {
            "rader": rader[:SIDSTORLEK],
            "nasta_sida": sida + 1 if len(rader) > SIDSTORLEK else None,
            "statusar": ArtikelStatus.choices,
            "valt": status,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ny(request: HttpRequest) -> HttpResponse:
    """Write a new article; it starts as a draft owned by its writer unless another is named."""
    _kraver_personal(request)
    if request.method == "GET":
        varden = {"agare": str(request.user.pk), "rosa": str(RosaNiva.INFORMATION)}
        return render(
            request,
            "kunskapsbank/artikel.html",
            _formular(request, artikel=None, varden=varden, fel={}),
        )
    data = _formulardata(request)
    indata = ArtikelFormIn(data=data)
    try:
        indata.is_valid(raise_exception=True)
        falt = dict(indata.validated_data)
        falt.pop("version", None)
        falt.pop("kommentar", None)
        # An article nobody owns is reviewed by nobody: the writer owns it unless named.
        falt["agare"] = falt.get("agare") or request.user
        behorighet.kontrollera_forvaltning(request.user, falt.get("forvaltning"))
        artikel = services.artikel_skapa(av=request.user, **falt)
    except (serializers.ValidationError, ApplicationError) as fel:
        varden = {**data, "alternativa_fragor": "\n".join(data["alternativa_fragor"])}
        return render(
            request,
            "kunskapsbank/artikel.html",
            _formular(request, artikel=None, varden=varden, fel=_fel_fran(fel)),
            status=_felstatus(fel),
        )
    messages.success(request, _("Artikeln är sparad som utkast."))
    return redirect("kunskapsbank:artikel", artikel_id=artikel.pk)


@login_required
@require_http_methods(["GET", "POST"])
def artikel(request: HttpRequest, artikel_id: int) -> HttpResponse:
    """Edit an article (each save is a new version) and move it along its statuses."""
    _kraver_personal(request)
    rad = _hamta(request, artikel_id)
    if request.method == "POST":
        data = _formulardata(request)
        indata = ArtikelFormIn(data=data)
        try:
            behorighet.kontrollera_andra(request.user, rad)
            indata.is_valid(raise_exception=True)
            falt = dict(indata.validated_data)
            version = falt.pop("version", None)
            kommentar = falt.pop("kommentar", "")
            behorighet.kontrollera_forvaltning(request.user, falt.get("forvaltning"))
            services.artikel_andra(
                artikel=rad, av=request.user, version=version, kommentar=kommentar, **falt
            )
        except (serializers.ValidationError, ApplicationError) as fel:
            varden = {**data, "alternativa_fragor": "\n".join(data["alternativa_fragor"])}
            sammanhang = _formular(request, artikel=rad, varden=varden, fel=_fel_fran(fel))
            sammanhang["statusbyten"] = _statusbyten(request, rad)
            sammanhang["kan_andra"] = _kan_andra(request, rad)
            return render(request, "kunskapsbank/artikel.html", sammanhang, status=_felstatus(fel))
        messages.success(request, _("Ändringen är sparad som en ny version."))
        return redirect("kunskapsbank:artikel", artikel_id=rad.pk)
    sammanhang = _formular(request, artikel=rad, varden=_varden_fran(rad), fel={})
    sammanhang["statusbyten"] = _statusbyten(request, rad)
    sammanhang["kan_andra"] = _kan_andra(request, rad)
    return render(request, "kunskapsbank/artikel.html", sammanhang)


def _kan_andra(request: HttpRequest, rad: Kunskapsartikel) -> bool:
    try:
        behorighet.kontrollera_andra(request.user, rad)
    except ApplicationError:
        return False
    return True


def _statusbyten(request: HttpRequest, rad: Kunskapsartikel) -> list[tuple[str, str]]:
    return [
        (status, _STATUSKNAPPAR[status])
        for status in selectors.statusbyten_for_user(user=request.user, artikel=rad)
    ]


@login_required
@require_POST
def byt_status(request: HttpRequest, artikel_id: int) -> HttpResponse:
    """One status button: draft, review, publish, archive – as the lifecycle and role allow."""
    _kraver_personal(request)
    rad = _hamta(request, artikel_id)
    status = request.POST.get("status", "")
    version = request.POST.get("version", "")
    try:
        if status not in ArtikelStatus.values:
            raise Http404
        behorighet.kontrollera_status(request.user, rad, status)
        services.artikel_byt_status(
            artikel=rad,
            av=request.user,
            status=status,
            version=int(version) if version.isdigit() else None,
        )
    except ApplicationError as fel:
        messages.error(request, fel.message)
    else:
        messages.success(
            request, _("Artikeln har status %(status)s.") % {"status": ArtikelStatus(status).label}
        )
    return redirect("kunskapsbank:artikel", artikel_id=rad.pk)


@login_required
def versioner(request: HttpRequest, artikel_id: int) -> HttpResponse:
    """The article's versions: who changed what and when, and two of them compared."""
    _kraver_personal(request)
    rad = _hamta(request, artikel_id)
    alla = list(selectors.artikel_versioner(artikel=rad))
    fran_text, till_text = request.GET.get("fran", ""), request.GET.get("till", "")
    if fran_text.isdigit() and till_text.isdigit():
        fran, till = int(fran_text), int(till_text)
    else:
        # By default the latest change: the version before it against the newest.
        till = alla[0].nummer if alla else 1
        fran = alla[1].nummer if len(alla) > 1 else till
    return render(
        request,
        "kunskapsbank/versioner.html",
        {
            "artikel": rad,
            "versioner": alla,
            "fran": fran,
            "till": till,
            "jamforelse": selectors.versioner_jamfor(artikel=rad, fran=fran, till=till),
        },
    )

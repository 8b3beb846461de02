"""The teamledare's statistics page and its exports.

One view serves the full page and, for htmx, the result fragment; the exports build their
files from the same tables the page shows (`arenden.statistik.tabeller`).
"""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from arenden import behorighet, krokar, selectors
from arenden.models import Kanal
from arenden.statistik import matt, tabeller
from arenden.statistik.api import StatistikIn, statistik_for_anvandare, urval_fran
from kontaktcenter.errors import ApplicationError

FORVAL = {
    "denna_vecka": gettext_lazy("Denna vecka"),
    "forra_manaden": gettext_lazy("Förra månaden"),
    "i_ar": gettext_lazy("I år"),
}
STANDARDFORVAL = "forra_manaden"
# Up to this many days the page charts and tabulates days, beyond it weeks.
DAGTABELL_HOGST = 62


def forval_period(namn: str, idag: date) -> tuple[date, date]:
    """Return (fran, till) of a preset: this week so far, last month, this year so far."""
    if namn == "denna_vecka":
        return idag - timedelta(days=idag.weekday()), idag
    if namn == "i_ar":
        return idag.replace(month=1, day=1), idag
    forsta = idag.replace(day=1)
    sista_forra = forsta - timedelta(days=1)
    return sista_forra.replace(day=1), sista_forra


def _indata(request: HttpRequest) -> tuple[dict, str]:
    """Return the query as StatistikIn data and the preset in use ("" for a custom period)."""
    data = {k: v for k, v in request.GET.items() if k in ("fran", "till", "kanal", "forvaltning")}
    forval = request.GET.get("forval", "")
    idag = timezone.localdate()
    if forval in FORVAL or not (data.get("fran") and data.get("till")):
        forval = forval if forval in FORVAL else STANDARDFORVAL
        fran, till = forval_period(forval, idag)
        data |= {"fran": fran.isoformat(), "till": till.isoformat()}
        return data, forval
    # Dates that happen to be a preset's (a filter change after choosing it) keep it marked.
    for namn in FORVAL:
        fran, till = forval_period(namn, idag)
        if (data["fran"], data["till"]) == (fran.isoformat(), till.isoformat()):
            return data, namn
    return data, ""


def _berakna(request: HttpRequest):
    if not behorighet.kan_se_statistik(request.user):
        raise PermissionDenied(_("Bara teamledare och administratörer ser statistiken."))
    data, forval = _indata(request)
    indata = StatistikIn(data=data)
    indata.is_valid(raise_exception=True)
    urval = urval_fran(user=request.user, data=indata.validated_data)
    return urval, data, forval


@login_required
def statistik(request: HttpRequest) -> HttpResponse:
    """Figures, charts and tables for a period, compared with the period before it."""
    fel = ""
    sammanhang: dict = {}
    try:
        urval, data, forval = _berakna(request)
        nu = statistik_for_anvandare(user=request.user, urval=urval)
        forra = statistik_for_anvandare(
            user=request.user, urval=urval.foregaende(), endast_nyckeltal=True
        )
        forra_nyckeltal = {k: v for k, _n, v, _t in tabeller.nyckeltal(forra)}
        sammanhang = {
            "s": nu,
            "urval": urval,
            "foregaende": urval.foregaende(),
            "nyckeltal": [
                {
                    "nyckel": k,
                    "namn": namn,
                    "varde": varde,
                    "visning": tabeller.visa(varde, typ),
                    # Overdue is about now; the previous period has no figure of its own.
                    "forra": ""
                    if k.startswith("sla.forsenade")
                    else tabeller.visa(forra_nyckeltal[k], typ),
                }
                for k, namn, varde, typ in tabeller.nyckeltal(nu)
            ],
            # A table per day is for short periods; longer ones show weeks (the file has all).
            "tabeller": [
                t
                for t in tabeller.tabeller(nu)
                if t.nyckel != "per_dag" or urval.dagar <= DAGTABELL_HOGST
            ],
            "kkik": tabeller.kkik_rapport(nu),
            "definitioner": matt.ALLA,
            "diagram": _diagramdata(nu),
        }
    except (ValidationError, ApplicationError) as e:
        data, forval = _indata(request)
        fel = e.message if isinstance(e, ApplicationError) else _("Kontrollera perioden.")
    sammanhang |= {
        "fel": fel,
        "g": data,
        "forval": forval,
        "forvalen": FORVAL.items(),
        "kanaler": Kanal.choices,
        "forvaltningar": selectors.forvaltning_lista(
            kommun_id=behorighet.statistik_kommun_id(request.user)
        ),
        "fraga": request.GET.urlencode(),
    }
    mall = "statistik/statistik.html"
    if request.htmx and not request.htmx.history_restore_request:
        mall += "#resultat"
    return render(request, mall, sammanhang, status=400 if fel else 200)


def _diagramdata(s: dict) -> dict:
    """The chart series; weeks for periods longer than two months, else days."""
    kort = len(s["volym"]["per_dag"]) <= DAGTABELL_HOGST
    serie = s["volym"]["per_dag"] if kort else s["volym"]["per_vecka"]
    return {
        "tid": {
            "etiketter": [r["period"] for r in serie],
            "serier": [
                {"namn": str(namn), "data": [r["per_kanal"][k] for r in serie]}
                for k, namn in Kanal.choices
            ],
        },
        "forvaltning": {
            "etiketter": [r["forvaltning"] for r in s["per_forvaltning"]["forvaltningar"]],
            "data": [r["antal"] for r in s["per_forvaltning"]["forvaltningar"]],
        },
        "kanal": {
            "etiketter": [str(Kanal(r["kanal"]).label) for r in s["volym"]["per_kanal"]],
            "data": [r["antal"] for r in s["volym"]["per_kanal"]],
        },
    }


@login_required
def statistik_export(request: HttpRequest, format: str) -> HttpResponse:
    """One table (`tabell=`, or `kkik`) as CSV, or every table and the KKiK-rapport as XLSX."""
    try:
        urval, _data, _forval = _berakna(request)
    except (ValidationError, ApplicationError) as e:
        return HttpResponse(getattr(e, "message", _("Kontrollera perioden.")), status=400)
    s = statistik_for_anvandare(user=request.user, urval=urval)
    filnamn = f"statistik-{urval.fran.isoformat()}-{urval.till.isoformat()}"
    if format == "xlsx":
        innehall = tabeller.som_xlsx(
            tabeller.tabeller(s), kkik=tabeller.kkik_rapport(s), fran=urval.fran, till=urval.till
        )
        svar = HttpResponse(
            innehall,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        svar["Content-Disposition"] = f'attachment; filename="{filnamn}.xlsx"'
        _logga_export(request, urval, s, format=format, tabell="alla")
        return svar
    nyckel = request.GET.get("tabell", "")
    alla = {t.nyckel: t for t in [*tabeller.tabeller(s), tabeller.kkik_rapport(s)]}
    if nyckel not in alla:
        raise Http404(_("Tabellen finns inte."))
    _logga_export(request, urval, s, format=format, tabell=nyckel)
    svar = HttpResponse(tabeller.som_csv(alla[nyckel]), content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{filnamn}-{nyckel}.csv"'
    return svar


def _logga_export(request: HttpRequest, urval, s: dict, *, format: str, tabell: str) -> None:
    """Write the export to the audit log: a teamledare's file names medarbetare
    (per_medarbetare), personal data like any other export."""
    krokar.granska(
        typ="export",
        user=request.user,
        arenden=[],
        data={
            "export": "statistik",
            "format": format,
            "tabell": tabell,
            "fran": urval.fran.isoformat(),
            "till": urval.till.isoformat(),
            "per_medarbetare": s.get("per_medarbetare") is not None,
        },
    )

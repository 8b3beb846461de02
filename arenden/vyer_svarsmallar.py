"""Svarsmallar in the browser: everyone who answers sees the list, teamledare and
administratörer create and change their kommun's, administratörer the gemensamma (see
`behorighet.kan_redigera_gemensamma_svarsmallar`). Inserting one into a reply is
`arenden.views.svarsmall_val`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from arenden import behorighet, selectors, services, svarsmallar
from arenden.models import Forvaltning
from kontaktcenter.errors import ApplicationError


class SvarsmallForm(forms.Form):
    titel = forms.CharField(label=gettext_lazy("Titel"), max_length=150)
    forvaltning = forms.ModelChoiceField(
        label=gettext_lazy("Förvaltning"),
        queryset=Forvaltning.objects.filter(aktiv=True).order_by("namn"),
        required=False,
        empty_label=gettext_lazy("Alla förvaltningar (gemensam)"),
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 10, "aria-describedby": "text-hjalp"}),
    )
    aktiv = forms.BooleanField(label=gettext_lazy("Aktiv"), required=False, initial=True)


@login_required
def lista(request: HttpRequest) -> HttpResponse:
    """Every svarsmall, active ones first; the editors get links to change them."""
    if not behorighet.roller(request.user):
        raise PermissionDenied
    mallar = selectors.svarsmall_lista(
        kommun_id=behorighet.kommun_id_for_user(request.user), bara_aktiva=False
    ).order_by("-aktiv", "titel")
    return render(
        request,
        "arenden/svarsmallar.html",
        {
            "mallar": mallar,
            "kan_redigera": behorighet.kan_redigera_svarsmallar(request.user),
            "kan_redigera_gemensamma": behorighet.kan_redigera_gemensamma_svarsmallar(request.user),
            "platshallare": svarsmallar.PLATSHALLARE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def redigera(request: HttpRequest, mall_id: int | None = None) -> HttpResponse:
    """Create a svarsmall, or change one."""
    try:
        behorighet.kontrollera_svarsmallar(request.user)
    except ApplicationError as e:
        raise PermissionDenied(e.message) from None
    kommun_id = behorighet.kommun_id_for_user(request.user)
    synliga = selectors.svarsmall_lista(kommun_id=kommun_id, bara_aktiva=False)
    mall = get_object_or_404(synliga, pk=mall_id) if mall_id else None
    if mall is not None and not behorighet.kan_redigera_svarsmall(request.user, mall):
        raise PermissionDenied(str(behorighet.GEMENSAM_SVARSMALL_NEKAD))
    initial = None
    if mall:
        initial = {
            "titel": mall.titel,
            "forvaltning": mall.forvaltning,
            "text": mall.text,
            "aktiv": mall.aktiv,
        }
    form = SvarsmallForm(request.POST or None, initial=initial)
    falt = form.fields["forvaltning"]
    if kommun_id is not None:
        falt.queryset = falt.queryset.filter(kommun_id=kommun_id)
    if not behorighet.kan_redigera_gemensamma_svarsmallar(request.user):
        falt.required = True
        falt.empty_label = gettext_lazy("Välj förvaltning")
        falt.error_messages["required"] = behorighet.GEMENSAM_SVARSMALL_NEKAD
    if request.method == "POST" and form.is_valid():
        try:
            sparad = services.svarsmall_spara(av=request.user, mall=mall, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Svarsmallen ”%(titel)s” är sparad.") % {"titel": sparad})
            return redirect("arenden:svarsmallar")
    return render(
        request,
        "arenden/svarsmall.html",
        {"form": form, "mall": mall, "platshallare": svarsmallar.PLATSHALLARE},
        status=400 if form.errors else 200,
    )

"""The reminder page: my reminders, and for teamledare the delayed ärenden."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from paminnelser import selectors, services


@login_required
def paminnelser(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "paminnelser/paminnelser.html",
        {
            "paminnelser": selectors.paminnelser_for_user(user=request.user),
            "forsenade": selectors.forsenade_for_teamledare(user=request.user),
        },
    )


@login_required
@require_POST
def markera_lasta(request: HttpRequest) -> HttpResponse:
    services.paminnelser_markera_lasta(av=request.user)
    return redirect("paminnelser:lista")

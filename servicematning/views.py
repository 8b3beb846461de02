"""The public survey page `/enkat/<token>/` and the staff action that creates the link."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from arenden.behorighet import arende_get_for_user
from kontaktcenter.errors import ApplicationError
from servicematning import services
from servicematning.models import Enkat, Matt

FRAGOR = {
    Matt.ENKELHET: _("Hur enkelt var det att komma i kontakt med oss och få hjälp?"),
    Matt.TYDLIGHET: _("Hur tydligt var svaret du fick?"),
    Matt.BEMOTANDE: _("Hur blev du bemött?"),
}
BETYG = [
    ("1", _("1 – mycket dåligt")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – mycket bra")),
]


class EnkatForm(forms.Form):
    """One required question per measure, graded 1–5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for matt, fraga in FRAGOR.items():
            self.fields[matt.value] = forms.TypedChoiceField(
                label=fraga,
                choices=BETYG,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Välj ett betyg från 1 till 5.")},
            )


def enkat(request: HttpRequest, token: str) -> HttpResponse:
    """Show the survey, or record the answers and thank the citizen."""
    hittad = Enkat.objects.filter(token=token).first()
    if hittad is None:
        raise Http404
    if hittad.besvarad is not None:
        return render(request, "servicematning/enkat.html", {"tack": True})
    form = EnkatForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enkat_besvara(enkat=hittad, betyg=form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            return render(request, "servicematning/enkat.html", {"tack": True})
    svar = render(
        request, "servicematning/enkat.html", {"form": form}, status=400 if form.errors else 200
    )
    svar["Cache-Control"] = "no-store"
    return svar


@login_required
@require_POST
def skapa(request: HttpRequest, nummer: str) -> HttpResponse:
    """Create the ärende's survey link (staff who may see the ärende) and show it there."""
    try:
        arende = arende_get_for_user(user=request.user, nummer=nummer, logga_lasning=False)
    except ApplicationError as e:
        raise Http404 from e
    services.enkat_skapa(arende=arende)
    return redirect("arenden:arende", nummer=arende.nummer)

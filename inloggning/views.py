"""The staff login page: username and password, and the kommun's SSO when configured."""

from axes.helpers import get_cool_off, get_failure_limit
from django.contrib.auth import views as auth_views
from django.shortcuts import render

from inloggning import konfiguration


class Inloggning(auth_views.LoginView):
    """Django's LoginView; django-axes counts its failures through authenticate()."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(sso_aktiv=konfiguration.sso_aktiv(), **kwargs)


def utelast(request, original_response=None, credentials=None):
    """The page django-axes shows when too many logins failed (AXES_LOCKOUT_CALLABLE)."""
    sparr = get_cool_off(request)
    return render(
        request,
        "registration/utelast.html",
        {
            "max_forsok": get_failure_limit(request, credentials),
            "minuter": round(sparr.total_seconds() / 60) if sparr else None,
        },
        status=429,
    )

"""How django-axes throttles staff logins: which address counts, which attempts count.

Settings AUTHENTICATION_BACKENDS, AXES_CLIENT_IP_CALLABLE and AXES_WHITELIST_CALLABLE
point here.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username
from django.http import HttpRequest


def utan_losenord(request: HttpRequest, credentials: dict | None = None) -> bool:
    """True for an attempt without a username: the return from the kommun's OpenID provider.

    The provider checks the password and throttles guesses itself; counting its callbacks
    here would let a few people without a role lock everyone behind the same address out
    of SSO.
    """
    return not get_client_username(request, credentials)


class SparrBackend(AxesStandaloneBackend):
    """Axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Every login over HTTP (the login page, Django admin, the SSO callback) passes the
    request. A call without one (the test client's `login()`, a shell) has no address to
    count and is not a guess from the network: axes would raise, this lets the next backend
    answer.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

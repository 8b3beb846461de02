"""The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE)."""

from django.http import HttpRequest

from inloggning import konfiguration


def klientadress(request: HttpRequest) -> str:
    """Behind N trusted reverse proxies, the Nth last X-Forwarded-For hop; else REMOTE_ADDR.

    Only hops our own proxies appended are trusted: a client can put anything first.
    """
    proxyer = konfiguration.varde("BETRODDA_PROXYER")
    hopp = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxyer and len(hopp) >= proxyer and hopp[-proxyer]:
        return hopp[-proxyer]
    return request.META.get("REMOTE_ADDR", "")

"""The address of the client behind our own reverse proxies: one rule for every count.

The login lockout (inloggning) and the public forms' hourly limit (kanaler/etjanst) both
count per client address; behind a TLS proxy REMOTE_ADDR is the proxy's, so they take the
hop our proxies appended to X-Forwarded-For. settings.BETRODDA_PROXYER says how many.
"""

from django.conf import settings
from django.http import HttpRequest


def klientadress(request: HttpRequest) -> str:
    """Behind N trusted reverse proxies, the Nth last X-Forwarded-For hop; else REMOTE_ADDR.

    Only hops our own proxies appended are trusted: a client can put anything first.
    """
    proxyer = settings.BETRODDA_PROXYER
    hopp = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxyer and len(hopp) >= proxyer and hopp[-proxyer]:
        return hopp[-proxyer]
    return request.META.get("REMOTE_ADDR", "")

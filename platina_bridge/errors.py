"""Typed errors from Platina, each with a stable code and a rule for what happens next.

- `PlatinaTillfalligt` (timeout before sending, connection refused, 5xx, 429): retry later.
- `PlatinaBehorighet` (401/403 after one token refresh): retry later and alert.
- `PlatinaValidering` (other 4xx): never retried; the row waits for a registrator.
- `PlatinaOklartUtfall` (the request may have been committed): reconcile by lookup before
  anything is sent again.
"""

from kontaktcenter.errors import ApplicationError


class PlatinaFel(ApplicationError):
    code = "platina_fel"
    http_status = 502


class PlatinaTillfalligt(PlatinaFel):
    code = "platina_tillfalligt"


class PlatinaBehorighet(PlatinaFel):
    code = "platina_behorighet"


class PlatinaValidering(PlatinaFel):
    code = "platina_validering"


class PlatinaOklartUtfall(PlatinaFel):
    code = "platina_oklart_utfall"


class RegistreringFel(ApplicationError):
    """An operator's action on a registration does not fit its state."""

    code = "platina_registrering_fel"
    http_status = 409


class DiarietUpptaget(PlatinaFel):
    """Another worker holds the diary's lock; try again shortly."""

    code = "platina_diariet_upptaget"

"""Why a login or an API key was refused: stable codes, Swedish messages."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import AuthenticationFailed

from kontaktcenter.errors import ApplicationError


class NyckelOgiltig(AuthenticationFailed):
    default_detail = _("API-nyckeln är ogiltig. Kontrollera att hela nyckeln skickas.")
    default_code = "nyckel_ogiltig"


class NyckelAterkallad(AuthenticationFailed):
    default_detail = _(
        "API-nyckeln är återkallad. Be kommunens administratör om en ny nyckel för integrationen."
    )
    default_code = "nyckel_aterkallad"


class NyckelKontoInaktivt(AuthenticationFailed):
    default_detail = _("Integrationens användarkonto är inaktiverat.")
    default_code = "nyckel_konto_inaktivt"


class NyckelSaknas(ApplicationError):
    code = "nyckel_saknas"
    http_status = 404


class SsoNekad(ApplicationError):
    """The identity provider vouched for the person, but Kontaktcenter cannot let him in."""

    code = "sso_nekad"
    http_status = 403

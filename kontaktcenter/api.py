"""API plumbing shared by every app: the error format.

Every error leaves the API as `{"code": ..., "message": ..., "extra": {...}}` with a Swedish
message, whether it came from a service (ApplicationError), from validation or from DRF.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kontaktcenter.errors import ApplicationError

_DRF_KODER = {
    exceptions.NotAuthenticated: ("inte_inloggad", "Du måste logga in."),
    exceptions.AuthenticationFailed: ("inloggning_misslyckades", "Inloggningen misslyckades."),
    exceptions.PermissionDenied: ("behorighet_saknas", "Du har inte behörighet till detta."),
    exceptions.NotFound: (
        "hittades_inte",
        "Det du sökte finns inte eller så saknar du behörighet.",
    ),
    exceptions.MethodNotAllowed: ("metod_ej_tillaten", "Metoden är inte tillåten här."),
    exceptions.Throttled: ("for_manga_anrop", "För många anrop. Försök igen om en stund."),
    exceptions.ParseError: ("felaktig_begaran", "Begäran kunde inte tolkas."),
    exceptions.UnsupportedMediaType: ("fel_innehallstyp", "Innehållstypen stöds inte."),
}


def undantagshanterare(exc, context):
    """Render every API error in the project's JSON error format."""
    if isinstance(exc, ApplicationError):
        return Response(
            {"code": exc.code, "message": exc.message, "extra": exc.extra},
            status=exc.http_status,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    svar = exception_handler(exc, context)
    if svar is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        svar.data = {
            "code": "valideringsfel",
            "message": "Uppgifterna är inte giltiga. Rätta fälten och försök igen.",
            "extra": {"falt": exc.detail},
        }
        svar.status_code = status.HTTP_400_BAD_REQUEST
        return svar
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        # SessionAuthentication's CSRF check: the browser's page is stale or the call forged.
        svar.data = {
            "code": "csrf_ogiltig",
            "message": "Säkerhetskontrollen (CSRF) misslyckades. Ladda om sidan och försök igen.",
            "extra": {},
        }
        return svar
    for klass, (kod, text) in _DRF_KODER.items():
        if isinstance(exc, klass):
            egen_kod = exc.get_codes()
            if isinstance(egen_kod, str) and egen_kod != klass.default_code:
                # Raised by our own code with its own code and Swedish message
                # (inloggning.errors): keep both, they say more than the generic text.
                kod, text = egen_kod, str(exc.detail)
            svar.data = {"code": kod, "message": text, "extra": {}}
            return svar
    svar.data = {"code": "fel", "message": str(exc.detail), "extra": {}}
    return svar

"""The e-tjänst intake API: a submission as JSON or as Open ePlatform FlowInstance XML."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from inloggning.autentisering import ApiNyckelAutentisering
from kanaler.etjanst import konfiguration, services, tolkning
from kanaler.etjanst.errors import OgiltigInlamning

ETJANST_GRUPP = "etjanstplattform"


class ArEtjanstplattform(permissions.BasePermission):
    """The e-service platform's integration account (group "etjanstplattform") or a superuser."""

    message = _("Bara e-tjänsteplattformens integrationskonto får lämna in ärenden.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return user.is_superuser or user.groups.filter(name=ETJANST_GRUPP).exists()


class RaParser(BaseParser):
    """Hand the body over untouched: the channel parses it itself, from bytes."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read() if stream is not None else b""


class InlamningApi(APIView):
    authentication_classes = [ApiNyckelAutentisering]
    permission_classes = [ArEtjanstplattform]
    parser_classes = [RaParser]

    @extend_schema(
        summary=_("Ta emot en inlämning från en e-tjänst"),
        description=_(
            "JSON (application/json) eller Open ePlatforms FlowInstance-XML (application/xml, "
            "valfri teckenkodning enligt XML-deklarationen). Idempotent per externt id: en "
            "upprepning ger 200 och samma ärende. Felaktig XML eller JSON ger 400 med ett "
            "meddelande som säger vad som var fel, och inget skapas."
        ),
        operation_id="etjanst_inlamning",
        request={"application/json": tolkning.InlamningIn, "application/xml": OpenApiTypes.STR},
        responses={
            201: tolkning.InlamningOut,
            200: tolkning.InlamningOut,
            400: OpenApiResponse(description=_("Felaktig XML eller JSON, eller ogiltig bilaga")),
            401: OpenApiResponse(description=_("API-nyckel saknas, är ogiltig eller återkallad")),
            403: OpenApiResponse(description=_("Inte e-tjänsteplattformens konto")),
        },
    )
    def post(self, request):
        ra = request.data if isinstance(request.data, bytes) else b""
        if len(ra) > konfiguration.varde("MAX_INLAMNING"):
            raise OgiltigInlamning(_("Inlämningen är för stor."), code="inlamning_for_stor")
        typ = (request.content_type or "").split(";")[0].strip().lower()
        if typ in ("application/xml", "text/xml") or typ.endswith("+xml"):
            data = tolkning.flowinstance_tolka(ra)
        elif typ == "application/json" or typ.endswith("+json"):
            data = tolkning.json_tolka(ra)
        else:
            raise OgiltigInlamning(
                _("Innehållstypen %(typ)s tas inte emot; skicka application/json eller "
                  "application/xml.") % {"typ": typ or "(ingen)"},
                code="fel_innehallstyp",
            )  # fmt: skip
        inlamning, ny = services.inlamning_ta_emot(data=data, av=request.user)
        inlamning.ny = ny
        return Response(
            tolkning.InlamningOut(inlamning).data,
            status=status.HTTP_201_CREATED if ny else status.HTTP_200_OK,
        )

"""The telefon API: the växel's call events, and registering a call as the quick form does."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from arenden import behorighet
from arenden.api import ArendeDetaljOut, arende_skapat_svar
from inloggning.autentisering import ApiNyckelAutentisering
from kanaler.telefon import services
from kanaler.telefon.indata import SamtalRegistreraIn, SamtalshandelseIn, SamtalshandelseOut

VAXEL_GRUPP = "vaxel"


class ArVaxel(permissions.BasePermission):
    """The växel's integration account (group "vaxel") or an administratör."""

    message = _("Bara växelns integrationskonto får skicka samtalshändelser.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return user.is_superuser or user.groups.filter(name=VAXEL_GRUPP).exists()


class SamtalshandelseApi(APIView):
    authentication_classes = [ApiNyckelAutentisering]
    permission_classes = [ArVaxel]

    @extend_schema(
        summary=_("Ta emot en samtalshändelse från växeln"),
        description=_(
            "Idempotent per samtals-id, händelse och tid: en upprepad händelse ger 200 och "
            "ändrar inget. Ett missat samtal med nummer blir ett återuppringningsärende."
        ),
        operation_id="telefon_samtalshandelse",
        request=SamtalshandelseIn,
        responses={
            201: SamtalshandelseOut,
            200: SamtalshandelseOut,
            400: OpenApiResponse(description=_("Ogiltig händelse")),
            401: OpenApiResponse(description=_("API-nyckel saknas, är ogiltig eller återkallad")),
            403: OpenApiResponse(description=_("Inte växelns konto")),
        },
    )
    def post(self, request):
        indata = SamtalshandelseIn(data=request.data)
        indata.is_valid(raise_exception=True)
        d = indata.validated_data
        handelse, ny = services.samtalshandelse_ta_emot(
            samtals_id=d["samtals_id"],
            typ=d["handelse"],
            tid=d["tid"],
            nummer=d["nummer"],
            ko=d["ko"],
            agent=d["agent"],
            kopplat_till=d["kopplat_till"],
            arende_nummer=d["arende"],
            data={k: str(v) for k, v in request.data.items()},
        )
        handelse.ny = ny
        return Response(
            SamtalshandelseOut(handelse).data,
            status=status.HTTP_201_CREATED if ny else status.HTTP_200_OK,
        )


class SamtalRegistreraApi(APIView):
    @extend_schema(
        summary=_("Registrera ett samtal (som snabbformuläret)"),
        operation_id="telefon_registrera",
        request=SamtalRegistreraIn,
        responses={201: ArendeDetaljOut},
    )
    def post(self, request):
        behorighet.kontrollera_skapa(request.user)
        indata = SamtalRegistreraIn(data=request.data)
        indata.is_valid(raise_exception=True)
        arende = services.samtal_registrera(av=request.user, **indata.validated_data)
        return arende_skapat_svar(request, arende)

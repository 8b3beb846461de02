"""The brev API: register a scanned letter (multipart: the PDF and its facts)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.views import APIView

from arenden import behorighet
from arenden.api import ArendeDetaljOut, arende_skapat_svar
from kanaler.brev import services
from kanaler.brev.indata import BrevRegistreraIn


class BrevRegistreraApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=_("Registrera ett skannat brev"),
        operation_id="brev_registrera",
        request={"multipart/form-data": BrevRegistreraIn},
        responses={
            201: ArendeDetaljOut,
            400: OpenApiResponse(description=_("Ingen PDF, tom eller för stor fil")),
            409: OpenApiResponse(description=_("Samma skanning är redan registrerad")),
        },
    )
    def post(self, request):
        behorighet.kontrollera_skapa(request.user)
        indata = BrevRegistreraIn.fran_formular(request.data, request.FILES)
        indata.is_valid(raise_exception=True)
        arende = services.brev_registrera(av=request.user, **indata.validated_data)
        return arende_skapat_svar(request, arende)

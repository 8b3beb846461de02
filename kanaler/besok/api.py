"""The besök API: register a visit as the reception's quick form does."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from arenden import behorighet
from arenden.api import ArendeDetaljOut, arende_skapat_svar
from kanaler.besok import services
from kanaler.besok.indata import BesokRegistreraIn


class BesokRegistreraApi(APIView):
    @extend_schema(
        summary=_("Registrera ett besök"),
        operation_id="besok_registrera",
        request=BesokRegistreraIn,
        responses={201: ArendeDetaljOut},
    )
    def post(self, request):
        behorighet.kontrollera_skapa(request.user)
        indata = BesokRegistreraIn(data=request.data)
        indata.is_valid(raise_exception=True)
        arende = services.besok_registrera(av=request.user, **indata.validated_data)
        return arende_skapat_svar(request, arende)

"""REST API of the kunskapsbank under /api/v1/kunskapsbank/.

Search and reading are open to the public (published public articles only); staff see
internal articles too and write through the status rules. Errors leave as
{"code", "message", "extra"} like every other endpoint.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from arenden import behorighet as arende_behorighet
from arenden.models import Forvaltning, Kategori, RosaNiva
from kunskapsbank import behorighet, flytt, selectors, services
from kunskapsbank.errors import ArtikelBehorighetSaknas, ImportFel
from kunskapsbank.models import ArtikelStatus, Malgrupp

# ---------------------------------------------------------------------------------------
# Output


class TraffOut(serializers.Serializer):
    id = serializers.IntegerField()
    fraga = serializers.CharField()
    snippet = serializers.CharField(help_text="Svaret kring träffen, HTML med <mark>.")
    poang = serializers.FloatField()
    malgrupp = serializers.ChoiceField(choices=Malgrupp.choices)
    forvaltning = serializers.CharField()


class SokOut(serializers.Serializer):
    sokning_id = serializers.IntegerField(
        help_text="Skicka med när en artikel används, så vet luckrapporten att sökningen gav svar."
    )
    resultat = TraffOut(many=True)


class ArtikelOut(serializers.Serializer):
    id = serializers.IntegerField()
    fraga = serializers.CharField()
    alternativa_fragor = serializers.ListField(child=serializers.CharField())
    svar = serializers.CharField(help_text="Tvättad HTML.")
    svar_text = serializers.CharField()
    forvaltning = serializers.CharField(source="forvaltning.namn")
    kategori = serializers.CharField(source="kategori.namn", allow_null=True, default=None)
    rosa = serializers.IntegerField()
    malgrupp = serializers.ChoiceField(choices=Malgrupp.choices)
    status = serializers.ChoiceField(choices=ArtikelStatus.choices)
    agare = serializers.CharField(source="agare.username", allow_null=True, default=None)
    granskas_senast = serializers.DateField(allow_null=True)
    kalla_arende = serializers.CharField(
        source="kalla_arende.nummer", allow_null=True, default=None
    )
    anvandningar = serializers.IntegerField()
    version = serializers.IntegerField()
    andrad = serializers.DateTimeField()


class VersionDiffOut(serializers.Serializer):
    diff = serializers.ListField(
        child=serializers.CharField(), help_text="Unified diff, en rad per element."
    )


class VersionOut(serializers.Serializer):
    nummer = serializers.IntegerField()
    fraga = serializers.CharField()
    status = serializers.CharField()
    malgrupp = serializers.CharField()
    andrad_av = serializers.CharField(source="andrad_av.username", allow_null=True, default=None)
    tid = serializers.DateTimeField()
    kommentar = serializers.CharField()


class LuckaOut(serializers.Serializer):
    text = serializers.CharField()
    antal = serializers.IntegerField()
    utan_traff = serializers.IntegerField()
    aldrig_anvand = serializers.IntegerField()


# ---------------------------------------------------------------------------------------
# Input


class SokIn(serializers.Serializer):
    q = serializers.CharField(max_length=300)
    antal = serializers.IntegerField(min_value=1, max_value=50, default=10)


class ArtikelIn(serializers.Serializer):
    fraga = serializers.CharField(max_length=300)
    svar = serializers.CharField(help_text="HTML; allt utom enkel textformatering tas bort.")
    alternativa_fragor = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    forvaltning = serializers.PrimaryKeyRelatedField(queryset=Forvaltning.objects.all())
    kategori = serializers.PrimaryKeyRelatedField(
        queryset=Kategori.objects.all(), required=False, allow_null=True
    )
    rosa = serializers.ChoiceField(choices=RosaNiva.choices, default=RosaNiva.INFORMATION)
    malgrupp = serializers.ChoiceField(choices=Malgrupp.choices, default=Malgrupp.INTERN)
    granskas_senast = serializers.DateField(required=False, allow_null=True)


class ArtikelAndraIn(ArtikelIn):
    version = serializers.IntegerField(help_text="Versionen du läste.")
    kommentar = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)

    def validate(self, attrs):
        # Partial: every field may be left out except the version (the optimistic lock).
        if "version" not in attrs:
            raise serializers.ValidationError(
                {"version": _("Ange versionen du läste, så att ingen annans ändring skrivs över.")}
            )
        return attrs


class StatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=ArtikelStatus.choices)
    version = serializers.IntegerField(required=False)
    kommentar = serializers.CharField(required=False, allow_blank=True, max_length=300)


class AnvandIn(serializers.Serializer):
    arende = serializers.CharField(help_text="Ärendenummer, t.ex. KC-2026-000123.")
    sokning_id = serializers.IntegerField(required=False, allow_null=True)


class ForslagIn(serializers.Serializer):
    arende = serializers.CharField(help_text="Det eskalerade ärendets nummer.")


# ---------------------------------------------------------------------------------------
# Views

_FEL = {
    400: OpenApiResponse(description=_("Ogiltiga uppgifter")),
    403: OpenApiResponse(description=_("Behörighet saknas")),
    404: OpenApiResponse(description=_("Artikeln finns inte")),
    409: OpenApiResponse(description=_("Statusbytet är inte tillåtet eller artikeln har ändrats")),
}


class SokApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("Sök i kunskapsbanken"),
        description=_(
            "Rankade artiklar för en fråga: fulltext (svensk), stavfel, sammansatta ord och "
            "synonymer. Utan inloggning söks bara publicerade publika artiklar."
        ),
        parameters=[SokIn],
        responses=SokOut,
    )
    def get(self, request):
        indata = SokIn(data=request.query_params)
        indata.is_valid(raise_exception=True)
        resultat = selectors.artikel_sok(
            user=request.user,
            fraga=indata.validated_data["q"],
            antal=indata.validated_data["antal"],
        )
        return Response(
            SokOut({"sokning_id": resultat.sokning_id, "resultat": resultat.traffar}).data
        )


class ArtikelListaApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("Lista artiklar"),
        parameters=[
            OpenApiParameter("status", enum=ArtikelStatus.values),
            OpenApiParameter("forvaltning", OpenApiTypes.INT),
        ],
        responses=ArtikelOut(many=True),
    )
    def get(self, request):
        qs = behorighet.artikel_queryset_for_user(request.user).select_related("kalla_arende")
        if request.query_params.get("status") in ArtikelStatus.values:
            qs = qs.filter(status=request.query_params["status"])
        if request.query_params.get("forvaltning", "").isdigit():
            qs = qs.filter(forvaltning_id=int(request.query_params["forvaltning"]))
        return Response(ArtikelOut(qs.order_by("fraga", "id")[:500], many=True).data)

    @extend_schema(
        summary=_("Skapa artikel (utkast)"), request=ArtikelIn, responses={201: ArtikelOut, **_FEL}
    )
    def post(self, request):
        behorighet.kontrollera_skriva(request.user)
        indata = ArtikelIn(data=request.data)
        indata.is_valid(raise_exception=True)
        behorighet.kontrollera_forvaltning(request.user, indata.validated_data["forvaltning"])
        artikel = services.artikel_skapa(
            av=request.user, agare=request.user, **indata.validated_data
        )
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel.pk)
        return Response(ArtikelOut(artikel).data, status=status.HTTP_201_CREATED)


class ArtikelDetaljApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(summary=_("Hämta artikel"), responses={200: ArtikelOut, 404: _FEL[404]})
    def get(self, request, artikel_id: int):
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        return Response(ArtikelOut(artikel).data)

    @extend_schema(
        summary=_("Ändra artikel (ny version)"),
        request=ArtikelAndraIn,
        responses={200: ArtikelOut, **_FEL},
    )
    def patch(self, request, artikel_id: int):
        behorighet.kontrollera_skriva(request.user)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        indata = ArtikelAndraIn(data=request.data)
        indata.is_valid(raise_exception=True)
        data = dict(indata.validated_data)
        version = data.pop("version")
        kommentar = data.pop("kommentar", "")
        behorighet.kontrollera_andra(request.user, artikel)
        behorighet.kontrollera_forvaltning(request.user, data.get("forvaltning"))
        services.artikel_andra(
            artikel=artikel, av=request.user, version=version, kommentar=kommentar, **data
        )
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        return Response(ArtikelOut(artikel).data)


class ArtikelStatusApi(APIView):
    @extend_schema(
        summary=_("Byt status: utkast → granskning → publicerad → arkiverad"),
        request=StatusIn,
        responses={200: ArtikelOut, **_FEL},
    )
    def post(self, request, artikel_id: int):
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        indata = StatusIn(data=request.data)
        indata.is_valid(raise_exception=True)
        behorighet.kontrollera_status(request.user, artikel, indata.validated_data["status"])
        services.artikel_byt_status(artikel=artikel, av=request.user, **indata.validated_data)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        return Response(ArtikelOut(artikel).data)


class ArtikelVersionerApi(APIView):
    @extend_schema(
        summary=_("Artikelns versioner, eller skillnaden mellan två"),
        parameters=[
            OpenApiParameter("fran", OpenApiTypes.INT, description=_("Diff från version")),
            OpenApiParameter("till", OpenApiTypes.INT, description=_("Diff till version")),
        ],
        responses={
            200: OpenApiResponse(
                response=PolymorphicProxySerializer(
                    component_name="VersionerEllerDiff",
                    serializers=[VersionOut(many=True), VersionDiffOut],
                    resource_type_field_name=None,
                    many=False,
                ),
                description=_('Versionerna; med fran och till: {"diff": [rader]}'),
            )
        },
    )
    def get(self, request, artikel_id: int):
        behorighet.kontrollera_skriva(request.user)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        fran, till = request.query_params.get("fran", ""), request.query_params.get("till", "")
        if fran.isdigit() and till.isdigit():
            return Response(
                {"diff": selectors.versioner_diff(artikel=artikel, fran=int(fran), till=int(till))}
            )
        return Response(VersionOut(selectors.artikel_versioner(artikel=artikel), many=True).data)


class ArtikelAnvandApi(APIView):
    @extend_schema(
        summary=_("Registrera att artikeln besvarade ett ärende"),
        request=AnvandIn,
        responses={201: OpenApiResponse(description=_("Användningen registrerad")), **_FEL},
    )
    def post(self, request, artikel_id: int):
        behorighet.kontrollera_skriva(request.user)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel_id)
        indata = AnvandIn(data=request.data)
        indata.is_valid(raise_exception=True)
        arende = arende_behorighet.arende_get_for_user(
            user=request.user, nummer=indata.validated_data["arende"]
        )
        anvandning = services.artikel_anvand(
            artikel=artikel,
            arende=arende,
            av=request.user,
            sokning_id=indata.validated_data.get("sokning_id"),
        )
        return Response(
            {"forsta_kontakt": anvandning.forsta_kontakt}, status=status.HTTP_201_CREATED
        )


class ForslagApi(APIView):
    @extend_schema(
        summary=_("Föreslå ett eskalerat ärendes svar som artikel"),
        description=_("Skapar ett utkast i granskning för förvaltningen, kopplat till ärendet."),
        request=ForslagIn,
        responses={201: ArtikelOut, **_FEL},
    )
    def post(self, request):
        behorighet.kontrollera_skriva(request.user)
        indata = ForslagIn(data=request.data)
        indata.is_valid(raise_exception=True)
        arende = arende_behorighet.arende_get_for_user(
            user=request.user, nummer=indata.validated_data["arende"]
        )
        artikel = services.artikel_forsla_fran_arende(arende=arende, av=request.user)
        artikel = behorighet.artikel_get_for_user(user=request.user, artikel_id=artikel.pk)
        return Response(ArtikelOut(artikel).data, status=status.HTTP_201_CREATED)


class GranskaApi(APIView):
    @extend_schema(
        summary=_("Artiklar som passerat sitt granskningsdatum"),
        responses=ArtikelOut(many=True),
    )
    def get(self, request):
        behorighet.kontrollera_skriva(request.user)
        return Response(
            ArtikelOut(selectors.artiklar_att_granska(user=request.user), many=True).data
        )


class LuckorApi(APIView):
    @extend_schema(
        summary=_("Kunskapsluckor: sökningar utan träff eller vars svar aldrig användes"),
        responses=LuckaOut(many=True),
    )
    def get(self, request):
        if not behorighet.kan_se_rapporter(request.user):
            raise ArtikelBehorighetSaknas(_("Rapporten är för teamledare och administratörer."))
        return Response(LuckaOut(selectors.kunskapsluckor(user=request.user), many=True).data)


class ExportApi(APIView):
    @extend_schema(
        summary=_("Exportera artiklar som JSON eller CSV"),
        parameters=[OpenApiParameter("typ", enum=["json", "csv"], default="json")],
        responses={
            # The export format: a list of articles (kunskapsbank/flytt.py, KOLUMNER).
            (200, "application/json"): {"type": "array", "items": {"type": "object"}},
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def get(self, request):
        behorighet.kontrollera_skriva(request.user)
        artiklar = behorighet.artikel_queryset_for_user(request.user).order_by("id")
        if request.query_params.get("typ") == "csv":
            svar = HttpResponse(
                flytt.exportera_csv(artiklar), content_type="text/csv; charset=utf-8"
            )
            svar["Content-Disposition"] = 'attachment; filename="kunskapsbank.csv"'
            return svar
        svar = HttpResponse(
            flytt.exportera_json(artiklar), content_type="application/json; charset=utf-8"
        )
        svar["Content-Disposition"] = 'attachment; filename="kunskapsbank.json"'
        return svar


class ImportApi(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary=_("Importera artiklar från JSON eller CSV"),
        description=_(
            "JSON: en lista med artiklar i exportformatet. CSV: en fil i fältet `fil` med "
            "exportens kolumner. Allt eller inget; publicerade artiklar kräver teamledare."
        ),
        request={
            "application/json": OpenApiTypes.OBJECT,
            "multipart/form-data": {
                "type": "object",
                "properties": {"fil": {"type": "string", "format": "binary"}},
            },
        },
        responses={201: OpenApiResponse(description=_('{"importerade": antal}')), **_FEL},
    )
    def post(self, request):
        behorighet.kontrollera_skriva(request.user)
        fil = request.FILES.get("fil")
        if fil is not None:
            text = flytt.las_text(fil.read())
            rader = flytt.las_json(text) if fil.name.endswith(".json") else flytt.las_csv(text)
        elif isinstance(request.data, list):
            rader = flytt.las_lista(request.data)
        else:
            raise ImportFel(_("Skicka en lista med artiklar eller en fil i fältet fil."))
        publicerar = any((r.get("status") or "") == ArtikelStatus.PUBLICERAD for r in rader)
        if publicerar and not behorighet.kan_se_rapporter(request.user):
            raise ArtikelBehorighetSaknas(
                _("Bara teamledare och administratörer får importera publicerade artiklar.")
            )
        medarbetare = getattr(request.user, "medarbetare", None)
        if medarbetare is None:
            raise ArtikelBehorighetSaknas(_("Du hör inte till någon kommun."))
        antal = flytt.artiklar_importera(
            rader=rader, av=request.user, kommun_id=medarbetare.kommun_id
        )
        return Response({"importerade": antal}, status=status.HTTP_201_CREATED)

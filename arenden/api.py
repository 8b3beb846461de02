"""REST API for ärenden: list, create, detail, one POST endpoint per service action.

Views are thin: parse with a small input serializer, fetch through the access module, call
one service, answer with the output serializer. Errors leave as {"code", "message", "extra"}.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from arenden import atgarder, behorighet, selectors, services
from arenden.filter import ArendeFilterIn, nasta_fraga
from arenden.models import Arende, Forvaltning, Handelse, Kanal, Kategori, Meddelande

# ---------------------------------------------------------------------------------------
# Output


class _Ref(serializers.Serializer):
    id = serializers.IntegerField()
    namn = serializers.CharField()


class ForvaltningOut(serializers.ModelSerializer):
    kommun = serializers.CharField(source="kommun.namn")

    class Meta:
        model = Forvaltning
        fields = ["id", "namn", "kommun", "epost"]


class KategoriOut(serializers.ModelSerializer):
    forvaltning = _Ref()

    class Meta:
        model = Kategori
        fields = ["id", "namn", "forvaltning", "standard_rosa", "sla_arbetsdagar", "diarieford"]


class KontaktOut(serializers.Serializer):
    namn = serializers.CharField()
    epost = serializers.CharField()
    telefon = serializers.CharField()
    personnummer = serializers.CharField(source="personnummer_maskerat")
    organisationsnummer = serializers.CharField(source="organisationsnummer_formaterat")


# Formats a datetime as every DateTimeField of the API does (ISO 8601, the local time zone).
_DATUM = serializers.DateTimeField()
_HANDELSETYPER = dict(Handelse.Typ.choices)


class ArendeListaOut(serializers.ModelSerializer):
    """A row of a list or search: a sekretessmarkerat ärende's rubrik and kontakt stay out, so
    that a list is never a read of one (only opening it is, and that is logged)."""

    rubrik = serializers.SerializerMethodField()
    kategori = _Ref(allow_null=True)
    forvaltning = _Ref(allow_null=True)
    tilldelad = serializers.CharField(source="tilldelad.username", allow_null=True, default=None)
    svarsgrupp = serializers.CharField(source="svarsgrupp.namn", allow_null=True, default=None)
    kontakt = serializers.SerializerMethodField()
    forsenat = serializers.BooleanField(source="ar_forsenat")

    def get_rubrik(self, arende) -> str:
        return behorighet.listrad_rubrik(arende)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_kontakt(self, arende) -> str | None:
        return behorighet.listrad_kontakt(arende)

    def to_representation(self, a):
        # The fields above, read straight off the row: DRF's field-by-field machinery cost
        # 3.8 ms for a page of 50 (tests/arenden/test_api_utdata.py holds both to the same
        # answer). Datetimes go through DRF's own field, for its time zone and format.
        tid = self._tid
        return {
            "nummer": a.nummer,
            "rubrik": self.get_rubrik(a),
            "kanal": a.kanal,
            "status": a.status,
            "utfall": a.utfall,
            "rosa": a.rosa,
            "kategori": {"id": a.kategori.pk, "namn": a.kategori.namn} if a.kategori_id else None,
            "forvaltning": {"id": a.forvaltning.pk, "namn": a.forvaltning.namn}
            if a.forvaltning_id
            else None,
            "tilldelad": a.tilldelad.username if a.tilldelad_id else None,
            "svarsgrupp": a.svarsgrupp.namn if a.svarsgrupp_id else None,
            "kontakt": self.get_kontakt(a),
            "inkom": tid(a.inkom),
            "svar_senast": tid(a.svar_senast),
            "forsenat": a.ar_forsenat,
            "sekretess": a.sekretess,
            "version": a.version,
        }

    @staticmethod
    def _tid(varde):
        return _DATUM.to_representation(varde) if varde is not None else None

    class Meta:
        model = Arende
        fields = [
            "nummer", "rubrik", "kanal", "status", "utfall", "rosa", "kategori", "forvaltning",
            "tilldelad", "svarsgrupp", "kontakt", "inkom", "svar_senast", "forsenat", "sekretess",
            "version",
        ]  # fmt: skip


class HandelseOut(serializers.ModelSerializer):
    aktor = serializers.CharField(source="aktor.username", allow_null=True, default=None)
    arende = serializers.CharField(source="arende.nummer")
    beskrivning = serializers.CharField(source="get_typ_display")

    def to_representation(self, h):
        # As ArendeListaOut.to_representation: the fields above, straight off the row.
        return {
            "id": h.pk,
            "arende": h.arende.nummer,
            "typ": h.typ,
            "beskrivning": str(_HANDELSETYPER.get(h.typ, h.typ)),
            "aktor": h.aktor.username if h.aktor_id else None,
            "tid": ArendeListaOut._tid(h.tid),
            "data": h.data,
        }

    class Meta:
        model = Handelse
        fields = ["id", "arende", "typ", "beskrivning", "aktor", "tid", "data"]


class MeddelandeOut(serializers.ModelSerializer):
    def to_representation(self, m):
        # As ArendeListaOut.to_representation: the fields below, straight off the row.
        return {
            "id": m.pk,
            "riktning": m.riktning,
            "kanal": m.kanal,
            "avsandare": m.avsandare,
            "mottagare": m.mottagare,
            "amne": m.amne,
            "text": m.text,
            "skapad": ArendeListaOut._tid(m.skapad),
        }

    class Meta:
        model = Meddelande
        fields = ["id", "riktning", "kanal", "avsandare", "mottagare", "amne", "text", "skapad"]


class ArendeDetaljOut(ArendeListaOut):
    # The detail is a read (logged for a secret ärende), so it shows the rubrik as it is.
    rubrik = serializers.CharField()
    kontakt = KontaktOut(allow_null=True)
    sammanslagen_med = serializers.CharField(
        source="sammanslagen_med.nummer", allow_null=True, default=None
    )
    tidslinje = serializers.SerializerMethodField()
    meddelanden = serializers.SerializerMethodField()

    class Meta(ArendeListaOut.Meta):
        fields = [
            *ArendeListaOut.Meta.fields,
            "beskrivning", "forsta_svar", "besvarad", "avslutad", "eskalerad", "diarienummer",
            "sammanslagen_med", "tidslinje", "meddelanden",
        ]  # fmt: skip

    def to_representation(self, a):
        # The list's fields and the detail's, as in ArendeListaOut.to_representation.
        rad = super().to_representation(a)
        tid = self._tid
        rad.update(
            rubrik=a.rubrik,
            kontakt=KontaktOut(a.kontakt).data if a.kontakt_id else None,
            beskrivning=a.beskrivning,
            forsta_svar=tid(a.forsta_svar),
            besvarad=tid(a.besvarad),
            avslutad=tid(a.avslutad),
            eskalerad=tid(a.eskalerad),
            diarienummer=a.diarienummer,
            sammanslagen_med=a.sammanslagen_med.nummer if a.sammanslagen_med_id else None,
            tidslinje=self.get_tidslinje(a),
            meddelanden=self.get_meddelanden(a),
        )
        return rad

    @extend_schema_field(HandelseOut(many=True))
    def get_tidslinje(self, arende) -> list[dict]:
        return HandelseOut(selectors.arende_tidslinje(arende=arende), many=True).data

    @extend_schema_field(MeddelandeOut(many=True))
    def get_meddelanden(self, arende) -> list[dict]:
        meddelanden = selectors.arende_meddelanden(arende=arende, bilagor=False)
        return MeddelandeOut(meddelanden, many=True).data


# ---------------------------------------------------------------------------------------
# Input


class KontaktIn(serializers.Serializer):
    namn = serializers.CharField(required=False, allow_blank=True, max_length=200)
    epost = serializers.EmailField(required=False, allow_blank=True)
    telefon = serializers.CharField(required=False, allow_blank=True, max_length=30)
    personnummer = serializers.CharField(required=False, allow_blank=True, max_length=13)
    organisationsnummer = serializers.CharField(required=False, allow_blank=True, max_length=11)


class ArendeSkapaIn(serializers.Serializer):
    rubrik = serializers.CharField(max_length=200)
    beskrivning = serializers.CharField(required=False, allow_blank=True, default="")
    kanal = serializers.ChoiceField(choices=Kanal.choices)
    kategori = serializers.PrimaryKeyRelatedField(
        queryset=Kategori.objects.filter(aktiv=True), required=False, allow_null=True
    )
    forvaltning = serializers.PrimaryKeyRelatedField(
        queryset=Forvaltning.objects.filter(aktiv=True), required=False, allow_null=True
    )
    rosa = atgarder.Rosa(required=False, allow_null=True)
    kontakt = KontaktIn(required=False)
    inkom = serializers.DateTimeField(required=False)
    sekretess = serializers.BooleanField(required=False, default=False)


# ---------------------------------------------------------------------------------------
# Views


def arende_skapat_svar(request, arende: Arende) -> Response:
    """Answer a registration: 201 with the new ärende as its reader may see it, and Location."""
    arende = behorighet.arende_get_for_user(user=request.user, nummer=arende.nummer, kanda=arende)
    return Response(
        ArendeDetaljOut(arende).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": reverse("api:arende", args=[arende.nummer])},
    )


class ArendeListaApi(APIView):
    @extend_schema(
        summary=_("Lista ärenden"),
        operation_id="arenden_lista",
        parameters=[ArendeFilterIn],
        responses=inline_serializer(
            "ArendeSida",
            {
                "results": ArendeListaOut(many=True),
                "next": serializers.URLField(allow_null=True),
            },
        ),
    )
    def get(self, request):
        parametrar = ArendeFilterIn(data=request.query_params)
        parametrar.is_valid(raise_exception=True)
        sida = parametrar.sida(user=request.user)
        fraga = nasta_fraga(request.query_params, sida)
        nasta = request.build_absolute_uri(f"{request.path}?{fraga}") if fraga else None
        return Response({"results": ArendeListaOut(sida.rader, many=True).data, "next": nasta})

    @extend_schema(
        summary=_("Registrera ärende"), request=ArendeSkapaIn, responses={201: ArendeDetaljOut}
    )
    def post(self, request):
        behorighet.kontrollera_skapa(request.user)
        indata = ArendeSkapaIn(data=request.data)
        indata.is_valid(raise_exception=True)
        arende = services.arende_registrera(av=request.user, **indata.validated_data)
        return arende_skapat_svar(request, arende)


class ArendeDetaljApi(APIView):
    @extend_schema(
        summary=_("Hämta ärende med tidslinje"),
        operation_id="arende_hamta",
        responses=ArendeDetaljOut,
    )
    def get(self, request, nummer: str):
        arende = behorighet.arende_get_for_user(user=request.user, nummer=nummer)
        return Response(ArendeDetaljOut(arende).data)


class _AtgardApi(APIView):
    """POST /api/v1/arenden/<nummer>/<åtgärd>/: run one action, return the fresh ärende."""

    atgard: str

    def post(self, request, nummer: str):
        arende = behorighet.arende_get_for_user(user=request.user, nummer=nummer)
        with services.atomic_block() as block:
            atgarder.utfor(user=request.user, arende=arende, atgard=self.atgard, data=request.data)
        # Read back after the commit; the related rows the action left are not read again.
        arende = behorighet.arende_get_for_user(
            user=request.user,
            nummer=arende.nummer,
            logga_lasning=False,
            kanda=block.skrivet(arende) or arende,
        )
        return Response(ArendeDetaljOut(arende).data)


def _atgard_vy(definition: atgarder.Definition):
    """Build the endpoint of one action, with its OpenAPI description."""
    klass = type(f"{definition.namn.title()}Api", (_AtgardApi,), {"atgard": definition.namn})
    return extend_schema_view(
        post=extend_schema(
            summary=str(definition.rubrik),
            operation_id=f"arende_{definition.namn}",
            request=definition.indata,
            responses={
                200: ArendeDetaljOut,
                400: OpenApiResponse(description=_("Ogiltiga uppgifter")),
                403: OpenApiResponse(description=_("Behörighet saknas")),
                404: OpenApiResponse(description=_("Ärendet finns inte")),
                409: OpenApiResponse(description=_("Ärendet har ändrats eller är upptaget")),
            },
        )
    )(klass)


ATGARD_VYER = {namn: _atgard_vy(definition) for namn, definition in atgarder.ATGARDER.items()}


@extend_schema(summary=_("Lista förvaltningar"))
class ForvaltningListaApi(ListAPIView):
    serializer_class = ForvaltningOut
    pagination_class = None

    def get_queryset(self):
        return selectors.forvaltning_lista(
            kommun_id=behorighet.kommun_id_for_user(self.request.user)
        )


@extend_schema(summary=_("Lista kategorier (ärendetyper)"))
class KategoriListaApi(ListAPIView):
    serializer_class = KategoriOut
    pagination_class = None

    def get_queryset(self):
        return selectors.kategori_lista(kommun_id=behorighet.kommun_id_for_user(self.request.user))

"""`GET /api/v1/statistik/`: every measure for a period as JSON with stable, documented keys.

The output serializers below are the schema: they both render the result and document it in
OpenAPI, so the keys cannot drift from what the API returns.
"""

from datetime import timedelta

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from arenden import behorighet
from arenden.errors import OgiltigUppgift
from arenden.models import Forvaltning, Kanal
from arenden.statistik import matt
from arenden.statistik.berakna import Urval, statistik_berakna

# A longer period is a report for a batch job, not an interactive query.
LANGSTA_PERIOD = timedelta(days=3 * 366)

# ---------------------------------------------------------------------------------------
# Input


class StatistikIn(serializers.Serializer):
    fran = serializers.DateField(help_text="Första dagen (inklusive), YYYY-MM-DD.")
    till = serializers.DateField(help_text="Sista dagen (inklusive), YYYY-MM-DD.")
    kanal = serializers.ChoiceField(choices=Kanal.choices, required=False, allow_blank=True)
    forvaltning = serializers.PrimaryKeyRelatedField(
        queryset=Forvaltning.objects.all(), required=False, allow_null=True
    )

    def validate(self, data):
        if data["till"] < data["fran"]:
            raise OgiltigUppgift(
                _("Periodens slut ligger före dess början."), code="statistik_period"
            )
        if data["till"] - data["fran"] > LANGSTA_PERIOD:
            raise OgiltigUppgift(
                _("Perioden får vara högst tre år."), code="statistik_period_for_lang"
            )
        return data


def urval_fran(*, user, data: dict) -> Urval:
    """Build the selection from validated input, scoped to the user's kommun."""
    forvaltning = data.get("forvaltning")
    return Urval(
        fran=data["fran"],
        till=data["till"],
        kanal=data.get("kanal") or None,
        forvaltning_id=forvaltning.pk if forvaltning else None,
        kommun_id=behorighet.statistik_kommun_id(user),
    )


def statistik_for_anvandare(*, user, urval: Urval, endast_nyckeltal: bool = False) -> dict:
    """Check the role and compute; per-person figures only for a teamledare."""
    behorighet.kontrollera_statistik(user)
    return statistik_berakna(
        urval=urval,
        per_person=behorighet.kan_se_statistik_per_person(user),
        endast_nyckeltal=endast_nyckeltal,
    )


# ---------------------------------------------------------------------------------------
# Output (the documented keys)


def _andel(text: str = "0–1, null när nämnaren är 0."):
    return serializers.FloatField(allow_null=True, help_text=text)


class PeriodOut(serializers.Serializer):
    fran = serializers.DateField()
    till = serializers.DateField()


class FilterOut(serializers.Serializer):
    kanal = serializers.CharField(allow_null=True)
    forvaltning = serializers.IntegerField(allow_null=True)


class EpostOut(serializers.Serializer):
    antal = serializers.IntegerField()
    inom_en_arbetsdag = serializers.IntegerField()
    inom_tva_arbetsdagar = serializers.IntegerField()
    obesvarade = serializers.IntegerField()
    andel_inom_en_arbetsdag = _andel(str(matt.EPOST_INOM_EN.definition))
    andel_inom_tva_arbetsdagar = _andel(str(matt.EPOST_INOM_TVA.definition))
    andel_obesvarade = _andel(str(matt.EPOST_OBESVARADE.definition))
    medel_timmar = serializers.FloatField(allow_null=True, help_text="Arbetsdagstimmar.")
    median_timmar = serializers.FloatField(allow_null=True, help_text="Arbetsdagstimmar.")


class ForstaKontaktKanalOut(serializers.Serializer):
    kanal = serializers.CharField()
    avslutade = serializers.IntegerField()
    losta = serializers.IntegerField()
    andel = _andel()


class ForstaKontaktOut(serializers.Serializer):
    avslutade = serializers.IntegerField()
    losta = serializers.IntegerField()
    andel = _andel(str(matt.FORSTA_KONTAKT.definition))
    per_kanal = ForstaKontaktKanalOut(many=True)


class RosaNivaOut(serializers.Serializer):
    niva = serializers.IntegerField()
    antal = serializers.IntegerField()
    andel = _andel()


class RosaOut(serializers.Serializer):
    med_niva = serializers.IntegerField()
    utan_niva = serializers.IntegerField()
    per_niva = RosaNivaOut(many=True, help_text=str(matt.ROSA_FORDELNING.definition))
    niva_1_4 = serializers.IntegerField()
    niva_1_4_eskalerade = serializers.IntegerField()
    andel_1_4_eskalerade = _andel(str(matt.ROSA_ESKALERADE.definition))


class ForsenadeRadOut(serializers.Serializer):
    forvaltning_id = serializers.IntegerField(allow_null=True)
    forvaltning = serializers.CharField()
    antal = serializers.IntegerField()


class ForsenadeOut(serializers.Serializer):
    totalt = serializers.IntegerField()
    per_forvaltning = ForsenadeRadOut(many=True)


class SlaOut(serializers.Serializer):
    med_svarstid = serializers.IntegerField()
    inom_svarstid = serializers.IntegerField()
    andel_inom_svarstid = _andel(str(matt.SLA_INOM.definition))
    forsenade_nu = ForsenadeOut(help_text=str(matt.SLA_FORSENADE.definition))


class KanalAntalOut(serializers.Serializer):
    kanal = serializers.CharField()
    antal = serializers.IntegerField()
    andel = _andel()


class KategoriAntalOut(serializers.Serializer):
    kategori_id = serializers.IntegerField(allow_null=True)
    kategori = serializers.CharField()
    antal = serializers.IntegerField()
    andel = _andel()


class RosaAntalOut(serializers.Serializer):
    niva = serializers.IntegerField(allow_null=True)
    antal = serializers.IntegerField()


class TidsperiodOut(serializers.Serializer):
    period = serializers.DateField(help_text="Dagen, veckans måndag eller månadens första dag.")
    antal = serializers.IntegerField()
    per_kanal = serializers.DictField(child=serializers.IntegerField(), help_text="kanal → antal")


class VeckodagTimmeOut(serializers.Serializer):
    veckodag = serializers.IntegerField(help_text="1 = måndag … 7 = söndag")
    timme = serializers.IntegerField(help_text="0–23, svensk tid")
    antal = serializers.IntegerField()


class VolymOut(serializers.Serializer):
    per_kanal = KanalAntalOut(many=True)
    per_kategori = KategoriAntalOut(many=True)
    per_rosa = RosaAntalOut(many=True)
    per_dag = TidsperiodOut(many=True)
    per_vecka = TidsperiodOut(many=True)
    per_manad = TidsperiodOut(many=True)
    veckodag_timme = VeckodagTimmeOut(many=True)


class ForvaltningAntalOut(serializers.Serializer):
    forvaltning_id = serializers.IntegerField()
    forvaltning = serializers.CharField()
    antal = serializers.IntegerField()
    andel = _andel("Andel av ärendena som har förvaltning.")


class PerForvaltningOut(serializers.Serializer):
    med_forvaltning = serializers.IntegerField()
    utan_forvaltning = serializers.IntegerField()
    forvaltningar = ForvaltningAntalOut(many=True)


class MedarbetareOut(serializers.Serializer):
    anvandare_id = serializers.IntegerField()
    namn = serializers.CharField()
    antal = serializers.IntegerField()
    avslutade = serializers.IntegerField()
    losta = serializers.IntegerField()
    andel = _andel()


class TelefonKoOut(serializers.Serializer):
    ko = serializers.CharField(help_text="Kön som växeln rapporterade; tom om ingen.")
    inkommande = serializers.IntegerField()
    besvarade = serializers.IntegerField()
    missade = serializers.IntegerField(help_text="Missade och aldrig besvarade.")
    svarsfrekvens = _andel("besvarade / inkommande; null utan samtal.")
    losta_forsta_kontakt = serializers.IntegerField(
        help_text="Besvarade samtal vars ärende löstes av kontaktcentret utan eskalering."
    )
    andel_losta_forsta_kontakt = _andel("losta_forsta_kontakt / besvarade.")
    aterringningar = serializers.IntegerField(
        help_text="Missade samtal som blev ett återuppringningsärende."
    )
    aterringningar_gjorda = serializers.IntegerField(
        help_text="Återuppringningsärenden som är besvarade eller avslutade."
    )


class TelefonOut(TelefonKoOut):
    ko = None
    per_ko = TelefonKoOut(many=True)


class BesokTypOut(serializers.Serializer):
    typ = serializers.CharField(help_text="Besökstypens nyckel, t.ex. bokat, hanvisad.")
    namn = serializers.CharField()
    antal = serializers.IntegerField()
    andel = _andel("Typens andel av periodens besök.")


class BesokOut(serializers.Serializer):
    antal = serializers.IntegerField()
    per_typ = BesokTypOut(many=True, help_text="Varje besökstyp, även de utan besök.")


class ArtikelAntalOut(serializers.Serializer):
    artikel_id = serializers.IntegerField()
    fraga = serializers.CharField()
    antal = serializers.IntegerField(help_text="Periodens ärenden besvarade med artikeln.")


class StatistikLuckaOut(serializers.Serializer):
    text = serializers.CharField()
    antal = serializers.IntegerField()
    utan_traff = serializers.IntegerField()
    aldrig_anvand = serializers.IntegerField()


class KunskapsbankOut(serializers.Serializer):
    arenden_med_artikel = serializers.IntegerField()
    andel_med_artikel = _andel("arenden_med_artikel / antal (periodens ärenden).")
    forsta_kontakt_med_artikel = serializers.IntegerField()
    mest_anvanda = ArtikelAntalOut(many=True, help_text="Högst tio, flest ärenden först.")
    sokningar = serializers.IntegerField()
    sokningar_utan_traff = serializers.IntegerField()
    sokningar_aldrig_anvanda = serializers.IntegerField()
    luckor = StatistikLuckaOut(many=True, help_text="Högst tjugo, flest utan träff först.")


def _index():
    return serializers.FloatField(allow_null=True, help_text="0–100; null utan svar.")


class ServicematningKanalOut(serializers.Serializer):
    kanal = serializers.CharField()
    antal_svar = serializers.IntegerField(help_text="Besvarade enkäter.")
    enkelhet_index = _index()
    tydlighet_index = _index()
    bemotande_index = _index()
    enkelhet_antal = serializers.IntegerField()
    tydlighet_antal = serializers.IntegerField()
    bemotande_antal = serializers.IntegerField()


class ServicematningOut(ServicematningKanalOut):
    kanal = None
    per_kanal = ServicematningKanalOut(many=True)


class StatistikOut(serializers.Serializer):
    period = PeriodOut()
    filter = FilterOut()
    antal = serializers.IntegerField(help_text=str(matt.URVAL.definition))
    epost = EpostOut()
    forsta_kontakt = ForstaKontaktOut()
    rosa = RosaOut()
    sla = SlaOut()
    volym = VolymOut(help_text=str(matt.VOLYM.definition))
    per_forvaltning = PerForvaltningOut(help_text=str(matt.PER_FORVALTNING.definition))
    per_medarbetare = MedarbetareOut(
        many=True, allow_null=True, help_text=str(matt.PER_MEDARBETARE.definition)
    )
    telefon = TelefonOut(allow_null=True, help_text=str(matt.TELEFON.definition))
    besok = BesokOut(allow_null=True, help_text=str(matt.BESOK.definition))
    kunskapsbank = KunskapsbankOut(allow_null=True, help_text=str(matt.KUNSKAPSBANK.definition))
    servicematning = ServicematningOut(
        allow_null=True, help_text=str(matt.SERVICEMATNING.definition)
    )


class StatistikApi(APIView):
    @extend_schema(
        operation_id="statistik",
        summary="KKiK-mått, volymer och uppföljning för en period",
        parameters=[StatistikIn],
        responses={
            200: StatistikOut,
            400: OpenApiResponse(description="Ogiltig period eller filter."),
            403: OpenApiResponse(description="Bara teamledare och administratörer."),
        },
    )
    def get(self, request):
        behorighet.kontrollera_statistik(request.user)
        indata = StatistikIn(data=request.query_params)
        indata.is_valid(raise_exception=True)
        urval = urval_fran(user=request.user, data=indata.validated_data)
        resultat = statistik_for_anvandare(user=request.user, urval=urval)
        return Response(StatistikOut(resultat).data)

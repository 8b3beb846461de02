"""The work queue's filter parameters, parsed once for both the API and the UI."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arenden.kontaktuppgifter import ar_personnummersokning
from arenden.models import Kanal, RosaNiva, Status
from arenden.selectors import ORDNINGAR, STORSTA_SIDA, ArendeFilter, Sida, arende_sida


class _Lista(serializers.ListField):
    """A list given as repeated parameters (?status=a&status=b) or comma-separated."""

    def get_value(self, dictionary):
        if hasattr(dictionary, "getlist"):
            varden = [v for rad in dictionary.getlist(self.field_name) for v in rad.split(",")]
            varden = [v.strip() for v in varden if v.strip()]
            return varden or serializers.empty
        return super().get_value(dictionary)


class ArendeFilterIn(serializers.Serializer):
    status = _Lista(child=serializers.ChoiceField(choices=Status.choices), required=False)
    kanal = _Lista(child=serializers.ChoiceField(choices=Kanal.choices), required=False)
    rosa = _Lista(child=serializers.ChoiceField(choices=RosaNiva.choices), required=False)
    forvaltning = serializers.IntegerField(required=False, min_value=1)
    kategori = serializers.IntegerField(required=False, min_value=1)
    tilldelad = serializers.RegexField(
        r"^(mig|mina_grupper|ingen|\d+)$",
        required=False,
        help_text=_("”mig”, ”mina_grupper” (mina och mina svarsgruppers), ”ingen” eller ett id."),
        error_messages={"invalid": _("Ange ”mig”, ”mina_grupper”, ”ingen” eller ett användar-id.")},
    )
    inkom_fran = serializers.DateField(required=False, help_text=_("ÅÅÅÅ-MM-DD, inklusive."))
    inkom_till = serializers.DateField(required=False, help_text=_("ÅÅÅÅ-MM-DD, inklusive."))
    q = serializers.CharField(
        required=False,
        max_length=200,
        help_text=_(
            "Fritext: ärendenummer, rubrik, kontaktens namn, e-post eller telefon. "
            "Ett personnummer avvisas (400): det ska inte stå i en adress."
        ),
    )
    forsenade = serializers.BooleanField(required=False, default=False)
    ordning = serializers.ChoiceField(choices=list(ORDNINGAR), required=False, default="-inkom")
    antal = serializers.IntegerField(
        required=False, min_value=1, max_value=STORSTA_SIDA, default=50
    )
    cursor = serializers.CharField(required=False, max_length=200)

    def validate_q(self, varde: str) -> str:
        # A personnummer in a query string ends up in browser history, proxies and access
        # logs; it is searched for with POST (the person search, /sok/person/) instead.
        if ar_personnummersokning(varde):
            raise serializers.ValidationError(
                _(
                    "Sök inte på personnummer här: det hamnar i adressfältet och i loggar. "
                    "Använd Sök person, som skickar personnumret dolt."
                ),
                code="personnummer_i_adress",
            )
        return varde

    def validate(self, attrs):
        fran, till = attrs.get("inkom_fran"), attrs.get("inkom_till")
        if fran and till and fran > till:
            raise serializers.ValidationError(
                {"inkom_till": _("Slutdatum kan inte vara före startdatum.")}
            )
        return attrs

    def sida(self, *, user) -> Sida:
        """Return the page of the work queue these (validated) parameters ask for."""
        data = self.validated_data
        return arende_sida(
            user=user,
            filter=self.till_filter(),
            efter=data.get("cursor"),
            antal=data["antal"],
            ordning=data["ordning"],
        )

    def till_filter(self) -> ArendeFilter:
        data = self.validated_data
        return ArendeFilter(
            status=tuple(data.get("status", ())),
            kanal=tuple(data.get("kanal", ())),
            rosa=tuple(int(r) for r in data.get("rosa", ())),
            forvaltning=data.get("forvaltning"),
            kategori=data.get("kategori"),
            tilldelad=data.get("tilldelad", ""),
            inkom_fran=data.get("inkom_fran"),
            inkom_till=data.get("inkom_till"),
            text=data.get("q", ""),
            forsenade=data.get("forsenade", False),
        )


def nasta_fraga(parametrar, sida: Sida) -> str | None:
    """Return the query string of the next page (same filters, the page's cursor), or None."""
    if not sida.nasta:
        return None
    fraga = parametrar.copy()
    fraga["cursor"] = sida.nasta
    return fraga.urlencode()

"""Django admin for the catalogue administrators maintain: kommuner, förvaltningar,
kategorier and staff placement. Ärenden are changed only through the services, so the
admin shows them read-only, and only the ones the access module lets the user see."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arenden import behorighet, selectors
from arenden.errors import BehorighetSaknas
from arenden.models import (
    Arende,
    Forvaltning,
    Kategori,
    Kommun,
    Medarbetare,
    Svarsgrupp,
    Svarsmall,
)


class ArendeScopeMixin:
    """Show only the rows whose ärende the user may see (rows with none stay visible).

    An admin page is a list and a detail like any other: another kommun's ärenden and
    sekretessmarkerade ones the user is not named on must not reach it through a related row.
    Opening a row's page shows its ärende (`str(arende)`, with the rubrik) and what the row
    holds of it, so for a sekretessmarkerat ärende it is a read, logged as opening the ärende.
    """

    # The path from the row to its ärende, e.g. "arende" or "meddelande__arende".
    arende_falt = "arende"

    def get_queryset(self, request):
        synliga = behorighet.arende_queryset_for_user(request.user).values("pk")
        return (
            super()
            .get_queryset(request)
            .filter(
                Q(**{f"{self.arende_falt}__isnull": True})
                | Q(**{f"{self.arende_falt}__in": synliga})
            )
        )

    def get_object(self, request, object_id, from_field=None):
        """Fetch the row (from `get_queryset`); a read of a sekretess ärende is logged."""
        rad = super().get_object(request, object_id, from_field)
        arende = rad
        for namn in self.arende_falt.split("__"):
            arende = getattr(arende, namn, None) if arende is not None else None
        if arende is not None:
            behorighet.sekretess_lasning_logga(user=request.user, arende=arende)
        return rad


@admin.register(Kommun)
class KommunAdmin(admin.ModelAdmin):
    list_display = ["namn", "kommunkod"]


@admin.register(Forvaltning)
class ForvaltningAdmin(admin.ModelAdmin):
    list_display = ["namn", "kommun", "epost", "aktiv"]
    list_filter = ["kommun", "aktiv"]


@admin.register(Kategori)
class KategoriAdmin(admin.ModelAdmin):
    list_display = [
        "namn",
        "forvaltning",
        "standard_rosa",
        "sla_arbetsdagar",
        "diarieford",
        "gallras_efter_manader",
        "gallringssatt",
        "aktiv",
    ]
    list_filter = ["forvaltning", "diarieford", "gallringssatt", "aktiv"]
    search_fields = ["namn"]


@admin.register(Svarsgrupp)
class SvarsgruppAdmin(admin.ModelAdmin):
    list_display = ["namn", "forvaltning", "aktiv"]
    list_filter = ["forvaltning", "aktiv"]
    filter_horizontal = ["medlemmar"]


@admin.register(Medarbetare)
class MedarbetareAdmin(admin.ModelAdmin):
    list_display = ["anvandare", "kommun", "forvaltning"]
    list_filter = ["kommun", "forvaltning"]


@admin.register(Arende)
class ArendeAdmin(admin.ModelAdmin):
    """Read-only: every change must go through arenden.services to write its Handelse."""

    list_display = ["nummer", "listrubrik", "kanal", "status", "rosa", "forvaltning", "inkom"]
    list_filter = ["status", "kanal", "rosa"]
    search_fields = ["nummer"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request) & behorighet.arende_queryset_for_user(request.user)

    def get_object(self, request, object_id, from_field=None):
        """Fetch through the access module, so a read of a secret ärende is logged."""
        arende = super().get_object(request, object_id, from_field)
        if arende is None:
            return None
        return behorighet.arende_get_for_user(user=request.user, nummer=arende.nummer)

    @admin.display(description=_("rubrik"))
    def listrubrik(self, arende: Arende) -> str:
        return behorighet.listrad_rubrik(arende)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Svarsmall)
class SvarsmallAdmin(admin.ModelAdmin):
    """The svarsmallar under the rules of the app's own pages (arenden/vyer_svarsmallar.py).

    The list holds the gemensamma mallar and those of the user's kommun's förvaltningar
    (`selectors.svarsmall_lista`); a förvaltning is chosen among his kommun's. A mall is
    added, changed or deleted only by whom `kan_redigera_svarsmall` allows, so a gemensam
    one follows `kan_redigera_gemensamma_svarsmallar` (the others see it read-only), and the
    form refuses what `kontrollera_svarsmall_spara` refuses. Staff with no Medarbetare row
    see every kommun's, as everywhere.
    """

    list_display = ["titel", "forvaltning", "aktiv", "andrad"]
    # Only the förvaltningar of the listed mallar, not every kommun's.
    list_filter = ["aktiv", ("forvaltning", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["titel", "text"]
    # Set to whoever saves, as the service does (a list of every user is no choice to offer).
    readonly_fields = ["andrad_av"]

    def get_queryset(self, request):
        kommun_id = behorighet.kommun_id_for_user(request.user)
        return super().get_queryset(request) & selectors.svarsmall_lista(
            kommun_id=kommun_id, bara_aktiva=False
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "forvaltning":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kommun_id = behorighet.kommun_id_for_user(request.user)
        forvaltningar = Forvaltning.objects.select_related("kommun")
        if kommun_id is not None:
            forvaltningar = forvaltningar.filter(kommun_id=kommun_id)
        kwargs["queryset"] = forvaltningar
        falt = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if not behorighet.kan_redigera_gemensamma_svarsmallar(request.user):
            falt.required = True
            falt.empty_label = _("Välj förvaltning")
            falt.error_messages["required"] = behorighet.GEMENSAM_SVARSMALL_NEKAD
        return falt

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class SvarsmallForm(form):
            def clean(self):
                data = super().clean()
                try:
                    behorighet.kontrollera_svarsmall_spara(
                        user, mall=obj, forvaltning=data.get("forvaltning")
                    )
                except BehorighetSaknas as fel:
                    raise ValidationError(fel.message, code=fel.code) from None
                return data

        return SvarsmallForm

    def save_model(self, request, obj, form, change):
        obj.andrad_av = request.user
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and behorighet.kan_redigera_svarsmallar(
            request.user
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._far_skriva(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._far_skriva(request, obj)

    @staticmethod
    def _far_skriva(request, mall) -> bool:
        if mall is None:
            return behorighet.kan_redigera_svarsmallar(request.user)
        return behorighet.kan_redigera_svarsmall(request.user, mall)

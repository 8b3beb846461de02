"""Django admin for the catalogue administrators maintain: kommuner, förvaltningar,
kategorier and staff placement. Ärenden are changed only through the services, so the
admin shows them read-only, and only the ones the access module lets the user see."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arenden import behorighet
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
    list_display = ["titel", "forvaltning", "aktiv", "andrad"]
    list_filter = ["aktiv", "forvaltning"]
    search_fields = ["titel", "text"]

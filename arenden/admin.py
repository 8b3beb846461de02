"""Django admin for the catalogue administrators maintain: kommuner, förvaltningar,
kategorier and staff placement. Ärenden are changed only through the services, so the
admin shows them read-only."""

from django.contrib import admin

from arenden.models import (
    Arende,
    Forvaltning,
    Kategori,
    Kommun,
    Medarbetare,
    Svarsgrupp,
    Svarsmall,
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
        "aktiv",
    ]
    list_filter = ["forvaltning", "diarieford", "aktiv"]
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

    list_display = ["nummer", "rubrik", "kanal", "status", "rosa", "forvaltning", "inkom"]
    list_filter = ["status", "kanal", "rosa"]
    search_fields = ["nummer"]
    show_full_result_count = False

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

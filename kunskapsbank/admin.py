"""Admin: the administrator maintains the synonyms here; articles are changed through the
API and the services (versions, status rules), so the admin only shows them."""

from django.contrib import admin

from kunskapsbank import behorighet
from kunskapsbank.models import Kunskapsartikel, Sokning, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["ord", "betyder"]
    search_fields = ["ord", "betyder"]


@admin.register(Kunskapsartikel)
class KunskapsartikelAdmin(admin.ModelAdmin):
    list_display = ["fraga", "forvaltning", "status", "malgrupp", "granskas_senast", "anvandningar"]
    list_filter = ["status", "malgrupp", "forvaltning"]
    search_fields = ["fraga"]

    def get_queryset(self, request):
        # The admin is one more reader: the same articles as in the staff pages.
        return super().get_queryset(request) & behorighet.artikel_queryset_for_user(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sokning)
class SokningAdmin(admin.ModelAdmin):
    list_display = ["text", "antal_traffar", "roll", "anvand", "tid"]
    list_filter = ["roll", "anvand"]

    def get_queryset(self, request):
        # Search texts can name citizens: the same ones as in the gap report.
        return super().get_queryset(request) & behorighet.sokning_queryset_for_user(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

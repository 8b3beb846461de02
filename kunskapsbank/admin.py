"""Admin: the administrator maintains the synonyms here; articles are changed through the
API and the services (versions, status rules), so the admin only shows them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from arenden.adminmixins import SkrivregelMixin
from kunskapsbank import behorighet
from kunskapsbank.models import Kunskapsartikel, Sokning, Synonym


@admin.register(Synonym)
class SynonymAdmin(SkrivregelMixin, admin.ModelAdmin):
    """Seen by staff with the view permission, written by administratörer only
    (`kan_andra_synonymer`)."""

    list_display = ["ord", "betyder"]
    search_fields = ["ord", "betyder"]
    far_skriva = staticmethod(behorighet.kan_andra_synonymer)


@admin.register(Kunskapsartikel)
class KunskapsartikelAdmin(admin.ModelAdmin):
    """The articles of the user's kommun, read-only. The ärende an article came from is
    named by its number, as on the article's page: its rubrik (a sekretess ärende's too)
    is not the article reader's."""

    list_display = ["fraga", "forvaltning", "status", "malgrupp", "granskas_senast", "anvandningar"]
    # Only the förvaltningar of the listed articles, not every kommun's.
    list_filter = ["status", "malgrupp", ("forvaltning", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["fraga"]
    exclude = ["kalla_arende"]
    readonly_fields = ["fran_arende"]

    @admin.display(description=_("från ärende"))
    def fran_arende(self, artikel: Kunskapsartikel) -> str:
        return artikel.kalla_arende.nummer if artikel.kalla_arende_id else "-"

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

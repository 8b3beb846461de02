from django.contrib import admin

from arenden.admin import ArendeScopeMixin
from kanaler.telefon.models import Samtal, Samtalshandelse


class SamtalshandelseInline(admin.TabularInline):
    model = Samtalshandelse
    extra = 0
    readonly_fields = ["typ", "tid", "data", "mottagen"]
    can_delete = False


@admin.register(Samtal)
class SamtalAdmin(ArendeScopeMixin, admin.ModelAdmin):
    """Read-only: calls are written by the växel's events.

    A call may point at two ärenden (the one registered during it and the callback of a
    missed one); both must be visible for the call to be shown.
    """

    arende_falt = ("arende", "aterringning")
    list_display = ["samtals_id", "ko", "nummer", "inkom", "besvarat", "missat", "agent"]
    list_filter = ["ko"]
    search_fields = ["samtals_id", "nummer"]
    kontakt_kolumner = ("nummer",)
    inlines = [SamtalshandelseInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

from django.contrib import admin
from django.db.models import Q

from arenden.adminmixins import ArendeScopeMixin, UtanKommunMixin
from kanaler.telefon.models import Samtal, Samtalshandelse


class SamtalshandelseInline(admin.TabularInline):
    model = Samtalshandelse
    extra = 0
    readonly_fields = ["typ", "tid", "data", "mottagen"]
    can_delete = False


@admin.register(Samtal)
class SamtalAdmin(UtanKommunMixin, ArendeScopeMixin, admin.ModelAdmin):
    """Read-only: calls are written by the växel's events.

    A call may point at two ärenden (the one registered during it and the callback of a
    missed one); both must be visible for the call to be shown. A call with neither (an
    answered call nobody registered, a missed one from a hidden number) leads to no kommun:
    the växel's queue and agent are names it sends, not rows of ours. It could be any
    kommun's, and its number is a caller's, so it is shown only to staff who work with every
    kommun (UtanKommunMixin).
    """

    utan_kommun = Q(arende__isnull=True, aterringning__isnull=True)
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

"""Operators follow Open ePlatform polling and reports back here (read-only).

A report back belongs to its submission's ärende and is shown to whom sees that ärende.
The polling watermark and the instances that never became an ärende lead to no kommun (an
Open ePlatform flow family is not a row of ours): they are for staff who work with every
kommun (UtanKommunMixin).
"""

from django.contrib import admin

from arenden.adminmixins import ArendeScopeMixin, UtanKommunMixin
from kanaler.etjanst.models import OepAterrapport, OepFelaktigInstans, OepHamtning


class _BaraLasa(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OepHamtning)
class OepHamtningAdmin(UtanKommunMixin, _BaraLasa):
    list_display = ["familj", "senast_lyckad", "hogsta_instans", "senaste_forsok", "senaste_fel"]


@admin.register(OepFelaktigInstans)
class OepFelaktigInstansAdmin(UtanKommunMixin, _BaraLasa):
    list_display = ["instans_id", "familj", "felkod", "fel", "forsok", "senast_sedd"]
    search_fields = ["instans_id"]
    exclude = ["innehall"]


@admin.register(OepAterrapport)
class OepAterrapportAdmin(ArendeScopeMixin, _BaraLasa):
    arende_falt = "inlamning__arende"
    list_display = ["inlamning", "typ", "status_alias", "tillstand", "forsok", "uppdaterad"]
    list_filter = ["tillstand", "typ"]
    list_select_related = ["inlamning"]
    search_fields = ["inlamning__extern_id", "inlamning__arende__nummer"]

from django.contrib import admin

from arenden.adminmixins import ArendeScopeMixin
from platina_bridge.models import PlatinaRegistrering


@admin.register(PlatinaRegistrering)
class PlatinaRegistreringAdmin(ArendeScopeMixin, admin.ModelAdmin):
    list_display = ["idempotensnyckel", "tillstand", "forsok", "diarienummer", "uppdaterad"]
    list_filter = ["tillstand"]
    search_fields = ["idempotensnyckel", "diarienummer"]
    readonly_fields = [f.name for f in PlatinaRegistrering._meta.fields]

    # A registration is made by an escalation and ended by the bridge (or by "Markera
    # manuellt" in the Diarieföring view): one added here would not be sent, and one deleted
    # here would be forgotten, never retried.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from arenden.admin import ArendeScopeMixin
from platina_bridge.models import PlatinaRegistrering


@admin.register(PlatinaRegistrering)
class PlatinaRegistreringAdmin(ArendeScopeMixin, admin.ModelAdmin):
    list_display = ["idempotensnyckel", "tillstand", "forsok", "diarienummer", "uppdaterad"]
    list_filter = ["tillstand"]
    search_fields = ["idempotensnyckel", "diarienummer"]
    readonly_fields = [f.name for f in PlatinaRegistrering._meta.fields]

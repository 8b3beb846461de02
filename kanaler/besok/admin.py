from django.contrib import admin

from arenden.adminmixins import ArendeScopeMixin
from kanaler.besok.models import Besok


@admin.register(Besok)
class BesokAdmin(ArendeScopeMixin, admin.ModelAdmin):
    # The ärende as the app's lists show it (no sekretess ärende's rubrik).
    list_display = ["tid", "besokstyp", "listrad_arende"]
    list_select_related = ["arende"]
    list_filter = ["besokstyp"]
    readonly_fields = ["arende", "besokstyp", "tid", "registrerad_av"]

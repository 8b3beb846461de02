from django.contrib import admin

from arenden.admin import ArendeScopeMixin
from kanaler.besok.models import Besok


@admin.register(Besok)
class BesokAdmin(ArendeScopeMixin, admin.ModelAdmin):
    list_display = ["tid", "besokstyp", "arende"]
    list_filter = ["besokstyp"]
    readonly_fields = ["arende", "besokstyp", "tid", "registrerad_av"]

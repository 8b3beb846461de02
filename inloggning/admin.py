"""Django admin for API keys: list and revoke, never show or create a secret.

A key is created with `manage.py skapa_token`, which prints it once; the admin only ever
has the prefix and the hash.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inloggning import services
from inloggning.models import ApiNyckel


@admin.register(ApiNyckel)
class ApiNyckelAdmin(admin.ModelAdmin):
    list_display = ["prefix", "integration", "anvandare", "skapad", "senast_anvand", "aterkallad"]
    list_filter = [("aterkallad", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "integration", "anvandare__username"]
    fields = ["integration", "anvandare", "prefix", "skapad", "senast_anvand", "aterkallad"]
    readonly_fields = fields
    actions = ["aterkalla"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A revoked key stays listed: when it stopped working is worth keeping.
        return False

    @admin.action(description=_("Återkalla valda API-nycklar"), permissions=["change"])
    def aterkalla(self, request, queryset):
        antal = 0
        for rad in queryset.filter(aterkallad__isnull=True):
            services.api_nyckel_aterkalla(prefix=rad.prefix)
            antal += 1
        self.message_user(
            request,
            ngettext("%d nyckel återkallad.", "%d nycklar återkallade.", antal) % antal,
            messages.SUCCESS,
        )

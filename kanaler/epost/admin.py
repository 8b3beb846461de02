from django.contrib import admin

from arenden.admin import ArendeScopeMixin
from kanaler.epost import selectors
from kanaler.epost.models import Epostkonto, Inkommet, Kvittomall, Signatur, Utskick


@admin.register(Epostkonto)
class EpostkontoAdmin(admin.ModelAdmin):
    list_display = ["namn", "adress", "imap_vard", "mapp", "aktiv", "senast_hamtad"]
    readonly_fields = ["uidvalidity", "senaste_uid", "senast_hamtad"]


@admin.register(Inkommet)
class InkommetAdmin(ArendeScopeMixin, admin.ModelAdmin):
    """A mail is shown to whom the triage page would show it: the staff of its mailbox's
    kommun, every kommun's for a shared mailbox with no förvaltning
    (`selectors.inkommet_for_user`); one placed on an ärende only if he sees that ärende
    too (ArendeScopeMixin). So a mail that no ärende took is kept to its mailbox's kommun."""

    arende_falt = "meddelande__arende"
    list_display = ["mottagen", "konto", "avsandare", "amne", "status", "typ"]
    rubrik_kolumner = ("amne",)
    kontakt_kolumner = ("avsandare",)
    # Only the mailboxes of the listed mails, not every kommun's.
    list_filter = ["status", "typ", ("konto", admin.RelatedOnlyFieldListFilter)]
    # The raw bytes can be megabytes: kept out of the page (attached to the ärende instead).
    exclude = ["ra"]
    readonly_fields = [f.name for f in Inkommet._meta.fields if f.name != "ra"]

    def get_queryset(self, request):
        return super().get_queryset(request) & selectors.inkommet_for_user(user=request.user)


@admin.register(Utskick)
class UtskickAdmin(ArendeScopeMixin, admin.ModelAdmin):
    """Its ärende and meddelande are shown, not chosen (ArendeScopeMixin)."""

    list_display = ["skapad", "typ", "till", "amne", "status", "forsok"]
    rubrik_kolumner = ("amne",)
    kontakt_kolumner = ("till",)
    list_filter = ["status", "typ"]


admin.site.register(Kvittomall)
admin.site.register(Signatur)

from django.contrib import admin
from django.db import models

from arenden.adminmixins import ArendeScopeMixin, KommunScopeMixin
from kanaler.epost import selectors
from kanaler.epost.models import Epostkonto, Inkommet, Kvittomall, Signatur, Utskick


@admin.register(Epostkonto)
class EpostkontoAdmin(KommunScopeMixin, admin.ModelAdmin):
    """A mailbox is its förvaltning's kommun's; one with no förvaltning is shared by every
    kommun (its mail is on every kommun's triage page): seen by all, kept by staff who work
    with every kommun. The kategori is chosen among the own kommun's."""

    kommun_falt = "forvaltning__kommun"
    gemensam_falt = "forvaltning"
    list_display = ["namn", "adress", "forvaltning", "imap_vard", "mapp", "aktiv", "senast_hamtad"]
    list_filter = [("forvaltning", admin.RelatedOnlyFieldListFilter), "aktiv"]
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "konto":
            # Sent from a mailbox of the user's kommun or a shared one, never the neighbour's.
            kwargs["queryset"] = selectors.epostkonto_for_user(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Kvittomall)
class KvittomallAdmin(KommunScopeMixin, admin.ModelAdmin):
    kommun_falt = "forvaltning__kommun"
    list_display = ["forvaltning", "amne"]


@admin.register(Signatur)
class SignaturAdmin(KommunScopeMixin, admin.ModelAdmin):
    """The signatures of the own kommun's staff; one with no placement is no kommun's."""

    kommun_falt = "anvandare__medarbetare__kommun"
    list_display = ["anvandare", "befattning", "telefon"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

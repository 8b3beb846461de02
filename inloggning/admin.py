"""Django admin for who may call: staff accounts and their groups, and API keys.

Staff accounts are kept per kommun under the rules of arenden/behorighet.py
(`kan_andra_anvandare`, `kontrollera_anvandare_spara`), with the placement (Medarbetare)
on the account's own page, and so are the login records of django-axes.

API keys: list and revoke, never show or create a secret. A key is created with
`manage.py skapa_token`, which prints it once; the admin only ever has the prefix and the
hash.
"""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arenden import behorighet
from arenden.adminmixins import KommunScopeMixin, SkrivregelMixin, form_som_kontrollerar
from arenden.models import Medarbetare
from inloggning import services
from inloggning.models import ApiNyckel


class MedarbetareInline(KommunScopeMixin, admin.StackedInline):
    """The account's placement, under the rules of the Medarbetare admin
    (`kontrollera_medarbetare_spara`): in the own kommun only, never one's own, and deleted
    only by staff with no Medarbetare row."""

    model = Medarbetare
    fields = ["kommun", "forvaltning"]

    def get_formset(self, request, obj=None, **kwargs):
        if self.has_change_permission(request, obj):
            medarbetare = getattr(obj, "medarbetare", None) if obj is not None else None
            kwargs["form"] = form_som_kontrollerar(
                self.form,
                lambda data: behorighet.kontrollera_medarbetare_spara(
                    request.user,
                    medarbetare=medarbetare,
                    anvandare=obj,
                    kommun=data.get("kommun"),
                    forvaltning=data.get("forvaltning"),
                ),
            )
        return super().get_formset(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        # `obj` is the account the page is about.
        medarbetare = getattr(obj, "medarbetare", None) if obj is not None else None
        return super().has_change_permission(request, obj) and (
            medarbetare is None or behorighet.kan_andra_medarbetare(request.user, medarbetare)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and behorighet.kan_ta_bort_medarbetare(
            request.user
        )


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AnvandareAdmin(auth_admin.UserAdmin):
    """Staff accounts of the user's own kommun (staff with no Medarbetare row: every one).

    Whoever changes an account can set its password and so act as it: an account with rights
    beyond the user's own opens read-only (`kan_andra_anvandare`). Only a superuser makes
    superusers or gives permissions one by one; anyone else gives the groups he is in and
    leaves his own groups, staff status and placement alone (`kontrollera_anvandare_spara`).
    An account made by a kommun's staff is placed in that kommun, so it never sees more
    kommuner than its maker.
    """

    inlines = [MedarbetareInline]

    def get_queryset(self, request):
        return super().get_queryset(request) & behorighet.anvandare_queryset_for_user(request.user)

    def get_readonly_fields(self, request, obj=None):
        falt = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            falt += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                falt += ["groups", "is_staff", "is_active"]
        return falt

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = request.user.groups.all()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        return form_som_kontrollerar(
            super().get_form(request, obj, **kwargs),
            lambda data: behorighet.kontrollera_anvandare_spara(
                request.user,
                anvandare=obj,
                grupper=data.get("groups"),
                superanvandare=data.get("is_superuser"),
                behorigheter=data.get("user_permissions"),
            ),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            services.anvandare_placera_som_skaparen(anvandare=form.instance, av=request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or behorighet.kan_andra_anvandare(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or behorighet.kan_andra_anvandare(request.user, obj)
        )


admin.site.unregister(Group)


@admin.register(Group)
class GruppAdmin(SkrivregelMixin, auth_admin.GroupAdmin):
    """Groups are seen by every staff member with the view permission and changed only by a
    superuser (`kan_andra_grupper`): a role's permissions and its very name are rights."""

    far_skriva = staticmethod(behorighet.kan_andra_grupper)


class InloggningarPerKommunMixin:
    """Login records (django-axes) name an account, an address and a browser: the user sees
    those of the accounts he sees (`anvandare_queryset_for_user`). One for a username with
    no account leads to no kommun: it is for staff who work with every kommun."""

    def get_queryset(self, request):
        rader = super().get_queryset(request)
        if behorighet.kommun_id_for_user(request.user) is None:
            return rader
        konton = behorighet.anvandare_queryset_for_user(request.user)
        egna = Q(username__in=konton.values("username"))
        if behorighet.arbetar_med_alla_kommuner(request.user):
            egna |= ~Q(username__in=get_user_model().objects.values("username"))
        return rader.filter(egna)


for _modell, _axes_admin in (
    (AccessAttempt, axes_admin.AccessAttemptAdmin),
    (AccessLog, axes_admin.AccessLogAdmin),
    (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
):
    if admin.site.is_registered(_modell):  # AXES_ENABLE_ADMIN
        admin.site.unregister(_modell)
        admin.site.register(
            _modell,
            type(
                _axes_admin.__name__,
                (InloggningarPerKommunMixin, _axes_admin),
                {"__module__": __name__},
            ),
        )


@admin.register(ApiNyckel)
class ApiNyckelAdmin(KommunScopeMixin, admin.ModelAdmin):
    """A key is its service user's kommun's; the key of a service user with no placement
    (the växel of a center shared by several kommuner) serves every kommun: seen by all,
    revoked by staff who work with every kommun. Nothing is looked up by the hash (a list
    filtered on it would show it piece by piece)."""

    kommun_falt = "anvandare__medarbetare__kommun"
    gemensam_falt = "anvandare__medarbetare"
    list_display = ["prefix", "integration", "anvandare", "skapad", "senast_anvand", "aterkallad"]
    list_filter = [("aterkallad", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "integration", "anvandare__username"]
    fields = ["integration", "anvandare", "prefix", "skapad", "senast_anvand", "aterkallad"]
    readonly_fields = fields
    actions = ["aterkalla"]

    def lookup_allowed(self, lookup, value, request=None):
        return not lookup.startswith("hash") and super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A revoked key stays listed: when it stopped working is worth keeping.
        return False

    @admin.action(description=_("Återkalla valda API-nycklar"), permissions=["change"])
    def aterkalla(self, request, queryset):
        antal = 0
        for rad in queryset.filter(aterkallad__isnull=True):
            if self.has_change_permission(request, rad):
                services.api_nyckel_aterkalla(prefix=rad.prefix)
                antal += 1
        self.message_user(
            request,
            ngettext("%d nyckel återkallad.", "%d nycklar återkallade.", antal) % antal,
            messages.SUCCESS,
        )

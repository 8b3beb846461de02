"""Django admin for the catalogue administrators maintain: kommuner, förvaltningar,
kategorier and staff placement. Ärenden are changed only through the services, so the
admin shows them read-only, and only the ones the access module lets the user see. The
mixins that keep every app's admin pages to the access rules are in arenden/adminmixins.py."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from arenden import behorighet, selectors
from arenden.adminmixins import KommunScopeMixin, ListansFilterMixin, form_som_kontrollerar
from arenden.models import (
    Arende,
    Forvaltning,
    Kategori,
    Kommun,
    Medarbetare,
    Svarsgrupp,
    Svarsmall,
)


@admin.register(Kommun)
class KommunAdmin(KommunScopeMixin, admin.ModelAdmin):
    """A scoped user sees and changes his own kommun; which kommuner there are is decided by
    staff with no Medarbetare row (`kan_hantera_kommuner`)."""

    kommun_falt = "pk"
    list_display = ["namn", "kommunkod"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and behorighet.kan_hantera_kommuner(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and behorighet.kan_hantera_kommuner(
            request.user
        )


@admin.register(Forvaltning)
class ForvaltningAdmin(KommunScopeMixin, admin.ModelAdmin):
    list_display = ["namn", "kommun", "epost", "aktiv"]
    list_filter = [("kommun", admin.RelatedOnlyFieldListFilter), "aktiv"]


@admin.register(Kategori)
class KategoriAdmin(KommunScopeMixin, admin.ModelAdmin):
    kommun_falt = "forvaltning__kommun"
    list_display = [
        "namn",
        "forvaltning",
        "standard_rosa",
        "sla_arbetsdagar",
        "diarieford",
        "gallras_efter_manader",
        "gallringssatt",
        "aktiv",
    ]
    list_filter = [
        ("forvaltning", admin.RelatedOnlyFieldListFilter),
        "diarieford",
        "gallringssatt",
        "aktiv",
    ]
    search_fields = ["namn"]


@admin.register(Svarsgrupp)
class SvarsgruppAdmin(KommunScopeMixin, admin.ModelAdmin):
    kommun_falt = "forvaltning__kommun"
    list_display = ["namn", "forvaltning", "aktiv"]
    list_filter = [("forvaltning", admin.RelatedOnlyFieldListFilter), "aktiv"]
    filter_horizontal = ["medlemmar"]


@admin.register(Medarbetare)
class MedarbetareAdmin(KommunScopeMixin, admin.ModelAdmin):
    """Staff placement under `kontrollera_medarbetare_spara`: a scoped user places staff in
    his own kommun only, never changes his own placement, never gives a placement to another
    user and deletes none (each would leave a user with no Medarbetare row, and so with
    every kommun). A new placement is for a user who has none yet."""

    list_display = ["anvandare", "kommun", "forvaltning"]
    list_filter = [
        ("kommun", admin.RelatedOnlyFieldListFilter),
        ("forvaltning", admin.RelatedOnlyFieldListFilter),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "anvandare" and behorighet.kommun_id_for_user(request.user) is not None:
            kwargs["queryset"] = get_user_model().objects.filter(
                medarbetare__isnull=True, is_superuser=False
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        falt = list(super().get_readonly_fields(request, obj))
        if obj is not None and behorighet.kommun_id_for_user(request.user) is not None:
            falt.append("anvandare")
        return falt

    def get_form(self, request, obj=None, change=False, **kwargs):
        return form_som_kontrollerar(
            super().get_form(request, obj, change, **kwargs),
            lambda data: behorighet.kontrollera_medarbetare_spara(
                request.user,
                medarbetare=obj,
                anvandare=data.get("anvandare", obj.anvandare if obj else None),
                kommun=data.get("kommun"),
                forvaltning=data.get("forvaltning"),
            ),
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or behorighet.kan_andra_medarbetare(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and behorighet.kan_ta_bort_medarbetare(
            request.user
        )


@admin.register(Arende)
class ArendeAdmin(ListansFilterMixin, admin.ModelAdmin):
    """Read-only: every change must go through arenden.services to write its Handelse."""

    list_display = ["nummer", "listrubrik", "kanal", "status", "rosa", "forvaltning", "inkom"]
    list_filter = ["status", "kanal", "rosa"]
    search_fields = ["nummer"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request) & behorighet.arende_queryset_for_user(request.user)

    def get_object(self, request, object_id, from_field=None):
        """Fetch through the access module, so a read of a secret ärende is logged."""
        arende = super().get_object(request, object_id, from_field)
        if arende is None:
            return None
        return behorighet.arende_get_for_user(user=request.user, nummer=arende.nummer)

    @admin.display(description=_("rubrik"))
    def listrubrik(self, arende: Arende) -> str:
        return behorighet.listrad_rubrik(arende)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Svarsmall)
class SvarsmallAdmin(admin.ModelAdmin):
    """The svarsmallar under the rules of the app's own pages (arenden/vyer_svarsmallar.py).

    The list holds the gemensamma mallar and those of the user's kommun's förvaltningar
    (`selectors.svarsmall_lista`); a förvaltning is chosen among his kommun's. A mall is
    added, changed or deleted only by whom `kan_redigera_svarsmall` allows, so a gemensam
    one follows `kan_redigera_gemensamma_svarsmallar` (the others see it read-only), and the
    form refuses what `kontrollera_svarsmall_spara` refuses. Staff with no Medarbetare row
    see every kommun's, as everywhere.
    """

    list_display = ["titel", "forvaltning", "aktiv", "andrad"]
    # Only the förvaltningar of the listed mallar, not every kommun's.
    list_filter = ["aktiv", ("forvaltning", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["titel", "text"]
    # Set to whoever saves, as the service does (a list of every user is no choice to offer).
    readonly_fields = ["andrad_av"]

    def get_queryset(self, request):
        kommun_id = behorighet.kommun_id_for_user(request.user)
        return super().get_queryset(request) & selectors.svarsmall_lista(
            kommun_id=kommun_id, bara_aktiva=False
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "forvaltning":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kommun_id = behorighet.kommun_id_for_user(request.user)
        forvaltningar = Forvaltning.objects.select_related("kommun")
        if kommun_id is not None:
            forvaltningar = forvaltningar.filter(kommun_id=kommun_id)
        kwargs["queryset"] = forvaltningar
        falt = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if not behorighet.kan_redigera_gemensamma_svarsmallar(request.user):
            falt.required = True
            falt.empty_label = _("Välj förvaltning")
            falt.error_messages["required"] = behorighet.GEMENSAM_SVARSMALL_NEKAD
        return falt

    def get_form(self, request, obj=None, change=False, **kwargs):
        return form_som_kontrollerar(
            super().get_form(request, obj, change, **kwargs),
            lambda data: behorighet.kontrollera_svarsmall_spara(
                request.user, mall=obj, forvaltning=data.get("forvaltning")
            ),
        )

    def save_model(self, request, obj, form, change):
        obj.andrad_av = request.user
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and behorighet.kan_redigera_svarsmallar(
            request.user
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._far_skriva(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._far_skriva(request, obj)

    @staticmethod
    def _far_skriva(request, mall) -> bool:
        if mall is None:
            return behorighet.kan_redigera_svarsmallar(request.user)
        return behorighet.kan_redigera_svarsmall(request.user, mall)

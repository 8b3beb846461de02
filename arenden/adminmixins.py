"""The admin's pages under the access module's rules, for every app's admin: which rows a
list and a detail show (per ärende, per kommun, rows of no kommun), which rows a form offers
as choices, who writes, and what a list may be filtered on. The rules themselves live in
arenden/behorighet.py and the apps' own access modules; these mixins only apply them.
"""

import operator
from functools import reduce

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, Value, When
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from arenden import behorighet
from arenden.models import Arende, Forvaltning, Kategori, Kommun
from kontaktcenter.errors import ApplicationError


def _pekar_pa_arende(modell) -> bool:
    """Return whether rows of `modell` are an ärende or part of one (a Meddelande)."""
    return modell is Arende or any(
        f.is_relation and f.related_model is Arende for f in modell._meta.concrete_fields
    )


def folj(rad, vag: str):
    """Follow a path ("meddelande__arende") from a row; None where a link is empty."""
    for namn in vag.split("__"):
        if rad is None:
            return None
        rad = getattr(rad, namn, None)
    return rad


def form_som_kontrollerar(form, kontroll):
    """Return `form` with `kontroll(data)` (a rule of the access module) run in clean(): what
    it refuses is a form error with the rule's own Swedish message."""

    class KontrolleradForm(form):
        def clean(self):
            data = super().clean()
            try:
                kontroll(data)
            except ApplicationError as fel:
                raise ValidationError(fel.message, code=fel.code) from None
            return data

    return KontrolleradForm


class ListansFilterMixin:
    """Filter a list only on what it offers (`list_filter`, `date_hierarchy`).

    Django takes any field of the row as a filter in the URL (`?rubrik__startswith=S`); a
    list that hides a sekretess ärende's rubrik and kontakt would tell them, letter by
    letter, by which rows remain, and no read would be logged.
    """

    def lookup_allowed(self, lookup, value, request=None):
        erbjudna = {f[0] if isinstance(f, list | tuple) else f for f in self.list_filter}
        if self.date_hierarchy:
            erbjudna.add(self.date_hierarchy)
        falt = lookup.split(LOOKUP_SEP)[0]
        return falt in erbjudna and super().lookup_allowed(lookup, value, request)


class ArendeScopeMixin(ListansFilterMixin):
    """Show only the rows whose ärenden the user may see (rows with none stay visible).

    An admin page is a list and a detail like any other: another kommun's ärenden and
    sekretessmarkerade ones the user is not named on must not reach it through a related row.

    - A row is listed and found only when every ärende it points at (`arende_falt`) is one the
      user sees (`arende_queryset_for_user`).
    - The list shows a sekretessmarkerat ärende's row as the app's lists do: no rubrik
      (`rubrik_kolumner`, `listrad_arende`) and no kontakt (`kontakt_kolumner`), whoever
      looks; that the page listed it is written to the audit log (`sekretess_listning_logga`).
    - Opening a row's page shows its ärende (`str(arende)`, with the rubrik) and what the row
      holds of it, so for a sekretessmarkerat ärende it is a read, logged as opening the ärende.
    - The row's ärende (and its meddelande) is shown, never chosen: a select would list every
      ärende there is. Such rows are written by the services (a mail fetched or sent, a call, a
      visit, a registration), so none is added here.
    """

    # The paths from the row to its ärenden, e.g. "arende", "meddelande__arende" or a tuple
    # of several ("arende", "aterringning").
    arende_falt: str | tuple[str, ...] = "arende"
    # List columns that hold what a sekretess ärende is about: shown as `listrad_rubrik` and
    # `listrad_kontakt` show it (the rubrik placeholder, no kontakt).
    rubrik_kolumner: tuple[str, ...] = ()
    kontakt_kolumner: tuple[str, ...] = ()

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self._dolda_kolumner = {
            **{
                namn: self._dold_kolumn(namn, behorighet.SEKRETESS_RUBRIK)
                for namn in self.rubrik_kolumner
            },
            **{namn: self._dold_kolumn(namn, None) for namn in self.kontakt_kolumner},
        }

    def _vagar(self) -> tuple[str, ...]:
        if isinstance(self.arende_falt, str):
            return (self.arende_falt,)
        return tuple(self.arende_falt)

    def _dold_kolumn(self, namn: str, ersattning):
        falt = self.model._meta.get_field(namn)

        @admin.display(description=falt.verbose_name, ordering=namn)
        def visa(rad):
            if getattr(rad, "kc_sekretess", False):
                return None if ersattning is None else str(ersattning)
            return getattr(rad, namn)

        visa.__name__ = namn
        return visa

    def get_queryset(self, request):
        synliga = behorighet.arende_queryset_for_user(request.user).values("pk")
        rader = super().get_queryset(request)
        for vag in self._vagar():
            rader = rader.filter(Q(**{f"{vag}__isnull": True}) | Q(**{f"{vag}__in": synliga}))
        hemlig = reduce(operator.or_, (Q(**{f"{vag}__sekretess": True}) for vag in self._vagar()))
        # Whether the row belongs to a sekretess ärende, for the list's columns and its log.
        return rader.annotate(
            kc_sekretess=Case(When(hemlig, then=Value(True)), default=Value(False))
        )

    def get_object(self, request, object_id, from_field=None):
        """Fetch the row (from `get_queryset`); a read of a sekretess ärende is logged."""
        rad = super().get_object(request, object_id, from_field)
        for vag in self._vagar():
            if (arende := folj(rad, vag)) is not None:
                behorighet.sekretess_lasning_logga(user=request.user, arende=arende)
        return rad

    def get_list_display(self, request):
        return [self._dolda_kolumner.get(namn, namn) for namn in super().get_list_display(request)]

    @admin.display(description=_("ärende"))
    def listrad_arende(self, rad) -> str:
        """The row's ärende as a list row shows it: its number and `listrad_rubrik`."""
        arende = folj(rad, self._vagar()[0])
        if arende is None:
            return "-"
        return f"{arende.nummer} {behorighet.listrad_rubrik(arende)}"

    def changelist_view(self, request, extra_context=None):
        svar = super().changelist_view(request, extra_context)
        lista = getattr(svar, "context_data", None) or {}
        if "cl" in lista:
            self._listning_logga(request, lista["cl"].result_list)
        return svar

    def _listning_logga(self, request, rader) -> None:
        """Log that the page listed these rows' sekretess ärenden (no query when none)."""
        hemliga = [rad.pk for rad in rader if getattr(rad, "kc_sekretess", False)]
        if not hemliga:
            return
        pa_sidan = self.model._default_manager.filter(pk__in=hemliga)
        villkor = reduce(operator.or_, (Q(pk__in=pa_sidan.values(vag)) for vag in self._vagar()))
        arenden = list(Arende.objects.filter(villkor, sekretess=True))
        behorighet.sekretess_listning_logga(user=request.user, arenden=arenden)

    def get_readonly_fields(self, request, obj=None):
        falt = list(super().get_readonly_fields(request, obj))
        return falt + [
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and _pekar_pa_arende(f.related_model) and f.name not in falt
        ]

    def has_add_permission(self, request):
        return False


class KommunScopeMixin:
    """The catalogue of the user's own kommun only, as the app's menus offer it.

    Rows of other kommuner are neither listed nor found (`kommun_falt`, the path from the row
    to its kommun); a kommun, förvaltning, kategori or user is chosen among the own kommun's,
    so nothing is moved to another kommun. Staff with no Medarbetare row (a superuser made
    with createsuperuser) see and choose every kommun's, as everywhere.

    A model whose rows may also be shared by every kommun names the link that is empty on
    such a row (`gemensam_falt`: a mailbox with no förvaltning). Every kommun's staff see a
    shared row, only staff who work with every kommun (`arbetar_med_alla_kommuner`) change
    or delete one, and for the others the link is required, so they make none.
    """

    kommun_falt = "kommun"
    gemensam_falt: str | None = None

    def get_queryset(self, request):
        rader = super().get_queryset(request)
        kommun_id = behorighet.kommun_id_for_user(request.user)
        if kommun_id is None:
            return rader
        egna = Q(**{self.kommun_falt: kommun_id})
        if self.gemensam_falt is not None:
            egna |= Q(**{f"{self.gemensam_falt}__isnull": True})
        return rader.filter(egna)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        egna = self._egna_val(db_field.related_model, request.user)
        if egna is not None and "queryset" not in kwargs:
            kwargs["queryset"] = egna
        falt = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == self.gemensam_falt and not behorighet.arbetar_med_alla_kommuner(
            request.user
        ):
            falt.required = True
        return falt

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        egna = self._egna_val(db_field.related_model, request.user)
        if egna is not None:
            kwargs["queryset"] = egna
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def _egna_val(modell, user):
        """Return the rows of `modell` the user chooses among: his kommun's; None for staff
        with no Medarbetare row and for a model that is no kommun's (the field's own rows)."""
        kommun_id = behorighet.kommun_id_for_user(user)
        if kommun_id is None:
            return None
        if modell is Kommun:
            return Kommun.objects.filter(pk=kommun_id)
        if modell is Forvaltning:
            return Forvaltning.objects.filter(kommun_id=kommun_id)
        if modell is Kategori:
            return Kategori.objects.filter(forvaltning__kommun_id=kommun_id)
        if modell is get_user_model():
            return modell.objects.filter(medarbetare__kommun_id=kommun_id)
        return None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._far_skriva(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._far_skriva(request, obj)

    def _far_skriva(self, request, rad) -> bool:
        """A shared row is written only by staff who work with every kommun."""
        if rad is None or self.gemensam_falt is None or folj(rad, self.gemensam_falt):
            return True
        return behorighet.arbetar_med_alla_kommuner(request.user)


class SkrivregelMixin:
    """Rows added, changed and deleted only by whom a rule of an access module allows
    (`far_skriva(user)`), whatever the model permissions say; the view permission still
    reads them."""

    @staticmethod
    def far_skriva(user) -> bool:
        return True

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self.far_skriva(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.far_skriva(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.far_skriva(request.user)


class UtanKommunMixin:
    """Rows that lead to no kommun (`utan_kommun`, a condition; None: every row of the
    model) could be any kommun's: they are listed and found only for staff who work with
    every kommun (`arbetar_med_alla_kommuner`). The docstring of the admin says why its rows
    lead nowhere.
    """

    utan_kommun: Q | None = None

    def get_queryset(self, request):
        rader = super().get_queryset(request)
        if behorighet.arbetar_med_alla_kommuner(request.user):
            return rader
        if self.utan_kommun is None:
            return rader.none()
        return rader.exclude(self.utan_kommun)

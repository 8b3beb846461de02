"""Who may see and change which kunskapsartikel. The only place that decides it.

- the public (no login) sees published public articles, nothing else;
- staff (any of the four roles) see internal and public articles in every status, but
  search and suggestions offer only published ones;
- staff are limited to their kommun: its förvaltningars articles are the ones they read,
  search, write and publish (a superuser without a Medarbetare row sees every kommun);
- staff may write drafts, change them and send them to review;
- publishing, and archiving a published article, is for the article's owner, a teamledare
  or an administratör;
- synonyms are the administratör's.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from arenden.behorighet import Roll, kommun_id_for_user, roller
from kunskapsbank.errors import ArtikelBehorighetSaknas, ArtikelSaknas
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp, Sokning

_GRANSKARE = frozenset({Roll.TEAMLEDARE, Roll.ADMINISTRATOR})


def ar_personal(user) -> bool:
    return bool(roller(user))


def malgrupper(user) -> list[str]:
    """Return the audiences whose articles the user may read."""
    if ar_personal(user):
        return [Malgrupp.INTERN, Malgrupp.PUBLIK]
    return [Malgrupp.PUBLIK]


def roll_for_logg(user) -> str:
    """Return the role written to the search log ("publik" for the FAQ)."""
    from arenden.behorighet import huvudroll

    return huvudroll(user) or "publik"


def kommun_id(user) -> int | None:
    """Return the kommun whose articles the user works with; None: every kommun's."""
    return kommun_id_for_user(user) if ar_personal(user) else None


def artikel_queryset_for_user(user) -> QuerySet[Kunskapsartikel]:
    """Return every article the user may read."""
    qs = Kunskapsartikel.objects.select_related("forvaltning", "kategori", "agare")
    if not ar_personal(user):
        return qs.filter(status=ArtikelStatus.PUBLICERAD, malgrupp=Malgrupp.PUBLIK)
    if kommun_id(user) is not None:
        qs = qs.filter(forvaltning__kommun_id=kommun_id(user))
    return qs


def sokning_queryset_for_user(user) -> QuerySet[Sokning]:
    """Return the logged searches whose text the user may read in the gap report.

    What staff type can name a citizen: another kommun's staff's searches stay out. The
    public's searches (no user) belong to every kommun.
    """
    if not kan_se_rapporter(user):
        return Sokning.objects.none()
    qs = Sokning.objects.all()
    kommun = kommun_id(user)
    if kommun is not None:
        qs = qs.filter(Q(anvandare__isnull=True) | Q(anvandare__medarbetare__kommun_id=kommun))
    return qs


def artikel_get_for_user(*, user, artikel_id: int) -> Kunskapsartikel:
    """Fetch one article the user may read, or raise ArtikelSaknas."""
    artikel = artikel_queryset_for_user(user).filter(pk=artikel_id).first()
    if artikel is None:
        raise ArtikelSaknas(_("Artikeln finns inte eller så saknar du behörighet."))
    return artikel


def ar_granskare(user) -> bool:
    """Teamledare and administratörer review every article, not only their own."""
    return bool(roller(user) & _GRANSKARE)


def kan_granska(user, artikel: Kunskapsartikel) -> bool:
    """Return whether the user may publish the article or archive it once published."""
    if ar_granskare(user):
        return True
    return artikel.agare_id is not None and artikel.agare_id == user.pk


def kontrollera_skriva(user) -> None:
    if not ar_personal(user):
        raise ArtikelBehorighetSaknas(_("Du har inte behörighet att ändra kunskapsbanken."))


def kontrollera_forvaltning(user, forvaltning) -> None:
    """Raise unless the article may be placed in the förvaltning: one of the user's kommun."""
    if forvaltning is None or kommun_id(user) is None:
        return
    if forvaltning.kommun_id != kommun_id(user):
        raise ArtikelBehorighetSaknas(
            _("%(forvaltning)s hör till en annan kommun.") % {"forvaltning": forvaltning.namn}
        )


def kontrollera_andra(user, artikel: Kunskapsartikel) -> None:
    """Raise unless the user may change the article's content.

    Drafts and articles in review are any staff member's to edit; a published one only its
    owner's, a teamledare's or an administratör's.
    """
    kontrollera_skriva(user)
    if artikel.status == ArtikelStatus.PUBLICERAD and not kan_granska(user, artikel):
        raise ArtikelBehorighetSaknas(
            _("En publicerad artikel ändras av ägaren, en teamledare eller en administratör.")
        )


def kontrollera_status(user, artikel: Kunskapsartikel, status: str) -> None:
    """Raise unless the user may move the article to the status."""
    kontrollera_skriva(user)
    publicerad_nu = artikel.status == ArtikelStatus.PUBLICERAD
    if (status == ArtikelStatus.PUBLICERAD or publicerad_nu) and not kan_granska(user, artikel):
        raise ArtikelBehorighetSaknas(
            _("Bara artikelns ägare, en teamledare eller en administratör får publicera.")
        )


def kan_andra_synonymer(user) -> bool:
    """Synonyms change every kommun's search: they are the administratör's."""
    return Roll.ADMINISTRATOR in roller(user)


def kontrollera_synonymer(user) -> None:
    if not kan_andra_synonymer(user):
        raise ArtikelBehorighetSaknas(_("Bara en administratör får ändra synonymerna."))


def kan_se_rapporter(user) -> bool:
    return ar_granskare(user)

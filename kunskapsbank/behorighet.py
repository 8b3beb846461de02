"""Who may see and change which kunskapsartikel. The only place that decides it.

- the public (no login) sees published public articles, nothing else;
- staff (any of the four roles) see internal and public articles in every status, but
  search and suggestions offer only published ones;
- staff may write drafts, change them and send them to review;
- publishing, and archiving a published article, is for the article's owner, a teamledare
  or an administratör;
- synonyms are the administratör's.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from arenden.behorighet import Roll, roller
from kunskapsbank.errors import ArtikelBehorighetSaknas, ArtikelSaknas
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp

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


def artikel_queryset_for_user(user) -> QuerySet[Kunskapsartikel]:
    """Return every article the user may read."""
    qs = Kunskapsartikel.objects.select_related("forvaltning", "kategori", "agare")
    if ar_personal(user):
        return qs
    return qs.filter(status=ArtikelStatus.PUBLICERAD, malgrupp=Malgrupp.PUBLIK)


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


def kontrollera_synonymer(user) -> None:
    if not roller(user) & {Roll.ADMINISTRATOR}:
        raise ArtikelBehorighetSaknas(_("Bara en administratör får ändra synonymerna."))


def kan_se_rapporter(user) -> bool:
    return ar_granskare(user)

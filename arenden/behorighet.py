"""Who may see and change which ärende. The only place that decides it.

Views, the API and every later export or search fetch ärenden through
`arende_queryset_for_user` and `arende_get_for_user`, and ask `kontrollera_atgard` before a
service call. Each rule is one line so that it can be read and tested on its own.

The rules:
- kommunvägledare, teamledare and administratörer see every ärende of their kommun;
- a handläggare sees the escalated ärenden of his förvaltning and those assigned to him;
- a sekretessmarkerat ärende is seen only by those named on it, whatever the role, and
  every read of one is written to its timeline and to the audit log (integritet);
- a list or search row never shows a sekretessmarkerat ärende's rubrik or kontakt (see
  `listrad_rubrik`), so a list reveals nothing; that a list or search found one is still
  noted in the audit log (`sekretess_listning_logga`), opening the ärende is a read;
- a personnummer is shown in full only to the ärende's own handläggare and to
  administratörer; everyone else sees it masked;
- personal data (the audit log, registerutdrag, rättelse, radering) is handled by
  administratörer only;
- an ärende is only ever given to a staff member of its own kommun;
- svarsmallar are written by teamledare and administratörer of the förvaltning's kommun; a
  gemensam one (no förvaltning, shared by every kommun) by administratörer only, or a
  teamledare when there is one kommun (`kan_redigera_gemensamma_svarsmallar`);
- the catalogue (kommun, förvaltningar, kategorier, svarsgrupper, staff placement) is kept
  per kommun: nobody changes his own placement or places anyone outside his kommun, and
  adding or deleting kommuner and deleting placements is for staff with no Medarbetare row
  (`kontrollera_medarbetare_spara`);
- staff accounts are seen and changed per kommun too: only a superuser makes superusers or
  gives permissions one by one, and nobody else changes an account with rights beyond his
  own, gives a group he is not in or changes his own groups (`kan_andra_anvandare`,
  `kontrollera_anvandare_spara`);
- staff with no Medarbetare row (a superuser made with createsuperuser) see every kommun;
  rows of no kommun, or shared by every kommun, are for them, and for a kommun's staff when
  the system serves that kommun alone (`arbetar_med_alla_kommuner`).

Other apps keep a small access module of their own for their own rows (kunskapsbank,
platina_bridge), built only on `roller` and the functions here; nothing else asks for a
user's groups. The whole matrix is walked through HTTP in tests/sakerhet/.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from arenden import krokar, livscykel
from arenden.errors import ArendeSaknas, BehorighetSaknas, OgiltigUppgift
from arenden.models import Arende, Handelse, Kommun
from kontaktcenter.postgresql import kompilerade


class Roll:
    KOMMUNVAGLEDARE = "kommunvagledare"
    HANDLAGGARE = "handlaggare"
    TEAMLEDARE = "teamledare"
    ADMINISTRATOR = "administrator"

    ALLA = (KOMMUNVAGLEDARE, HANDLAGGARE, TEAMLEDARE, ADMINISTRATOR)
    NAMN = {
        KOMMUNVAGLEDARE: "Kommunvägledare",
        HANDLAGGARE: "Handläggare",
        TEAMLEDARE: "Teamledare",
        ADMINISTRATOR: "Administratör",
    }


class Atgard:
    """The actions on an ärende; each maps to one service in arenden.services."""

    SKAPA = "skapa"
    TILLDELA = "tilldela"
    OMFORDELA = "omfordela"  # take an ärende that someone else holds
    KLASSIFICERA = "klassificera"
    SVARA = "svara"
    ANTECKNA = "anteckna"
    ESKALERA = "eskalera"
    VANTA = "vanta"
    AVSLUTA = "avsluta"
    ATEROPPNA = "ateroppna"
    SLA_IHOP = "sla_ihop"
    SEKRETESS = "sekretess"
    PARKERA = "parkera"
    ATERLAMNA = "aterlamna"  # a handläggare's internal answer back to the contact center
    FORSENINGSBESKED = "forseningsbesked"  # tell the citizen why it is delayed (FL 11 §)

    ALLA = (
        TILLDELA, OMFORDELA, KLASSIFICERA, SVARA, ANTECKNA, ESKALERA, VANTA, AVSLUTA,
        ATEROPPNA, SLA_IHOP, SEKRETESS, PARKERA, ATERLAMNA, FORSENINGSBESKED,
    )  # fmt: skip


_KONTAKTCENTER_ATGARDER = frozenset(
    {
        Atgard.SKAPA, Atgard.TILLDELA, Atgard.KLASSIFICERA, Atgard.SVARA, Atgard.ANTECKNA,
        Atgard.ESKALERA, Atgard.VANTA, Atgard.AVSLUTA, Atgard.ATEROPPNA, Atgard.SLA_IHOP,
        Atgard.PARKERA, Atgard.FORSENINGSBESKED,
    }
)  # fmt: skip

# What each role may do to an ärende it can see.
ROLLENS_ATGARDER: dict[str, frozenset[str]] = {
    Roll.KOMMUNVAGLEDARE: _KONTAKTCENTER_ATGARDER,
    Roll.HANDLAGGARE: frozenset(
        {
            Atgard.TILLDELA,
            Atgard.SVARA,
            Atgard.ANTECKNA,
            Atgard.VANTA,
            Atgard.AVSLUTA,
            Atgard.ATEROPPNA,
            Atgard.PARKERA,
            Atgard.ATERLAMNA,
            Atgard.FORSENINGSBESKED,
        }
    ),
    Roll.TEAMLEDARE: _KONTAKTCENTER_ATGARDER | {Atgard.OMFORDELA, Atgard.SEKRETESS},
    Roll.ADMINISTRATOR: _KONTAKTCENTER_ATGARDER | {Atgard.OMFORDELA, Atgard.SEKRETESS},
}


def roller(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """Return the user's roles, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cachad = getattr(user, "_kc_roller", None)
    if cachad is None:
        roller_satt(user, user.groups.filter(name__in=Roll.ALLA).values_list("name", flat=True))
        cachad = user._kc_roller
    return cachad


def roller_satt(user, grupper) -> None:
    """Cache the roles from the user's group names, read with the user (inloggning.personal)."""
    namn = {g for g in grupper if g in Roll.ALLA}
    if user.is_superuser:
        namn.add(Roll.ADMINISTRATOR)
    user._kc_roller = frozenset(namn)


def huvudroll(user) -> str | None:
    """Return the broadest role, for display and for the start page."""
    mina = roller(user)
    for roll in (Roll.ADMINISTRATOR, Roll.TEAMLEDARE, Roll.KOMMUNVAGLEDARE, Roll.HANDLAGGARE):
        if roll in mina:
            return roll
    return None


def _handlaggarens_forvaltning_id(user) -> int | None:
    medarbetare = getattr(user, "medarbetare", None)
    return medarbetare.forvaltning_id if medarbetare else None


def kommun_id_for_user(user) -> int | None:
    """Return the kommun whose rows the staff member works with; None means every kommun."""
    medarbetare = getattr(user, "medarbetare", None)
    return medarbetare.kommun_id if medarbetare else None


def arende_queryset_for_user(user) -> QuerySet[Arende]:
    """Return every ärende the user may see; the base of every list, search and export.

    Built once per worker process for each user, roles, kommun and förvaltning (a quarter
    of a millisecond of ORM work a request) and handed out as a fresh clone; a change of
    roles or placement, read with the user on every request, makes a new one. The cached
    queryset is never evaluated: who is named on a sekretess ärende is a subquery, read
    anew every time a clone runs.
    """
    return _arende_queryset(*_synfalt(user)).all()


def _synfalt(user) -> tuple:
    """What decides which ärenden the user sees: who he is, his roles, kommun, förvaltning."""
    return (user.pk, roller(user), kommun_id_for_user(user), _handlaggarens_forvaltning_id(user))


@functools.lru_cache(maxsize=1024)
def _arende_queryset(
    user_id: int | None, mina: frozenset[str], kommun_id: int | None, forvaltning_id: int | None
) -> QuerySet[Arende]:
    qs = Arende.objects.all()
    if not mina:
        return qs.none()
    sekretess_ok = Q(sekretess=False) | Q(
        pk__in=Arende.sekretess_behoriga.through.objects.filter(user_id=user_id).values("arende_id")
    )
    if mina & {Roll.KOMMUNVAGLEDARE, Roll.TEAMLEDARE, Roll.ADMINISTRATOR}:
        # Staff with no Medarbetare row (a superuser made with createsuperuser) see all kommuner.
        if kommun_id is not None:
            qs = qs.filter(kommun_id=kommun_id)
        return qs.filter(sekretess_ok)
    # Only handläggare remain.
    egna = Q(tilldelad_id=user_id)
    if forvaltning_id is not None:
        egna |= Q(forvaltning_id=forvaltning_id, eskalerad__isnull=False)
    return qs.filter(egna).filter(sekretess_ok)


# What an ärende is read with: the rows its page and the API show.
ARENDETS_RELATIONER = ("kategori", "forvaltning", "tilldelad", "kontakt", "kommun", "svarsgrupp")


def arende_get_for_user(
    *,
    user,
    nummer: str,
    logga_lasning: bool = True,
    med: tuple[str, ...] = (),
    kanda: Arende | None = None,
) -> Arende:
    """Fetch one ärende the user may see, or raise ArendeSaknas (never revealing it exists).

    A read of a sekretessmarkerat ärende is written to its timeline. `med` names further
    relations to fetch in the same query (the ärende page's enkät). `kanda`: the same
    ärende as the caller just wrote it; the related rows it holds are not read again.
    """
    relationer = ARENDETS_RELATIONER
    if kanda is not None:
        relationer = tuple(r for r in relationer if not kanda.har_i_hand(r))
    relationer = (*relationer, *med)
    synfalt = _synfalt(user)
    synliga = _arende_queryset(*synfalt).all()

    def bygg(varde) -> QuerySet[Arende]:
        qs = synliga.filter(nummer=varde)
        if relationer:  # (select_related() without names would follow every foreign key)
            qs = qs.select_related(*relationer)
        return qs.order_by()[:1]  # the nummer is unique

    # The same user, roles and relations give the same SQL: compiled once (0.7 ms).
    rader = kompilerade.lista((synfalt, relationer), bygg, nummer.strip().upper())
    arende = rader[0] if rader else None
    if arende is not None and kanda is not None:
        arende.relationer_fran(kanda)
    if arende is None:
        raise ArendeSaknas(
            _("Ärendet %(nummer)s finns inte eller så saknar du behörighet.") % {"nummer": nummer}
        )
    if logga_lasning:
        sekretess_lasning_logga(user=user, arende=arende)
    return arende


def sekretess_lasning_logga(*, user, arende: Arende) -> None:
    """Record that the user read this ärende, if it is sekretessmarkerat: in its timeline and
    in the audit log (who, which ärende, when). Nothing at all for an ordinary ärende.

    `arende_get_for_user` calls it for every page and API call that opens an ärende; a page
    that shows a sekretess ärende's content without it (an admin page of a row of it, see
    `arenden.adminmixins.ArendeScopeMixin`) calls it itself.
    """
    if arende.sekretess:
        Handelse.objects.create(arende=arende, typ=Handelse.Typ.LAST, aktor=user, data={})
        krokar.granska(typ="last", user=user, arenden=[arende])


def sekretess_innehall_synligt(user, *, arende_falt: str = "arende") -> Case:
    """Return a boolean expression for rows that point at an ärende (`arende_falt`): true
    when the ärende is not sekretessmarkerat or the user is named on it.

    The sekretess rule of `arende_queryset_for_user`, whatever the role (administratörer
    too), for a page that lists rows beside ärenden it may not hide (the Platina view shows
    that a registration is stuck, without what it is about). The kommun is the caller's to
    scope.
    """
    namngiven = Exists(
        Arende.sekretess_behoriga.through.objects.filter(
            arende_id=OuterRef(f"{arende_falt}_id"), user_id=user.pk
        )
    )
    return Case(
        When(**{f"{arende_falt}__sekretess": False}, then=Value(True)),
        default=namngiven,
        output_field=BooleanField(),
    )


def sekretess_listning_logga(*, user, arenden: list[Arende]) -> None:
    """Record in the audit log that a list or search showed these sekretess ärenden (as
    "Sekretessmarkerat ärende", without rubrik or kontakt: that they exist is what is shown).

    No query at all when the page holds no sekretessmarkerat ärende.
    """
    hemliga = [a for a in arenden if a.sekretess]
    if hemliga:
        krokar.granska(typ="listat", user=user, arenden=hemliga)


def kan_se_personnummer(user, arende: Arende) -> bool:
    """Return whether the user sees the kontakt's personnummer unmasked on this ärende."""
    if Roll.ADMINISTRATOR in roller(user):
        return True
    return Roll.HANDLAGGARE in roller(user) and arende.tilldelad_id == user.pk


def kan_hantera_personuppgifter(user) -> bool:
    """Only administratörer read the audit log, make registerutdrag and correct or erase."""
    return Roll.ADMINISTRATOR in roller(user)


def kontrollera_personuppgifter(user) -> None:
    if not kan_hantera_personuppgifter(user):
        raise BehorighetSaknas(_("Bara administratörer hanterar personuppgifter och loggen."))


SEKRETESS_RUBRIK = _lazy("Sekretessmarkerat ärende")


def listrad_rubrik(arende: Arende) -> str:
    """Return the rubrik a list or search row may show: none of a sekretessmarkerat ärende's."""
    return str(SEKRETESS_RUBRIK) if arende.sekretess else arende.rubrik


def listrad_kontakt(arende: Arende) -> str | None:
    """Return the kontakt a list row may name: nobody, for a sekretessmarkerat ärende."""
    if arende.sekretess or arende.kontakt_id is None:
        return None
    return str(arende.kontakt)


def kan_tilldelas(user, arende: Arende) -> bool:
    """Return whether the ärende may be given to the user: staff of the ärende's kommun."""
    if not user.is_active or not roller(user):
        return False
    kommun_id = kommun_id_for_user(user)
    return kommun_id is None or kommun_id == arende.kommun_id


def far_veta_om(*, arende_id: int, sekretess: bool, user_ids: set[int]) -> set[int]:
    """Return those of the users who may be told about the ärende (a reminder, a mail).

    Everyone the caller chose for an ordinary ärende; for a sekretessmarkerat one only
    those named on it, as for every read.
    """
    if not sekretess:
        return user_ids
    namngivna = Arende.sekretess_behoriga.through.objects.filter(arende_id=arende_id)
    return user_ids & set(namngivna.values_list("user_id", flat=True))


def ar_handlaggare(user) -> bool:
    return Roll.HANDLAGGARE in roller(user)


def ar_ledning(user) -> bool:
    """Teamledare and administratörer: the overdue list, reports, revoking status links."""
    return bool(roller(user) & {Roll.TEAMLEDARE, Roll.ADMINISTRATOR})


def kan_aterkalla_statuslank(user) -> bool:
    return ar_ledning(user)


def kan_se_forsenade(user) -> bool:
    """The reminder page's list of every overdue ärende is for teamledare and administratörer."""
    return ar_ledning(user)


def kan_skapa(user) -> bool:
    return rollen_far(user, Atgard.SKAPA)


def rollen_far(user, atgard: str) -> bool:
    """Return whether one of the user's roles allows the action at all."""
    return any(atgard in ROLLENS_ATGARDER[r] for r in roller(user))


def kan(user, arende: Arende, atgard: str) -> bool:
    """Return whether the user may take the action on this ärende now (role and status)."""
    if not rollen_far(user, atgard):
        return False
    if arende.sammanslagen_med_id is not None:
        return atgard == Atgard.ANTECKNA
    return livscykel.mojlig(atgard, arende.status)


def tillatna_atgarder(user, arende: Arende) -> set[str]:
    """Return the actions to offer in the UI for this ärende."""
    return {atgard for atgard in Atgard.ALLA if kan(user, arende, atgard)}


def kontrollera_atgard(user, arende: Arende, atgard: str) -> None:
    """Raise BehorighetSaknas unless the user's role allows the action.

    Whether the action fits the ärende's status is the service's to say, with its own error.
    """
    if not rollen_far(user, atgard):
        raise BehorighetSaknas(
            _("Din roll får inte göra detta med ärende %(nummer)s.") % {"nummer": arende.nummer},
            extra={"atgard": atgard},
        )


def kan_se_statistik(user) -> bool:
    """Teamledare and administratörer see the statistics."""
    return ar_ledning(user)


def kan_se_statistik_per_person(user) -> bool:
    """Only a teamledare sees figures per medarbetare."""
    return Roll.TEAMLEDARE in roller(user)


def statistik_kommun_id(user) -> int | None:
    """Return the kommun whose statistics the user sees; None means every kommun."""
    return kommun_id_for_user(user)


def kontrollera_statistik(user) -> None:
    if not kan_se_statistik(user):
        raise BehorighetSaknas(_("Bara teamledare och administratörer ser statistiken."))


def kan_redigera_svarsmallar(user) -> bool:
    """Teamledare and administratörer write the svarsmallar; everyone with a role reads them.

    A förvaltning's mall belongs to that förvaltning's kommun: only its own staff see and
    change it. A gemensam one (no förvaltning) is also asked about
    `kan_redigera_gemensamma_svarsmallar`.
    """
    return ar_ledning(user)


def _en_enda_kommun(user) -> bool:
    """Return whether the system serves one kommun only (asked once per user object)."""
    cachad = getattr(user, "_kc_en_kommun", None)
    if cachad is None:
        cachad = Kommun.objects.count() <= 1
        user._kc_en_kommun = cachad
    return cachad


def kan_redigera_gemensamma_svarsmallar(user) -> bool:
    """Return whether the user may create, change or take over a gemensam svarsmall.

    A mall without förvaltning is offered to every vägledare of every kommun the contact
    center serves (a kommungemensamt kontaktcenter), so it is governed like the rest of what
    the kommuner share – kommuner, förvaltningar and kategorier, kept in the admin – by
    administratörer. A teamledare leads one kommun's staff: he may write a gemensam mall only
    when it reaches no other kommun's, i.e. when the system serves his kommun alone, or when
    he has no Medarbetare row and so already works across every kommun. Everyone with a role
    may still use (insert) it.
    """
    mina = roller(user)
    if Roll.ADMINISTRATOR in mina:
        return True
    if Roll.TEAMLEDARE not in mina:
        return False
    return arbetar_med_alla_kommuner(user)


GEMENSAM_SVARSMALL_NEKAD = _lazy(
    "Gemensamma svarsmallar används av alla kommuner och ändras bara av administratörer. "
    "Välj din förvaltning för en mall som gäller er kommun."
)


def kan_redigera_svarsmall(user, mall) -> bool:
    """Return whether the user may change this (visible) svarsmall."""
    if mall.forvaltning_id is None:
        return kan_redigera_gemensamma_svarsmallar(user)
    return kan_redigera_svarsmallar(user)


def kontrollera_svarsmallar(user) -> None:
    if not kan_redigera_svarsmallar(user):
        raise BehorighetSaknas(_("Bara teamledare och administratörer ändrar svarsmallar."))


def kontrollera_svarsmall_spara(user, *, mall, forvaltning) -> None:
    """Raise BehorighetSaknas unless the user may save `mall` (None: a new one) with this
    förvaltning: a gemensam mall before or after needs `kan_redigera_gemensamma_svarsmallar`,
    and a förvaltning is the user's own kommun's."""
    kontrollera_svarsmallar(user)
    gemensam = forvaltning is None or (mall is not None and mall.forvaltning_id is None)
    if gemensam and not kan_redigera_gemensamma_svarsmallar(user):
        raise BehorighetSaknas(str(GEMENSAM_SVARSMALL_NEKAD), code="svarsmall_gemensam")
    kommun_id = kommun_id_for_user(user)
    if kommun_id is None:
        return
    for forv in (forvaltning, mall.forvaltning if mall is not None else None):
        if forv is not None and forv.kommun_id != kommun_id:
            raise BehorighetSaknas(
                _("Svarsmallen hör till en annan kommuns förvaltning."), code="svarsmall_kommun"
            )


def kan_hantera_kommuner(user) -> bool:
    """Which kommuner there are (adding or deleting one) is for staff with no Medarbetare
    row, who work with every kommun; the others see and change their own kommun only."""
    return kommun_id_for_user(user) is None


def kan_ta_bort_medarbetare(user) -> bool:
    """A deleted placement leaves its user with no Medarbetare row, i.e. with every kommun:
    only staff who already work with every kommun delete one."""
    return kommun_id_for_user(user) is None


def kan_andra_medarbetare(user, medarbetare) -> bool:
    """Return whether the user may change this placement: staff with no Medarbetare row any,
    the others their own kommun's staff's but never their own (nobody moves himself)."""
    kommun_id = kommun_id_for_user(user)
    if kommun_id is None:
        return True
    return medarbetare.kommun_id == kommun_id and medarbetare.anvandare_id != user.pk


def kontrollera_medarbetare_spara(user, *, medarbetare, anvandare, kommun, forvaltning) -> None:
    """Raise unless the user may save `medarbetare` (None: a new one) with this user, kommun
    and förvaltning.

    The förvaltning is the kommun's (a handläggare sees his förvaltning's ärenden, so one
    placed in another kommun's would see that kommun's). Staff with no Medarbetare row place
    anyone in any kommun; the others place only in their own kommun, never change their own
    placement and never hand a placement to another user (its first user would be left with
    no Medarbetare row, and so with every kommun).
    """
    if forvaltning is not None and kommun is not None and forvaltning.kommun_id != kommun.pk:
        raise OgiltigUppgift(
            _("Förvaltningen hör till en annan kommun än medarbetarens."),
            code="medarbetare_forvaltning",
        )
    kommun_id = kommun_id_for_user(user)
    if kommun_id is None:
        return
    if medarbetare is not None and not kan_andra_medarbetare(user, medarbetare):
        raise BehorighetSaknas(
            _("Du kan inte ändra din egen eller en annan kommuns medarbetares placering."),
            code="medarbetare_egen",
        )
    if kommun is not None and kommun.pk != kommun_id:
        raise BehorighetSaknas(
            _("Medarbetare placeras bara i din egen kommun."), code="medarbetare_kommun"
        )
    if (
        medarbetare is not None
        and anvandare is not None
        and anvandare.pk != medarbetare.anvandare_id
    ):
        raise BehorighetSaknas(
            _("En placering flyttas inte till en annan användare."), code="medarbetare_anvandare"
        )


def arbetar_med_alla_kommuner(user) -> bool:
    """Return whether the user works with every kommun there is: staff with no Medarbetare
    row, and a kommun's staff when the system serves that kommun alone.

    A row that leads to no kommun (a call that no ärende took) could be any kommun's, and
    one that every kommun shares (a mailbox with no förvaltning) reaches them all: only such
    staff see the first kind and change the second.
    """
    return kommun_id_for_user(user) is None or _en_enda_kommun(user)


def anvandare_queryset_for_user(user) -> QuerySet:
    """Return the staff accounts the user sees in the admin: those placed in his kommun;
    staff with no Medarbetare row see every account (the unplaced ones too)."""
    konton = get_user_model().objects.all()
    kommun_id = kommun_id_for_user(user)
    if kommun_id is None:
        return konton
    return konton.filter(medarbetare__kommun_id=kommun_id)


def _behorigheter(user) -> QuerySet[Permission]:
    """The permissions the user holds, his own and his groups', however active he is now."""
    return Permission.objects.filter(Q(user=user) | Q(group__user=user))


def kan_andra_anvandare(user, anvandare) -> bool:
    """Return whether the user may change this account: its name, groups, placement and
    password (so, in effect, act as it).

    A superuser changes every account of his kommun (with no Medarbetare row: every
    account). Anyone else only one placed in his kommun with no rights beyond his own: not a
    superuser, in no group he is not in, with no permission he lacks. No role lies wholly
    within another (a handläggare sends answers back, a teamledare sees figures per person,
    an administratör sees personnummer), so a role he does not hold is always more than he
    has. The rights are compared as given, whether the account is active now or not (an
    inactive one may be made active).
    """
    kommun_id = kommun_id_for_user(user)
    if kommun_id is not None and kommun_id_for_user(anvandare) != kommun_id:
        return False
    if user.is_superuser:
        return True
    if anvandare.is_superuser:
        return False
    if anvandare.groups.exclude(pk__in=user.groups.values("pk")).exists():
        return False
    return not anvandare.user_permissions.exclude(pk__in=_behorigheter(user).values("pk")).exists()


def kontrollera_anvandare_spara(user, *, anvandare, grupper, superanvandare, behorigheter) -> None:
    """Raise BehorighetSaknas unless the user may save `anvandare` (None: a new account)
    with these groups, superuser status and permissions of its own (None: not changed).

    Only a superuser makes a superuser or gives permissions one by one. Anyone else gives
    only groups he is in himself, so nobody raises an account above his own rights, and
    never changes his own groups (a role is given by someone else).
    """
    if user.is_superuser:
        return
    if superanvandare and (anvandare is None or not anvandare.is_superuser):
        raise BehorighetSaknas(
            _("Bara en superanvändare gör andra till superanvändare."), code="anvandare_super"
        )
    nuvarande = set(anvandare.user_permissions.all()) if anvandare is not None else set()
    if behorigheter is not None and set(behorigheter) != nuvarande:
        raise BehorighetSaknas(
            _("Bara en superanvändare ger behörigheter en och en."), code="anvandare_behorighet"
        )
    if grupper is None:
        return
    egen = anvandare is not None and anvandare.pk == user.pk
    if egen and set(grupper) != set(anvandare.groups.all()):
        raise BehorighetSaknas(
            _("Du kan inte ändra dina egna roller och grupper."), code="anvandare_egen"
        )
    if not set(grupper) <= set(user.groups.all()):
        raise BehorighetSaknas(
            _("Du kan bara ge grupper som du själv har."), code="anvandare_grupp"
        )


def kan_andra_grupper(user) -> bool:
    """Groups (the roles among them) and their permissions are a superuser's to change:
    anyone else who gave his own group a permission would have raised himself."""
    return user.is_superuser


def kontrollera_skapa(user) -> None:
    if not kan_skapa(user):
        raise BehorighetSaknas(_("Din roll kan inte registrera ärenden."))

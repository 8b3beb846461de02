"""Staff accounts and groups in the Django admin through HTTP (inloggning/admin.py, under
`kan_andra_anvandare` and `kontrollera_anvandare_spara` in arenden/behorighet.py).

Whoever may change an account sets its password and so can act as it. The teamledare is
made staff with every permission on accounts, groups and placements, as an administratör
might make him; he is no superuser. His colleague with no role is the account he may
change; the kommunvägledare is in a group he is not in. The administratör is a superuser
with a Medarbetare row, so he works with his own kommun's accounts only.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.urls import reverse

from arenden.behorighet import Roll
from arenden.models import Medarbetare
from tests.sakerhet.adminsidor import formularets_data, sidans_html
from tests.sakerhet.conftest import ADMINISTRATOR, ANNAN_KOMMUN, TEAMLEDARE, UTAN_ROLL, VAGLEDARE

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def i_admin(som_personal):
    """Return a factory: i_admin(roll) is the client of that role, made staff with every
    permission on accounts, groups and placements."""
    konton = Permission.objects.filter(
        Q(content_type__app_label="auth")
        | Q(content_type__app_label="arenden", content_type__model="medarbetare")
    )
    return lambda roll: som_personal(roll, konton)


def _sidan(anvandare) -> str:
    return reverse("admin:auth_user_change", args=[anvandare.pk])


def _losenordet(anvandare) -> str:
    return reverse("admin:auth_user_password_change", args=[anvandare.pk])


def _nu(anvandare):
    return User.objects.get(pk=anvandare.pk)


def _grupper(anvandare) -> set[str]:
    return set(_nu(anvandare).groups.values_list("name", flat=True))


def _placering(anvandare) -> tuple:
    m = Medarbetare.objects.get(anvandare=anvandare)
    return (m.kommun_id, m.forvaltning_id)


def _grupp(namn: str) -> Group:
    return Group.objects.get(name=namn)


def test_listan_har_bara_egna_kommunens_konton(i_admin, varld):
    """Listed, opened or given a new password: the neighbour kommun's account (and one with
    no placement, who works with every kommun) is not there for him."""
    rot = User.objects.create_superuser("rot", "rot@exempel.se", None)
    c = i_admin(TEAMLEDARE)

    lista = sidans_html(c.get(reverse("admin:auth_user_changelist")))
    sidan = c.get(_sidan(varld.user(ANNAN_KOMMUN)))
    losenord = c.post(
        _losenordet(varld.user(ANNAN_KOMMUN)),
        {"password1": "Nytt-lösen-1234", "password2": "Nytt-lösen-1234"},
    )

    assert _sidan(varld.user(VAGLEDARE)) in lista
    assert _sidan(varld.user(ANNAN_KOMMUN)) not in lista and _sidan(rot) not in lista
    assert sidan.status_code == 302 and sidan["Location"] == reverse("admin:index")
    assert losenord.status_code == 404
    assert not _nu(varld.user(ANNAN_KOMMUN)).check_password("Nytt-lösen-1234")


def test_bara_superanvandare_gor_superanvandare_och_ger_behorigheter(i_admin, varld):
    """Superuser status and permissions one by one are shown, not offered; posted anyway,
    they are ignored."""
    c = i_admin(TEAMLEDARE)
    kollega = varld.user(UTAN_ROLL)
    behorighet = Permission.objects.get(codename="change_user")

    html = sidans_html(c.get(_sidan(kollega)))
    svar = c.post(
        _sidan(kollega),
        formularets_data(html, is_superuser="on", user_permissions=[behorighet.pk]),
    )

    assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
    assert svar.status_code == 302, svar.content[:500]
    assert not _nu(kollega).is_superuser
    assert not _nu(kollega).user_permissions.exists()


def test_grupper_ges_bara_bland_de_egna(i_admin, varld):
    """He gives a colleague his own group; the administratör group, which he is not in, is
    not offered and is refused when posted."""
    c = i_admin(TEAMLEDARE)
    kollega = varld.user(UTAN_ROLL)
    html = sidans_html(c.get(_sidan(kollega)))

    hojd = c.post(_sidan(kollega), formularets_data(html, groups=[_grupp(Roll.ADMINISTRATOR).pk]))
    samma = c.post(_sidan(kollega), formularets_data(html, groups=[_grupp(Roll.TEAMLEDARE).pk]))

    assert Roll.ADMINISTRATOR not in html.split('name="groups"')[1].split("</select>")[0]
    assert hojd.status_code == 200 and 'class="errorlist' in hojd.content.decode()
    assert samma.status_code == 302, samma.content[:500]
    assert _grupper(kollega) == {Roll.TEAMLEDARE}


@pytest.mark.parametrize("hogre", ["superanvandare", "behorighet", "grupp"])
def test_konto_med_mer_rattigheter_andras_inte(i_admin, varld, hogre):
    """An account above his own rights (a superuser, a permission he lacks, a role he is not
    in) opens read-only: neither changed nor given a new password, which would let him act
    as it."""
    kollega = varld.user(
        {"superanvandare": ADMINISTRATOR, "behorighet": UTAN_ROLL, "grupp": VAGLEDARE}[hogre]
    )
    if hogre == "behorighet":
        kollega.user_permissions.add(Permission.objects.get(codename="view_arende"))
    c = i_admin(TEAMLEDARE)

    sidan = sidans_html(c.get(_sidan(kollega)))
    andrad = c.post(_sidan(kollega), formularets_data(sidan, first_name="Ändrad"))
    losenord = c.post(
        _losenordet(kollega), {"password1": "Nytt-lösen-1234", "password2": "Nytt-lösen-1234"}
    )

    assert 'name="_save"' not in sidan
    assert andrad.status_code == losenord.status_code == 403
    assert _nu(kollega).first_name != "Ändrad"
    assert not _nu(kollega).check_password("Nytt-lösen-1234")


def test_egna_roller_och_placering_andras_inte(i_admin, varld):
    """His own page shows his groups, staff status and placement without offering them;
    posted anyway, they are ignored and his name is saved."""
    c = i_admin(TEAMLEDARE)
    jag = varld.user(TEAMLEDARE)
    fore = _placering(jag)

    html = sidans_html(c.get(_sidan(jag)))
    svar = c.post(
        _sidan(jag),
        formularets_data(
            html,
            first_name="Ny",
            groups=[_grupp(Roll.ADMINISTRATOR).pk, _grupp(Roll.TEAMLEDARE).pk],
            is_superuser="on",
            **{"medarbetare-0-kommun": varld.granne.kommun_id, "medarbetare-0-forvaltning": ""},
        ),
    )

    for namn in ("groups", "is_staff", "is_superuser", "medarbetare-0-kommun"):
        assert f'name="{namn}"' not in html
    assert svar.status_code == 302, svar.content[:500]
    nu = _nu(jag)
    assert (nu.first_name, nu.is_superuser, nu.is_staff) == ("Ny", False, True)
    assert _grupper(jag) == {Roll.TEAMLEDARE}
    assert _placering(jag) == fore


def _nytt_konto(c, **falt):
    sidan = sidans_html(c.get(reverse("admin:auth_user_add")))
    data = formularets_data(
        sidan,
        username="nyanstalld",
        usable_password="true",
        password1="Ett-bra-lösen-4711",
        password2="Ett-bra-lösen-4711",
        **falt,
    )
    return sidan, c.post(reverse("admin:auth_user_add"), data)


def test_nytt_konto_placeras_i_skaparens_kommun(i_admin, varld):
    """An account he makes is placed in his kommun (with no placement it would see every
    kommun), and its page is then his to open."""
    c = i_admin(TEAMLEDARE)

    sidan, svar = _nytt_konto(c)

    assert svar.status_code == 302, svar.content[:500]
    ny = User.objects.get(username="nyanstalld")
    assert _placering(ny) == (varld.oppet.kommun_id, None)
    assert svar["Location"] == _sidan(ny)
    assert "Grannkommun" not in sidan


def test_nytt_konto_placeras_inte_i_grannkommunen(i_admin, varld):
    """The placement on the new account's page is chosen in his own kommun only."""
    c = i_admin(TEAMLEDARE)

    _, svar = _nytt_konto(c, **{"medarbetare-0-kommun": varld.granne.kommun_id})

    assert svar.status_code == 200 and 'class="errorlist' in svar.content.decode()
    assert not User.objects.filter(username="nyanstalld").exists()


def test_grupper_andras_bara_av_superanvandare(i_admin, varld):
    """A role's permissions (and name) are rights: he sees the groups, changes none and
    makes none."""
    c = i_admin(TEAMLEDARE)
    roll = _grupp(Roll.TEAMLEDARE)
    sidan_url = reverse("admin:auth_group_change", args=[roll.pk])

    sidan = sidans_html(c.get(sidan_url))
    andrad = c.post(
        sidan_url,
        {"name": roll.name, "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    ny = c.post(reverse("admin:auth_group_add"), {"name": "Nya rättigheter"})

    assert 'name="_save"' not in sidan
    assert andrad.status_code == ny.status_code == 403
    assert not roll.permissions.exists()
    assert not Group.objects.filter(name="Nya rättigheter").exists()


def test_administratoren_ar_superanvandare_i_sin_kommun(klient, varld):
    """A superuser with a Medarbetare row makes superusers among his own kommun's accounts
    and no others."""
    c = klient(ADMINISTRATOR)
    kollega = varld.user(VAGLEDARE)

    lista = sidans_html(c.get(reverse("admin:auth_user_changelist")))
    html = sidans_html(c.get(_sidan(kollega)))
    svar = c.post(_sidan(kollega), formularets_data(html, is_superuser="on"))

    assert _sidan(varld.user(ANNAN_KOMMUN)) not in lista
    assert svar.status_code == 302, svar.content[:500]
    assert _nu(kollega).is_superuser


def test_superanvandare_utan_medarbetare_ser_alla_konton(client, varld):
    client.force_login(User.objects.create_superuser("rot", "rot@exempel.se", None))

    lista = sidans_html(client.get(reverse("admin:auth_user_changelist")))

    assert _sidan(varld.user(ANNAN_KOMMUN)) in lista and _sidan(varld.user(VAGLEDARE)) in lista

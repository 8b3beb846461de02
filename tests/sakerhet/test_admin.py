"""The svarsmallar in the Django admin through HTTP, for staff accounts with every svarsmall
permission: the admin shows and changes what the app's own svarsmall pages would
(arenden/admin.py, `SvarsmallAdmin`).

The world serves two kommuner, so a gemensam mall reaches both and only an administratör
changes it (`kan_redigera_gemensamma_svarsmallar`); a kommun's staff never find the
neighbour's mall. The teamledare and vägledare are made staff here, as an administratör
might make them.
"""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from arenden.behorighet import GEMENSAM_SVARSMALL_NEKAD
from arenden.models import Svarsmall
from tests.sakerhet.conftest import ADMINISTRATOR, TEAMLEDARE, VAGLEDARE

pytestmark = pytest.mark.django_db

EGEN_LEDNING = (TEAMLEDARE, ADMINISTRATOR)
GRANNENS_FORVALTNING = "Grannens förvaltning"


@pytest.fixture
def i_admin(som_personal):
    """Return a factory: i_admin(roll) is the client of that role, made staff with every
    svarsmall permission (the administratör is staff and superuser already)."""
    svarsmallar = Permission.objects.filter(
        content_type__app_label="arenden", content_type__model="svarsmall"
    )
    return lambda roll: som_personal(roll, svarsmallar)


def _lista(c, **fraga) -> str:
    svar = c.get(reverse("admin:arenden_svarsmall_changelist"), fraga)
    assert svar.status_code == 200, svar.content[:300]
    return svar.content.decode()


def _sidan(mall: Svarsmall) -> str:
    return reverse("admin:arenden_svarsmall_change", args=[mall.pk])


def _forvaltningsval(html: str) -> list[str]:
    """The names offered in the form's förvaltning select."""
    [valet] = re.findall(r'<select name="forvaltning".*?</select>', html, re.S)
    return [unescape(namn).strip() for namn in re.findall(r"<option[^>]*>([^<]*)</option>", valet)]


def _data(**falt) -> dict:
    return {"titel": "Ändrad", "text": "Ändrad text", "aktiv": "on", "_save": "Spara", **falt}


def _nu(mall: Svarsmall) -> Svarsmall:
    """The mall as saved now (the world's objects are shared by the module's tests, so none
    is refreshed in place)."""
    return Svarsmall.objects.get(pk=mall.pk)


def _oforandrad(mall: Svarsmall) -> None:
    nu = _nu(mall)
    assert (nu.titel, nu.text, nu.forvaltning_id, nu.aktiv, nu.andrad) == (
        mall.titel,
        mall.text,
        mall.forvaltning_id,
        mall.aktiv,
        mall.andrad,
    )


@pytest.mark.parametrize("roll", EGEN_LEDNING)
def test_listan_har_egna_kommunens_och_gemensamma_mallar(i_admin, varld, roll):
    """Listed, searched and filtered: the own kommun's mall and the gemensam one, nothing of
    the neighbour's (not even his förvaltning in the filter)."""
    c = i_admin(roll)

    lista = _lista(c)
    sokt = _lista(c, q="bygglov")  # in both the own and the neighbour's mall

    assert varld.svarsmall.titel in lista and varld.svarsmall_gemensam.titel in lista
    assert varld.svarsmall.titel in sokt
    for html in (lista, sokt):
        assert varld.svarsmall_granne.titel not in html
        assert GRANNENS_FORVALTNING not in html
        assert _sidan(varld.svarsmall_granne) not in html


@pytest.mark.parametrize("roll", EGEN_LEDNING)
def test_grannens_mall_finns_inte(i_admin, varld, roll):
    """The neighbour's mall is neither shown, changed nor deleted: the admin answers as for
    one that does not exist (it sends the user to its index)."""
    c = i_admin(roll)
    mall = varld.svarsmall_granne

    sidan = c.get(_sidan(mall))
    andrad = c.post(_sidan(mall), _data(forvaltning=mall.forvaltning_id))
    bort = c.post(reverse("admin:arenden_svarsmall_delete", args=[mall.pk]), {"post": "yes"})
    massvis = c.post(
        reverse("admin:arenden_svarsmall_changelist"),
        {"action": "delete_selected", "_selected_action": [mall.pk], "post": "yes"},
    )

    assert sidan.status_code == andrad.status_code == bort.status_code == 302
    assert sidan["Location"] == reverse("admin:index")
    assert massvis.status_code in (200, 302)
    assert mall.text not in sidan.content.decode()
    _oforandrad(mall)


def test_forvaltningen_valjs_bland_egna_kommunens(i_admin, varld):
    """The form offers the own kommun's förvaltningar only (no empty choice for the
    teamledare, since the kommuner are two); the neighbour's is refused when posted anyway."""
    c = i_admin(TEAMLEDARE)
    fore = Svarsmall.objects.count()

    ny = c.get(reverse("admin:arenden_svarsmall_add"))
    grannens = c.post(
        reverse("admin:arenden_svarsmall_add"),
        _data(titel="Ny", forvaltning=varld.svarsmall_granne.forvaltning_id),
    )

    assert ny.status_code == 200
    assert _forvaltningsval(ny.content.decode()) == [
        "Välj förvaltning",
        "Samhällsbyggnadsförvaltningen",
        "Socialförvaltningen",
    ]
    assert grannens.status_code == 200  # the form again, with the error
    assert 'class="errorlist' in grannens.content.decode()
    assert Svarsmall.objects.count() == fore


def test_teamledaren_gor_ingen_mall_gemensam(i_admin, varld):
    """Without a förvaltning the form answers with the app's Swedish reason and saves
    nothing: neither a new gemensam mall nor his kommun's mall made gemensam."""
    c = i_admin(TEAMLEDARE)
    fore = Svarsmall.objects.count()

    ny = c.post(reverse("admin:arenden_svarsmall_add"), _data(titel="Ny", forvaltning=""))
    till_gemensam = c.post(_sidan(varld.svarsmall), _data(forvaltning=""))

    for svar in (ny, till_gemensam):
        assert svar.status_code == 200
        assert str(GEMENSAM_SVARSMALL_NEKAD) in unescape(svar.content.decode())
    assert Svarsmall.objects.count() == fore
    _oforandrad(varld.svarsmall)


def test_teamledaren_ser_men_andrar_inte_gemensam_mall(i_admin, varld):
    """The gemensam mall opens read-only for him; changing or deleting it is refused."""
    c = i_admin(TEAMLEDARE)
    mall = varld.svarsmall_gemensam

    sidan = c.get(_sidan(mall))
    andrad = c.post(_sidan(mall), _data())
    bort = c.post(reverse("admin:arenden_svarsmall_delete", args=[mall.pk]), {"post": "yes"})
    massvis = c.post(
        reverse("admin:arenden_svarsmall_changelist"),
        {"action": "delete_selected", "_selected_action": [mall.pk], "post": "yes"},
    )

    assert sidan.status_code == 200
    assert mall.text in sidan.content.decode()
    assert 'name="_save"' not in sidan.content.decode()
    assert andrad.status_code == bort.status_code == massvis.status_code == 403
    _oforandrad(mall)


def test_teamledaren_andrar_egna_kommunens_mall(i_admin, varld):
    """His own kommun's mall he changes, and the admin records him as its last editor."""
    c = i_admin(TEAMLEDARE)
    mall = varld.svarsmall

    svar = c.post(_sidan(mall), _data(forvaltning=mall.forvaltning_id))

    assert svar.status_code == 302
    nu = _nu(mall)
    assert (nu.titel, nu.text, nu.andrad_av) == ("Ändrad", "Ändrad text", varld.user(TEAMLEDARE))


def test_administratoren_andrar_gemensam_mall(i_admin, varld):
    c = i_admin(ADMINISTRATOR)
    mall = varld.svarsmall_gemensam

    sidan = c.get(_sidan(mall))
    svar = c.post(_sidan(mall), _data(forvaltning=""))

    assert 'name="_save"' in sidan.content.decode()
    assert "Välj förvaltning" not in sidan.content.decode()  # gemensam stays a choice
    assert svar.status_code == 302
    nu = _nu(mall)
    assert (nu.titel, nu.forvaltning_id, nu.andrad_av) == (
        "Ändrad",
        None,
        varld.user(ADMINISTRATOR),
    )


def test_vagledaren_lasar_men_andrar_inte_i_admin(i_admin, varld):
    """Model permissions are not enough: svarsmallar are written by teamledare and
    administratörer only, in the admin as in the app."""
    c = i_admin(VAGLEDARE)
    mall = varld.svarsmall

    lista = _lista(c)
    sidan = c.get(_sidan(mall))
    andrad = c.post(_sidan(mall), _data(forvaltning=mall.forvaltning_id))
    ny = c.get(reverse("admin:arenden_svarsmall_add"))

    assert mall.titel in lista and varld.svarsmall_granne.titel not in lista
    assert sidan.status_code == 200 and 'name="_save"' not in sidan.content.decode()
    assert andrad.status_code == ny.status_code == 403
    _oforandrad(mall)


def test_superanvandare_utan_medarbetare_ser_alla_kommuner(client, varld):
    """A superuser made with createsuperuser has no kommun: he works with every kommun's
    mallar, as with every kommun's ärenden."""
    rot = get_user_model().objects.create_superuser("rot", "rot@exempel.se", None)
    client.force_login(rot)
    mall = varld.svarsmall_granne

    lista = _lista(client)
    sidan = client.get(_sidan(mall))
    svar = client.post(_sidan(mall), _data(forvaltning=mall.forvaltning_id))

    assert mall.titel in lista and varld.svarsmall.titel in lista
    assert sidan.status_code == 200
    assert GRANNENS_FORVALTNING in _forvaltningsval(sidan.content.decode())
    assert svar.status_code == 302
    nu = _nu(mall)
    assert (nu.titel, nu.andrad_av) == ("Ändrad", rot)

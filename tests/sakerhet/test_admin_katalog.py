"""The catalogue in the Django admin through HTTP: kommuner, förvaltningar, kategorier,
svarsgrupper and staff placement are kept per kommun (arenden/adminmixins.py, `KommunScopeMixin`,
and `kontrollera_medarbetare_spara`).

The world serves two kommuner. The teamledare is made staff with every permission on the
catalogue, as an administratör might make him; the administratör is staff and superuser
with a Medarbetare row, so he is scoped to his kommun too. A superuser with no Medarbetare
row works with every kommun.
"""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from arenden.models import Forvaltning, Kategori, Kommun, Medarbetare, Svarsgrupp
from tests.factories import KategoriFactory
from tests.sakerhet.conftest import ADMINISTRATOR, ANNAN_KOMMUN, TEAMLEDARE, VAGLEDARE

pytestmark = pytest.mark.django_db

KATALOGEN = ("kommun", "forvaltning", "kategori", "svarsgrupp", "medarbetare")
EGEN_LEDNING = (TEAMLEDARE, ADMINISTRATOR)


@pytest.fixture
def i_admin(som_personal):
    """Return a factory: i_admin(roll) is the client of that role, made staff with every
    permission on the catalogue's models."""
    katalogen = Permission.objects.filter(
        content_type__app_label="arenden", content_type__model__in=KATALOGEN
    )
    return lambda roll: som_personal(roll, katalogen)


@pytest.fixture
def katalog(varld):
    """Both kommuner's rows of each catalogue model: (own, the neighbour's)."""
    forvaltning_a = varld.eskalerat_a.forvaltning
    grannens = varld.svarsmall_granne.forvaltning
    return {
        "kommun": (varld.oppet.kommun, varld.granne.kommun),
        "forvaltning": (forvaltning_a, grannens),
        "kategori": (
            Kategori.objects.get(forvaltning=forvaltning_a),
            KategoriFactory(forvaltning=grannens, namn="Grannens kategori"),
        ),
        "svarsgrupp": (
            Svarsgrupp.objects.create(forvaltning=forvaltning_a, namn="Bygglovsgruppen"),
            Svarsgrupp.objects.create(forvaltning=grannens, namn="Grannens grupp"),
        ),
        "medarbetare": (
            varld.user(VAGLEDARE).medarbetare,
            varld.user(ANNAN_KOMMUN).medarbetare,
        ),
    }


def _lista(c, modell: str) -> str:
    svar = c.get(reverse(f"admin:arenden_{modell}_changelist"))
    assert svar.status_code == 200, svar.content[:300]
    return unescape(svar.content.decode())


def _sidan(rad) -> str:
    return reverse(f"admin:arenden_{rad._meta.model_name}_change", args=[rad.pk])


def _val(html: str, namn: str) -> list[str]:
    """The names offered in the form's select `namn`."""
    [valet] = re.findall(rf'<select name="{namn}".*?</select>', html, re.S)
    return [
        unescape(text).strip()
        for text in re.findall(r"<option[^>]*>([^<]*)</option>", valet)
        if text.strip("- ")
    ]


@pytest.mark.parametrize("roll", EGEN_LEDNING)
@pytest.mark.parametrize("modell", KATALOGEN)
def test_listan_har_bara_egna_kommunens_rader(i_admin, katalog, roll, modell):
    """Listed and filtered: the own kommun's row, nothing of the neighbour's (not even his
    kommun or förvaltning in the filter); his row's page is not found."""
    c = i_admin(roll)
    egen, grannens = katalog[modell]

    html = _lista(c, modell)
    sidan = c.get(_sidan(grannens))

    assert _sidan(egen) in html
    assert _sidan(grannens) not in html
    assert "Grannkommun" not in html and "Grannens förvaltning" not in html
    assert sidan.status_code == 302
    assert sidan["Location"] == reverse("admin:index")


def test_superanvandare_utan_medarbetare_ser_alla_kommuner(client, katalog):
    rot = get_user_model().objects.create_superuser("rot", "rot@exempel.se", None)
    client.force_login(rot)

    for modell, (egen, grannens) in katalog.items():
        html = _lista(client, modell)
        assert _sidan(egen) in html and _sidan(grannens) in html


def test_kommun_laggs_varken_till_eller_tas_bort_av_kommunens_personal(i_admin, varld):
    """His own kommun he opens and changes; which kommuner there are he does not decide."""
    c = i_admin(TEAMLEDARE)
    kommun = varld.oppet.kommun
    fore = Kommun.objects.count()

    ny = c.get(reverse("admin:arenden_kommun_add"))
    skapad = c.post(reverse("admin:arenden_kommun_add"), {"namn": "Ny kommun", "kommunkod": "1"})
    bort = c.post(reverse("admin:arenden_kommun_delete", args=[kommun.pk]), {"post": "yes"})
    sidan = c.get(_sidan(kommun))
    andrad = c.post(_sidan(kommun), {"namn": kommun.namn, "kommunkod": "9997"})

    assert ny.status_code == skapad.status_code == bort.status_code == 403
    assert Kommun.objects.count() == fore
    assert sidan.status_code == 200
    assert 'name="_save"' in sidan.content.decode()
    assert andrad.status_code == 302
    assert Kommun.objects.get(pk=kommun.pk).kommunkod == "9997"


def test_superanvandare_utan_medarbetare_lagger_till_kommuner(client, varld):
    client.force_login(get_user_model().objects.create_superuser("rot", "rot@exempel.se", None))

    svar = client.post(reverse("admin:arenden_kommun_add"), {"namn": "Ny kommun", "kommunkod": "1"})

    assert svar.status_code == 302
    assert Kommun.objects.filter(namn="Ny kommun").exists()


def test_forvaltningen_flyttas_inte_till_en_annan_kommun(i_admin, varld, katalog):
    """The kommun select holds his own only; the neighbour's posted anyway is refused."""
    c = i_admin(TEAMLEDARE)
    forvaltning = katalog["forvaltning"][0]

    sidan = c.get(_sidan(forvaltning))
    svar = c.post(
        _sidan(forvaltning),
        {"kommun": varld.granne.kommun_id, "namn": forvaltning.namn, "aktiv": "on"},
    )

    assert _val(unescape(sidan.content.decode()), "kommun") == ["Exempelkommun"]
    assert svar.status_code == 200 and 'class="errorlist' in svar.content.decode()
    assert Forvaltning.objects.get(pk=forvaltning.pk).kommun_id == varld.oppet.kommun_id


def test_kategorin_och_svarsgruppen_valjer_bland_egna_forvaltningar(i_admin, varld, katalog):
    """A kategori or svarsgrupp is not moved to the neighbour's förvaltning; a svarsgrupp's
    members are chosen among the own kommun's staff."""
    c = i_admin(TEAMLEDARE)
    kategori, grannens_kategori = katalog["kategori"]
    grupp = katalog["svarsgrupp"][0]
    grannens = katalog["forvaltning"][1]

    kategorisidan = unescape(c.get(_sidan(kategori)).content.decode())
    gruppsidan = unescape(c.get(_sidan(grupp)).content.decode())
    flyttad = c.post(
        _sidan(grupp),
        {
            "forvaltning": grannens.pk,
            "namn": grupp.namn,
            "aktiv": "on",
            "medlemmar": [varld.user(ANNAN_KOMMUN).pk],
        },
    )

    assert grannens.namn not in _val(kategorisidan, "forvaltning")
    assert "Samhällsbyggnadsförvaltningen" in _val(kategorisidan, "forvaltning")
    assert grannens.namn not in _val(gruppsidan, "forvaltning")
    medlemmar = _val(gruppsidan, "medlemmar")
    assert VAGLEDARE in medlemmar and ANNAN_KOMMUN not in medlemmar
    assert flyttad.status_code == 200 and 'class="errorlist' in flyttad.content.decode()
    nu = Svarsgrupp.objects.get(pk=grupp.pk)
    assert nu.forvaltning_id == grupp.forvaltning_id
    assert not nu.medlemmar.exists()
    assert Kategori.objects.get(pk=grannens_kategori.pk).forvaltning_id == grannens.pk


def _placering(medarbetare: Medarbetare, **falt) -> dict:
    data = {
        "anvandare": medarbetare.anvandare_id,
        "kommun": medarbetare.kommun_id,
        "forvaltning": medarbetare.forvaltning_id or "",
        "_save": "Spara",
    }
    return {**data, **falt}


def _oforandrad(medarbetare: Medarbetare) -> None:
    nu = Medarbetare.objects.get(pk=medarbetare.pk)
    assert (nu.anvandare_id, nu.kommun_id, nu.forvaltning_id) == (
        medarbetare.anvandare_id,
        medarbetare.kommun_id,
        medarbetare.forvaltning_id,
    )


@pytest.mark.parametrize("roll", EGEN_LEDNING)
def test_ingen_flyttar_sin_egen_placering(i_admin, varld, roll):
    """His own row opens read-only; a change (to the neighbour kommun, or within his own)
    and deleting it (which would leave him with every kommun) are refused."""
    c = i_admin(roll)
    egen = varld.user(roll).medarbetare

    sidan = c.get(_sidan(egen))
    flyttad = c.post(_sidan(egen), _placering(egen, kommun=varld.granne.kommun_id))
    forvaltning = c.post(
        _sidan(egen), _placering(egen, forvaltning=varld.eskalerat_a.forvaltning_id)
    )
    bort = c.post(reverse("admin:arenden_medarbetare_delete", args=[egen.pk]), {"post": "yes"})

    assert sidan.status_code == 200 and 'name="_save"' not in sidan.content.decode()
    assert flyttad.status_code == forvaltning.status_code == bort.status_code == 403
    _oforandrad(egen)


def test_kollegan_placeras_bara_i_egna_kommunen(i_admin, varld, katalog):
    """A colleague's förvaltning he changes; to the neighbour kommun (or its förvaltning) the
    form refuses, and the row is neither deleted nor handed to another user."""
    c = i_admin(TEAMLEDARE)
    kollega = katalog["medarbetare"][0]
    grannens = katalog["forvaltning"][1]

    sidan = unescape(c.get(_sidan(kollega)).content.decode())
    till_grannen = c.post(_sidan(kollega), _placering(kollega, kommun=varld.granne.kommun_id))
    grannens_forvaltning = c.post(_sidan(kollega), _placering(kollega, forvaltning=grannens.pk))
    annan_anvandare = c.post(
        _sidan(kollega),
        _placering(kollega, anvandare=varld.user(ADMINISTRATOR).pk, forvaltning=""),
    )
    bort = c.post(reverse("admin:arenden_medarbetare_delete", args=[kollega.pk]), {"post": "yes"})

    assert _val(sidan, "kommun") == ["Exempelkommun"]
    assert 'name="anvandare"' not in sidan  # shown, not chosen
    assert grannens.namn not in _val(sidan, "forvaltning")
    for svar in (till_grannen, grannens_forvaltning):
        assert svar.status_code == 200 and 'class="errorlist' in svar.content.decode()
    assert annan_anvandare.status_code == 302  # the posted user is ignored
    assert bort.status_code == 403
    _oforandrad(kollega)

    ny_forvaltning = c.post(
        _sidan(kollega), _placering(kollega, forvaltning=varld.eskalerat_a.forvaltning_id)
    )
    assert ny_forvaltning.status_code == 302
    nu = Medarbetare.objects.get(pk=kollega.pk)
    assert (nu.kommun_id, nu.forvaltning_id) == (
        varld.oppet.kommun_id,
        varld.eskalerat_a.forvaltning_id,
    )


def test_ny_placering_for_anvandare_utan_placering(i_admin, varld):
    """A new placement is for a user with none, in the own kommun; the user select holds
    nobody who is already placed (another kommun's staff included)."""
    ny = get_user_model().objects.create_user("nyanstalld")
    c = i_admin(TEAMLEDARE)

    sidan = unescape(c.get(reverse("admin:arenden_medarbetare_add")).content.decode())
    grannen = c.post(
        reverse("admin:arenden_medarbetare_add"),
        {"anvandare": ny.pk, "kommun": varld.granne.kommun_id, "forvaltning": ""},
    )
    egen = c.post(
        reverse("admin:arenden_medarbetare_add"),
        {"anvandare": ny.pk, "kommun": varld.oppet.kommun_id, "forvaltning": ""},
    )

    assert _val(sidan, "anvandare") == ["nyanstalld"]
    assert grannen.status_code == 200 and 'class="errorlist' in grannen.content.decode()
    assert egen.status_code == 302
    assert Medarbetare.objects.get(anvandare=ny).kommun_id == varld.oppet.kommun_id


def test_superanvandare_utan_medarbetare_flyttar_placeringar(client, varld, katalog):
    """Working with every kommun, he moves a placement to another kommun; its förvaltning
    must be that kommun's."""
    client.force_login(get_user_model().objects.create_superuser("rot", "rot@exempel.se", None))
    kollega = katalog["medarbetare"][0]
    grannens = katalog["forvaltning"][1]

    fel_forvaltning = client.post(
        _sidan(kollega),
        _placering(
            kollega, kommun=varld.granne.kommun_id, forvaltning=varld.eskalerat_a.forvaltning_id
        ),
    )
    flyttad = client.post(
        _sidan(kollega), _placering(kollega, kommun=varld.granne.kommun_id, forvaltning=grannens.pk)
    )

    assert fel_forvaltning.status_code == 200
    assert "Förvaltningen hör till en annan kommun" in unescape(fel_forvaltning.content.decode())
    assert flyttad.status_code == 302
    nu = Medarbetare.objects.get(pk=kollega.pk)
    assert (nu.kommun_id, nu.forvaltning_id) == (varld.granne.kommun_id, grannens.pk)

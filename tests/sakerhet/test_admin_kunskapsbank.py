"""The kunskapsbank's admin pages through HTTP: the same articles as the staff pages, no
sekretess ärende's rubrik and no other kommun's förvaltningar on them, and synonyms
written by administratörer only (kunskapsbank/behorighet.py).

The teamledare is made staff with every permission on the kunskapsbank's models, as an
administratör might make him; he is not named on the world's sekretess ärende.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from kunskapsbank.models import Kunskapsartikel, Synonym
from tests.sakerhet.adminsidor import sidans_html
from tests.sakerhet.conftest import ADMINISTRATOR, TEAMLEDARE

pytestmark = pytest.mark.django_db

HEMLIG_TEXT = "Hemligvägen"  # in the sekretess ärende's rubrik


@pytest.fixture
def i_admin(som_personal):
    """Return a factory: i_admin(roll) is the client of that role, made staff with every
    permission on the kunskapsbank's models."""
    kunskapsbanken = Permission.objects.filter(content_type__app_label="kunskapsbank")
    return lambda roll: som_personal(roll, kunskapsbanken)


def test_artikellistan_namnger_inte_grannens_forvaltningar(i_admin, varld):
    """The förvaltning filter offers those of the listed articles, not every kommun's."""
    html = sidans_html(
        i_admin(TEAMLEDARE).get(reverse("admin:kunskapsbank_kunskapsartikel_changelist"))
    )

    assert varld.publik.fraga in html
    assert "Grannens förvaltning" not in html


def test_artikel_fran_sekretessarende_namnger_bara_numret(i_admin, varld):
    """An article drafted from the sekretess ärende names it by number, as the article's
    page does; its rubrik is not on the page."""
    Kunskapsartikel.objects.filter(pk=varld.utkast.pk).update(kalla_arende=varld.hemligt)

    html = sidans_html(
        i_admin(TEAMLEDARE).get(
            reverse("admin:kunskapsbank_kunskapsartikel_change", args=[varld.utkast.pk])
        )
    )

    assert varld.hemligt.nummer in html
    assert HEMLIG_TEXT not in html


def test_synonymer_andras_bara_av_administratorer(i_admin, varld):
    """Model permissions are not enough: a teamledare reads the synonyms, an administratör
    writes them."""
    synonym = Synonym.objects.create(ord="soptunna", betyder="avfallskärl")
    sidan = reverse("admin:kunskapsbank_synonym_change", args=[synonym.pk])
    ny = {"ord": "bygglov", "betyder": "lov"}
    c = i_admin(TEAMLEDARE)

    lista = c.get(reverse("admin:kunskapsbank_synonym_changelist"))
    tillagd = c.post(reverse("admin:kunskapsbank_synonym_add"), ny)
    andrad = c.post(sidan, {"ord": "soptunna", "betyder": "kärl"})
    bort = c.post(reverse("admin:kunskapsbank_synonym_delete", args=[synonym.pk]), {"post": "yes"})
    av_administratoren = i_admin(ADMINISTRATOR).post(reverse("admin:kunskapsbank_synonym_add"), ny)

    assert lista.status_code == 200
    assert tillagd.status_code == andrad.status_code == bort.status_code == 403
    assert Synonym.objects.get(pk=synonym.pk).betyder == "avfallskärl"
    assert av_administratoren.status_code == 302
    assert Synonym.objects.filter(ord="bygglov").exists()

"""API keys and login records in the admin through HTTP (inloggning/admin.py): kept per
kommun like the accounts they belong to, and a key's hash never shown, not even bit by bit
through a filter.

The administratör is a superuser with a Medarbetare row, so he works with his own kommun
only; a superuser with no Medarbetare row works with every kommun.
"""

from datetime import UTC, datetime

import pytest
from axes.models import AccessLog
from django.urls import reverse

from inloggning.models import ApiNyckel
from inloggning.services import api_nyckel_skapa
from tests.factories import UserFactory, anvandare_med_roll
from tests.sakerhet.adminsidor import sidans_html
from tests.sakerhet.conftest import ADMINISTRATOR, ANNAN_KOMMUN, VAGLEDARE

pytestmark = pytest.mark.django_db


@pytest.fixture
def nycklar(varld):
    """A key of each kind: the own kommun's e-tjänst, the neighbour's, the shared växel's."""

    def nyckel(anvandare, integration) -> ApiNyckel:
        return api_nyckel_skapa(integration=integration, anvandare=anvandare)[0]

    return {
        "egen": nyckel(
            anvandare_med_roll(None, kommun=varld.oppet.kommun, username="etjanst_egen"),
            "Vår e-tjänst",
        ),
        "grannens": nyckel(
            anvandare_med_roll(None, kommun=varld.granne.kommun, username="etjanst_granne"),
            "Grannens e-tjänst",
        ),
        "gemensam": nyckel(UserFactory(username="vaxel"), "Växeln"),
    }


def _sidan(nyckel) -> str:
    return reverse("admin:inloggning_apinyckel_change", args=[nyckel.pk])


def _lista(c, **fraga):
    return c.get(reverse("admin:inloggning_apinyckel_changelist"), fraga)


def test_nycklar_halls_per_kommun(klient, nycklar):
    """His kommun's key and the shared växel's are listed; the neighbour's is not found."""
    c = klient(ADMINISTRATOR)

    html = sidans_html(_lista(c))
    sidan = c.get(_sidan(nycklar["grannens"]))

    assert _sidan(nycklar["egen"]) in html and _sidan(nycklar["gemensam"]) in html
    assert _sidan(nycklar["grannens"]) not in html and "Grannens e-tjänst" not in html
    assert sidan.status_code == 302


def test_gemensam_nyckel_aterkallas_av_den_som_arbetar_med_alla_kommuner(klient, rot, nycklar):
    """Revoking the växel's key would stop every kommun's calls: a kommun's staff revoke
    their own key only; a superuser with no Medarbetare row revokes the shared one."""
    valda = {
        "action": "aterkalla",
        "_selected_action": [nycklar["egen"].pk, nycklar["gemensam"].pk, nycklar["grannens"].pk],
    }

    klient(ADMINISTRATOR).post(reverse("admin:inloggning_apinyckel_changelist"), valda)

    def aterkallad(namn):
        return ApiNyckel.objects.get(pk=nycklar[namn].pk).aterkallad is not None

    assert aterkallad("egen")
    assert not aterkallad("gemensam") and not aterkallad("grannens")
    rot.post(reverse("admin:inloggning_apinyckel_changelist"), valda)
    assert aterkallad("gemensam") and aterkallad("grannens")


@pytest.mark.parametrize("uppslag", ["hash__startswith", "hash"])
def test_nyckelns_hash_gar_inte_att_filtrera_fram(rot, nycklar, uppslag):
    """A list filtered on the hash would tell it piece by piece: the admin refuses the
    filter, whoever asks."""
    nyckel = nycklar["egen"]
    varde = nyckel.hash[:2] if uppslag.endswith("startswith") else nyckel.hash

    svar = _lista(rot, **{uppslag: varde})

    assert svar.status_code == 400
    assert nyckel.prefix not in svar.content.decode()


def test_inloggningar_halls_per_kommun(klient, rot, varld):
    """The login records name his kommun's accounts only; one for a username with no
    account (with two kommuner served) is no kommun's."""
    for namn in (VAGLEDARE, ANNAN_KOMMUN, "okand"):
        AccessLog.objects.create(
            username=namn,
            ip_address="192.0.2.1",
            user_agent=f"Webbläsare för {namn}",
            path_info="/logga-in/",
            attempt_time=datetime(2026, 3, 2, 8, tzinfo=UTC),
        )

    html = sidans_html(klient(ADMINISTRATOR).get(reverse("admin:axes_accesslog_changelist")))
    rotens = sidans_html(rot.get(reverse("admin:axes_accesslog_changelist")))

    assert f"Webbläsare för {VAGLEDARE}" in html
    assert f"Webbläsare för {ANNAN_KOMMUN}" not in html and "Webbläsare för okand" not in html
    assert f"Webbläsare för {ANNAN_KOMMUN}" in rotens and "Webbläsare för okand" in rotens

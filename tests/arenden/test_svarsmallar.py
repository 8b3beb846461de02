"""Svarsmallar through HTTP: teamledare write them, the reply picker gets them filled in."""

import html as htmlmodul
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from arenden import services
from arenden.behorighet import Roll
from arenden.errors import BehorighetSaknas
from arenden.models import Svarsmall
from tests.factories import ArendeFactory, KommunFactory, KontaktFactory, anvandare_med_roll

pytestmark = pytest.mark.django_db


def mallar_i(svar) -> dict[str, str]:
    """Return {titel: filled text} from the picker's list."""
    html = svar.content.decode()
    return {
        titel: htmlmodul.unescape(text)
        for text, titel in re.findall(
            r'data-text="([^"]*)"[^>]*>\s*<strong>([^<]+)</strong>', html, re.S
        )
    }


def test_teamledaren_skapar_och_andrar_en_svarsmall(client, teamledare, forvaltning_a):
    """With a single kommun the teamledare may also make a mall gemensam: it reaches no
    other kommun's staff (behorighet.kan_redigera_gemensamma_svarsmallar)."""
    client.force_login(teamledare)

    svar = client.post(
        "/svarsmallar/ny/",
        {"titel": "Tack", "text": "Hej {namn}!", "forvaltning": forvaltning_a.pk, "aktiv": "on"},
    )

    assert svar.status_code == 302
    mall = Svarsmall.objects.get()
    assert (mall.titel, mall.forvaltning, mall.aktiv, mall.andrad_av) == (
        "Tack",
        forvaltning_a,
        True,
        teamledare,
    )
    svar = client.post(f"/svarsmallar/{mall.pk}/", {"titel": "Tack!", "text": "Hej {namn}."})
    mall.refresh_from_db()
    assert (mall.titel, mall.forvaltning, mall.aktiv) == ("Tack!", None, False)
    lista = client.get("/svarsmallar/", follow=True).content.decode()
    assert "Tack!" in lista and "Alla (gemensam)" in lista


def test_tom_svarsmall_avvisas_pa_svenska(client, administrator):
    client.force_login(administrator)

    svar = client.post("/svarsmallar/ny/", {"titel": "Tom", "text": "   "})

    assert svar.status_code == 400
    assert "Inget är sparat" in svar.content.decode()
    assert not Svarsmall.objects.exists()


def test_vagledaren_lasar_men_andrar_inte_svarsmallar(client, vagledare):
    Svarsmall.objects.create(titel="Gemensam", text="Hej")
    client.force_login(vagledare)

    assert "Gemensam" in client.get("/svarsmallar/").content.decode()
    assert client.get("/svarsmallar/ny/").status_code == 403
    assert client.post("/svarsmallar/ny/", {"titel": "x", "text": "y"}).status_code == 403


def test_valjaren_fyller_platshallarna_for_arendet(client, vagledare, kategori_snabb):
    """The picker offers shared and the ärende's förvaltning's active mallar, filled in."""
    Svarsmall.objects.create(
        titel="Tack",
        text="Hej {namn}! Ärende {arendenummer}, svar senast {svar_senast}. /{handlaggare} {okand}",
    )
    Svarsmall.objects.create(
        titel="Gata", text="Felanmälan", forvaltning=kategori_snabb.forvaltning
    )
    Svarsmall.objects.create(titel="Gammal", text="x", aktiv=False)
    arende = ArendeFactory(
        av=vagledare, kategori=kategori_snabb, kontakt=KontaktFactory(namn="Greta Gran")
    )
    client.force_login(vagledare)

    mallar = mallar_i(client.get(f"/arenden/{arende.nummer}/svarsmallar/"))

    assert set(mallar) == {"Tack", "Gata"}
    datum = arende.svar_senast.astimezone().date()
    assert mallar["Tack"].startswith(f"Hej Greta Gran! Ärende {arende.nummer}, svar senast ")
    assert str(datum.year) in mallar["Tack"]
    assert mallar["Tack"].endswith("/Anna Andersson {okand}")


def test_annan_forvaltnings_mall_visas_inte(client, vagledare, kategori_snabb, forvaltning_b):
    Svarsmall.objects.create(titel="Socialtjänst", text="x", forvaltning=forvaltning_b)
    arende = ArendeFactory(av=vagledare, kategori=kategori_snabb)
    client.force_login(vagledare)

    assert mallar_i(client.get(f"/arenden/{arende.nummer}/svarsmallar/")) == {}


def test_anonym_kontakt_halsas_utan_namn(client, vagledare):
    Svarsmall.objects.create(titel="Tack", text="Hej {namn}! Tack.")
    arende = ArendeFactory(av=vagledare)
    client.force_login(vagledare)

    assert mallar_i(client.get(f"/arenden/{arende.nummer}/svarsmallar/")) == {"Tack": "Hej! Tack."}


def test_demodata_har_svenska_svarsmallar(db):
    call_command("seed_demo", arenden=0, verbosity=0)

    titlar = set(Svarsmall.objects.values_list("titel", flat=True))
    assert {"Tack för ditt ärende", "Felanmälan mottagen"} <= titlar
    assert Svarsmall.objects.filter(forvaltning__isnull=True).count() >= 3


# --- Gemensamma svarsmallar in a kommungemensamt kontaktcenter ------------------------------


@pytest.fixture
def grannkommun(db):
    """A second kommun served by the same system: a gemensam mall now reaches both."""
    return KommunFactory(namn="Grannkommun", kommunkod="9998")


@pytest.fixture
def gemensam(grannkommun):
    return Svarsmall.objects.create(titel="Gemensam", text="Hej {namn}!")


def test_teamledaren_andrar_inte_gemensam_mall_nar_kommunerna_ar_flera(
    client, teamledare, gemensam
):
    """The list shows the shared mall without a link; opening or posting it is refused."""
    client.force_login(teamledare)

    lista = client.get("/svarsmallar/").content.decode()
    sidan = client.get(f"/svarsmallar/{gemensam.pk}/")
    post = client.post(f"/svarsmallar/{gemensam.pk}/", {"titel": "Ändrad", "text": "x"})

    assert "Gemensam" in lista and f'href="/svarsmallar/{gemensam.pk}/"' not in lista
    assert sidan.status_code == 403 and post.status_code == 403
    gemensam.refresh_from_db()
    assert (gemensam.titel, gemensam.text, gemensam.aktiv) == ("Gemensam", "Hej {namn}!", True)


def test_teamledaren_skapar_ingen_gemensam_mall_nar_kommunerna_ar_flera(
    client, teamledare, forvaltning_a, grannkommun
):
    """Without a förvaltning the form answers in Swedish and saves nothing; with his own
    förvaltning it saves, and he cannot make his kommun's mall gemensam afterwards."""
    client.force_login(teamledare)

    ny = client.get("/svarsmallar/ny/").content.decode()
    utan = client.post("/svarsmallar/ny/", {"titel": "Tack", "text": "Hej!", "aktiv": "on"})
    med = client.post(
        "/svarsmallar/ny/",
        {"titel": "Tack", "text": "Hej!", "forvaltning": forvaltning_a.pk, "aktiv": "on"},
    )
    mall = Svarsmall.objects.get()
    till_gemensam = client.post(f"/svarsmallar/{mall.pk}/", {"titel": "Tack", "text": "Hej!"})

    assert "Alla förvaltningar (gemensam)" not in ny
    assert utan.status_code == 400
    assert "ändras bara av administratörer" in htmlmodul.unescape(utan.content.decode())
    assert med.status_code == 302
    assert till_gemensam.status_code == 400
    assert "ändras bara av administratörer" in htmlmodul.unescape(till_gemensam.content.decode())
    mall.refresh_from_db()
    assert mall.forvaltning == forvaltning_a


def test_administratoren_andrar_gemensam_mall(client, administrator, gemensam):
    client.force_login(administrator)

    lista = client.get("/svarsmallar/").content.decode()
    svar = client.post(f"/svarsmallar/{gemensam.pk}/", {"titel": "Ny titel", "text": "Hej!"})

    assert f'href="/svarsmallar/{gemensam.pk}/"' in lista
    assert svar.status_code == 302
    gemensam.refresh_from_db()
    assert (gemensam.titel, gemensam.andrad_av) == ("Ny titel", administrator)


def test_alla_kommuner_infogar_gemensam_mall(client, vagledare, grannkommun, gemensam):
    """Everyone may still use the shared mall, whichever kommun the ärende is in."""
    granne = anvandare_med_roll(Roll.KOMMUNVAGLEDARE, kommun=grannkommun, username="granne")
    for user in (vagledare, granne):
        arende = ArendeFactory(av=user)
        client.force_login(user)

        assert mallar_i(client.get(f"/arenden/{arende.nummer}/svarsmallar/")) == {
            "Gemensam": "Hej!"
        }


def test_tjansten_nekar_teamledaren_gemensam_mall(teamledare, gemensam):
    """The rule holds for every caller of the service, not only the form."""
    with pytest.raises(BehorighetSaknas) as fel:
        services.svarsmall_spara(
            av=teamledare, mall=gemensam, titel="x", text="y", forvaltning=None
        )

    assert fel.value.code == "svarsmall_gemensam"


def test_admin_foljer_samma_regel_for_gemensam_mall(client, teamledare, kommun):
    """In the Django admin too, a teamledare (staff, every svarsmall permission) changes a
    gemensam mall while the system serves his kommun alone, and not once there are two."""
    teamledare.is_staff = True
    teamledare.save(update_fields=["is_staff"])
    teamledare.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="arenden", content_type__model="svarsmall"
        )
    )
    mall = Svarsmall.objects.create(titel="Gemensam", text="Hej!")
    url = reverse("admin:arenden_svarsmall_change", args=[mall.pk])
    client.force_login(teamledare)

    en_kommun = client.post(url, {"titel": "En kommun", "text": "Hej!", "aktiv": "on"})
    KommunFactory(namn="Grannkommun", kommunkod="9998")
    tva_kommuner = client.post(url, {"titel": "Två kommuner", "text": "Hej!", "aktiv": "on"})

    assert en_kommun.status_code == 302
    assert tva_kommuner.status_code == 403
    mall.refresh_from_db()
    assert (mall.titel, mall.forvaltning, mall.andrad_av) == ("En kommun", None, teamledare)

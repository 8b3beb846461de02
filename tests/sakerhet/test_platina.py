"""The Platina view and admin through HTTP: a sekretessmarkerat ärende's registration shows
its state to every teamledare and administratör of the kommun, its content only to those
named on the ärende (platina_bridge/behorighet.py). Those not named may retry it, but not mark
it as registered by hand; a named user's opening of its admin page is a logged read. The
services themselves refuse another kommun's registration, whoever calls them.

The world's sekretess ärende (only the vägledare named) has a registration that Platina
refused with the ärende's rubrik quoted in its error.
"""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from arenden.behorighet import SEKRETESS_RUBRIK
from arenden.errors import BehorighetSaknas
from arenden.models import Arende, Handelse
from integritet.models import Logghandelse
from platina_bridge import services
from platina_bridge.behorighet import ANNAN_KOMMUN_NEKAD, MARKERA_MANUELLT_NEKAD, SEKRETESS_FEL
from platina_bridge.models import PlatinaRegistrering, Tillstand
from tests.sakerhet.conftest import ADMINISTRATOR, ANNAN_KOMMUN, TEAMLEDARE, VAGLEDARE

pytestmark = pytest.mark.django_db

HEMLIG_TEXT = "Hemligvägen"  # in the sekretess ärende's rubrik, and so in Platina's error
EJ_NAMNGIVEN_LEDNING = (TEAMLEDARE, ADMINISTRATOR)
HX = {"HTTP_HX_REQUEST": "true"}


def _lasningar(arende) -> int:
    return Handelse.objects.filter(arende=arende, typ=Handelse.Typ.LAST).count()


def _sidan(c, **fraga) -> str:
    svar = c.get(reverse("platina:registreringar"), fraga)
    assert svar.status_code == 200, svar.content[:300]
    return svar.content.decode()


def _utan_formular(html: str) -> str:
    """The page without its forms' own action URLs (they hold the row's id, not the ärende)."""
    return re.sub(r'action="[^"]*"', "", html)


@pytest.mark.parametrize("roll", EJ_NAMNGIVEN_LEDNING)
@pytest.mark.parametrize(
    "fraga",
    [
        {},
        {"tillstand": "kraver_atgard"},
        {"tillstand": "alla"},
        {"tillstand": "kraver_atgard", "htmx": "1"},
    ],
    ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "standard",
)
def test_ej_namngiven_ser_tillstandet_men_inte_innehallet(klient, varld, roll, fraga):
    """The row is there, with its state and attempts, but no ärendenummer, no rubrik and no
    Platina error; the placeholder says why."""
    c = klient(roll)
    fraga = dict(fraga)
    extra = HX if fraga.pop("htmx", None) else {}
    svar = c.get(reverse("platina:registreringar"), fraga, **extra)
    html = _utan_formular(svar.content.decode())

    assert svar.status_code == 200
    assert varld.hemligt.nummer not in html
    assert HEMLIG_TEXT not in html and "confidentialParagraphs" not in html
    assert str(SEKRETESS_RUBRIK) in html and str(SEKRETESS_FEL) in html
    assert f'action="{reverse("platina:forsok_igen", args=[varld.registrering_hemligt.pk])}"' in (
        svar.content.decode()
    )
    # Marking it by hand is not offered: it is for those named on the ärende.
    markera = reverse("platina:markera_manuellt", args=[varld.registrering_hemligt.pk])
    assert f'action="{markera}"' not in svar.content.decode()
    assert "Markeras manuellt av den som är behörig till ärendet." in html
    if not extra:
        assert "Misslyckad – kräver åtgärd (1)" in html


def test_vanlig_registrering_visas_helt_bredvid(klient, varld):
    """Only the secret row is blanked: the ordinary registration keeps its ärendenummer."""
    html = _sidan(klient(TEAMLEDARE), tillstand="koad")

    assert varld.eskalerat_a.nummer in html
    assert str(SEKRETESS_FEL) not in html
    markera = reverse("platina:markera_manuellt", args=[varld.registrering.pk])
    assert f'action="{markera}"' in html


def test_namngiven_ser_allt_och_listningen_loggas(klient, varld):
    """A teamledare named on the ärende sees its number, link and Platina's error; that the
    list showed it is written to the audit log, as for every list."""
    teamledare = varld.user(TEAMLEDARE)
    varld.hemligt.sekretess_behoriga.add(teamledare)
    fore = Logghandelse.objects.filter(arende_nummer=varld.hemligt.nummer).count()

    html = _sidan(klient(TEAMLEDARE), tillstand="kraver_atgard")

    assert reverse("arenden:arende", args=[varld.hemligt.nummer]) in html
    assert HEMLIG_TEXT in html and "confidentialParagraphs krävs" in html
    assert str(SEKRETESS_FEL) not in html
    markera = reverse("platina:markera_manuellt", args=[varld.registrering_hemligt.pk])
    assert f'action="{markera}"' in html
    loggat = Logghandelse.objects.filter(arende_nummer=varld.hemligt.nummer).order_by("-id")
    assert loggat.count() == fore + 1
    assert (loggat[0].typ, loggat[0].aktor_id) == (Logghandelse.Typ.LISTAT, teamledare.pk)


def test_registrerad_visar_inte_diarienumret(klient, varld):
    """Once registered, the diarienummer is not shown to those not named either."""
    PlatinaRegistrering.objects.filter(pk=varld.registrering_hemligt.pk).update(
        tillstand=Tillstand.REGISTRERAD, diarienummer="KS 2026/4711"
    )

    html = _sidan(klient(ADMINISTRATOR), tillstand="registrerad")

    assert "KS 2026/4711" not in html
    assert str(SEKRETESS_RUBRIK) in html


def test_annan_kommun_ser_inte_raden(klient, varld):
    html = _sidan(klient(ANNAN_KOMMUN), tillstand="kraver_atgard")

    assert str(SEKRETESS_RUBRIK) not in html and varld.hemligt.nummer not in html


def _meddelanden(svar) -> list[str]:
    return [str(m) for m in get_messages(svar.wsgi_request)]


@pytest.mark.parametrize("roll", EJ_NAMNGIVEN_LEDNING)
def test_ej_namngiven_kan_forsoka_igen_utan_att_fa_veta_numret(klient, varld, roll):
    """Retrying works; the confirmation does not name the ärende."""
    rad = varld.registrering_hemligt

    svar = klient(roll).post(
        reverse("platina:forsok_igen", args=[rad.pk]), {"tillstand": "kraver_atgard"}
    )

    assert svar.status_code == 302
    rad.refresh_from_db()
    assert rad.tillstand == Tillstand.KOAD
    [meddelande] = _meddelanden(svar)
    assert varld.hemligt.nummer not in meddelande
    assert meddelande == "Den sekretessmarkerade registreringen är köad igen."


def test_redan_klar_namner_inte_diarienumret_for_ej_namngiven(klient, varld):
    """The refusal for a finished registration leaves out its diarienummer; marking it by
    hand is refused before its state is even looked at."""
    rad = varld.registrering_hemligt
    PlatinaRegistrering.objects.filter(pk=rad.pk).update(
        tillstand=Tillstand.REGISTRERAD, diarienummer="KS 2026/4711"
    )
    c = klient(TEAMLEDARE)

    igen = c.post(reverse("platina:forsok_igen", args=[rad.pk]), {"tillstand": "registrerad"})
    markera = c.post(reverse("platina:markera_manuellt", args=[rad.pk]), {"diarienummer": "KS 1"})

    assert igen.status_code == 302
    assert _meddelanden(igen) == ["Registreringen är redan klar."]
    assert markera.status_code == 403
    assert "KS 2026/4711" not in markera.content.decode()
    assert varld.hemligt.nummer not in markera.content.decode()


@pytest.mark.parametrize("roll", EJ_NAMNGIVEN_LEDNING)
def test_ej_namngiven_far_inte_markera_manuellt(klient, varld, roll):
    """Marking by hand is refused with a Swedish reason; nothing lands on the ärende."""
    rad = varld.registrering_hemligt

    svar = klient(roll).post(
        reverse("platina:markera_manuellt", args=[rad.pk]),
        {"diarienummer": "KS 2026/2", "tillstand": "kraver_atgard"},
    )

    assert svar.status_code == 403
    html = unescape(svar.content.decode())
    assert str(MARKERA_MANUELLT_NEKAD) in html
    assert varld.hemligt.nummer not in html and HEMLIG_TEXT not in html
    rad = PlatinaRegistrering.objects.get(pk=rad.pk)
    assert (rad.tillstand, rad.diarienummer, rad.manuellt_av) == (
        Tillstand.KRAVER_ATGARD,
        "",
        None,
    )
    hemligt = Arende.objects.get(pk=varld.hemligt.pk)
    assert hemligt.diarienummer == ""
    assert not hemligt.handelser.filter(typ=Handelse.Typ.DIARIEFORT).exists()


def test_tjansten_nekar_ej_namngiven_att_markera_manuellt(varld):
    """The rule is the service's, for every caller: a row read without the view's annotation
    is refused just the same; a teamledare once named on the ärende may mark it."""
    teamledare = varld.user(TEAMLEDARE)
    rad = PlatinaRegistrering.objects.get(pk=varld.registrering_hemligt.pk)

    with pytest.raises(BehorighetSaknas) as fel:
        services.registrering_markera_manuellt(
            registrering=rad, av=teamledare, diarienummer="KS 2026/2"
        )
    assert fel.value.code == "platina_sekretess"
    rad.refresh_from_db()
    assert rad.tillstand == Tillstand.KRAVER_ATGARD

    varld.hemligt.sekretess_behoriga.add(teamledare)
    services.registrering_markera_manuellt(
        registrering=rad, av=teamledare, diarienummer="KS 2026/2"
    )
    rad.refresh_from_db()
    assert (rad.tillstand, rad.diarienummer, rad.manuellt_av) == (
        Tillstand.REGISTRERAD,
        "KS 2026/2",
        teamledare,
    )


def test_namngiven_teamledare_markerar_manuellt(klient, varld):
    """Named on the ärende, the teamledare marks it through the view as before."""
    teamledare = varld.user(TEAMLEDARE)
    varld.hemligt.sekretess_behoriga.add(teamledare)
    rad = varld.registrering_hemligt

    svar = klient(TEAMLEDARE).post(
        reverse("platina:markera_manuellt", args=[rad.pk]), {"diarienummer": "KS 2026/9"}
    )

    assert svar.status_code == 302
    assert _meddelanden(svar) == [f"{varld.hemligt.nummer} är markerad som registrerad manuellt."]
    rad = PlatinaRegistrering.objects.get(pk=rad.pk)
    assert (rad.tillstand, rad.manuellt_av) == (Tillstand.REGISTRERAD, teamledare)
    assert Arende.objects.get(pk=varld.hemligt.pk).diarienummer == "KS 2026/9"


def test_adminsidan_visar_inte_registreringen_for_ej_namngiven(klient, varld):
    """The admin lists, searches and opens only registrations whose ärende the user may see."""
    c = klient(ADMINISTRATOR)
    lista = c.get(reverse("admin:platina_bridge_platinaregistrering_changelist"))
    sokt = c.get(
        reverse("admin:platina_bridge_platinaregistrering_changelist"),
        {"q": "KC-"},  # matches both ärendenummer
    )
    hemlig_rad = reverse(
        "admin:platina_bridge_platinaregistrering_change", args=[varld.registrering_hemligt.pk]
    )
    sidan = c.get(hemlig_rad)

    assert lista.status_code == 200 and sokt.status_code == 200
    for svar in (lista, sokt):
        assert varld.registrering.idempotensnyckel in svar.content.decode()
        assert varld.hemligt.nummer not in svar.content.decode()
        assert hemlig_rad not in svar.content.decode()
        assert HEMLIG_TEXT not in svar.content.decode()
    # Not found for him: the admin sends him back to its index, as for the ärende itself.
    assert sidan.status_code == 302


def test_adminsidan_varken_lagger_till_eller_tar_bort_registreringar(klient, varld):
    """A registration is never added by hand nor deleted (it would be forgotten, not retried)."""
    c = klient(ADMINISTRATOR)
    rad = varld.registrering

    ny = c.get(reverse("admin:platina_bridge_platinaregistrering_add"))
    ta_bort = c.post(
        reverse("admin:platina_bridge_platinaregistrering_delete", args=[rad.pk]), {"post": "yes"}
    )
    massa = c.post(
        reverse("admin:platina_bridge_platinaregistrering_changelist"),
        {"action": "delete_selected", "_selected_action": [rad.pk], "post": "yes"},
    )

    assert ny.status_code == 403
    assert ta_bort.status_code == 403
    assert massa.status_code in (200, 302)
    assert PlatinaRegistrering.objects.filter(pk=rad.pk).exists()


def _admin_sidan(rad) -> str:
    return reverse("admin:platina_bridge_platinaregistrering_change", args=[rad.pk])


def test_adminsidan_for_sekretessarendets_registrering_loggas_som_lasning(klient, varld):
    """Opened by someone named on the ärende, the registration's admin page shows the ärende
    (number and rubrik): a read, written to the audit log and the timeline like opening it."""
    administrator = varld.user(ADMINISTRATOR)
    varld.hemligt.sekretess_behoriga.add(administrator)
    logg = Logghandelse.objects.filter(arende_nummer=varld.hemligt.nummer)
    fore_logg = set(logg.values_list("pk", flat=True))
    fore_lasta = _lasningar(varld.hemligt)

    svar = klient(ADMINISTRATOR).get(_admin_sidan(varld.registrering_hemligt))

    assert svar.status_code == 200
    assert varld.hemligt.nummer in svar.content.decode()
    assert HEMLIG_TEXT in svar.content.decode()
    [ny] = logg.exclude(pk__in=fore_logg)
    assert (ny.typ, ny.aktor_id, ny.aktor_namn) == (
        Logghandelse.Typ.LAST,
        administrator.pk,
        administrator.get_username(),
    )
    assert ny.tid is not None
    assert _lasningar(varld.hemligt) == fore_lasta + 1


def test_adminsidan_for_vanlig_registrering_loggas_inte(klient, varld):
    """An ordinary ärende's registration is no sekretess read: nothing is logged."""
    fore = Logghandelse.objects.count()

    svar = klient(ADMINISTRATOR).get(_admin_sidan(varld.registrering))

    assert svar.status_code == 200
    assert varld.eskalerat_a.nummer in svar.content.decode()
    assert Logghandelse.objects.count() == fore
    assert _lasningar(varld.eskalerat_a) == 0


def test_adminsidan_for_ej_namngiven_loggar_ingen_lasning(klient, varld):
    """Not named, he is sent away and has read nothing: no read is logged."""
    fore = Logghandelse.objects.filter(typ=Logghandelse.Typ.LAST).count()
    fore_lasta = _lasningar(varld.hemligt)

    svar = klient(ADMINISTRATOR).get(_admin_sidan(varld.registrering_hemligt))

    assert svar.status_code == 302
    assert Logghandelse.objects.filter(typ=Logghandelse.Typ.LAST).count() == fore
    assert _lasningar(varld.hemligt) == fore_lasta


@pytest.fixture
def registrering_granne(varld) -> PlatinaRegistrering:
    """The neighbour kommun's ärende's registration, refused by Platina."""
    return PlatinaRegistrering.objects.create(
        arende=varld.granne,
        diarium="KS",
        idempotensnyckel=varld.granne.nummer,
        tillstand=Tillstand.KRAVER_ATGARD,
        forsok=2,
    )


def _som_i_databasen(rad) -> tuple:
    nu = PlatinaRegistrering.objects.get(pk=rad.pk)
    return (nu.tillstand, nu.diarienummer, nu.manuellt_av_id, nu.uppdaterad)


@pytest.mark.parametrize("roll", EJ_NAMNGIVEN_LEDNING)
def test_tjansterna_nekar_en_annan_kommuns_registrering(varld, registrering_granne, roll):
    """The kommun is the services' rule, for every caller (not only the Diarieföring view,
    whose list is scoped): retry and marking by hand of the neighbour's registration are
    refused with a Swedish reason, and nothing changes."""
    user = varld.user(roll)
    fore = _som_i_databasen(registrering_granne)

    with pytest.raises(BehorighetSaknas) as igen:
        services.registrering_forsok_igen(registrering=registrering_granne, av=user)
    with pytest.raises(BehorighetSaknas) as manuellt:
        services.registrering_markera_manuellt(
            registrering=registrering_granne, av=user, diarienummer="KS 2026/5"
        )

    for fel in (igen.value, manuellt.value):
        assert fel.code == "platina_kommun"
        assert fel.message == str(ANNAN_KOMMUN_NEKAD)
    assert _som_i_databasen(registrering_granne) == fore
    assert Arende.objects.get(pk=varld.granne.pk).diarienummer == ""


def test_grannens_teamledare_nekas_var_kommuns_registrering(varld):
    """The other way round: the neighbour's teamledare retries nothing of ours."""
    rad = varld.registrering
    fore = _som_i_databasen(rad)

    with pytest.raises(BehorighetSaknas) as fel:
        services.registrering_forsok_igen(registrering=rad, av=varld.user(ANNAN_KOMMUN))

    assert fel.value.code == "platina_kommun"
    assert _som_i_databasen(rad) == fore


def test_forsok_igen_kraver_rollen_i_tjansten(varld):
    """Retrying had no check of its own: a vägledare calling the service is refused now."""
    rad = varld.registrering_hemligt
    fore = _som_i_databasen(rad)

    with pytest.raises(BehorighetSaknas):
        services.registrering_forsok_igen(registrering=rad, av=varld.user(VAGLEDARE))

    assert _som_i_databasen(rad) == fore


def test_egna_kommunens_teamledare_och_superanvandare_utan_medarbetare_far(
    varld, registrering_granne
):
    """The own kommun's teamledare retries its row; a superuser with no Medarbetare row
    works with every kommun and retries the neighbour's."""
    rot = get_user_model().objects.create_superuser("rot", "rot@exempel.se", None)

    services.registrering_forsok_igen(registrering=varld.registrering, av=varld.user(TEAMLEDARE))
    services.registrering_forsok_igen(registrering=registrering_granne, av=rot)

    for rad in (varld.registrering, registrering_granne):
        assert PlatinaRegistrering.objects.get(pk=rad.pk).tillstand == Tillstand.KOAD


def test_vyn_hittar_inte_en_annan_kommuns_registrering(klient, varld, registrering_granne):
    """Through HTTP the view still answers as for a row that does not exist."""
    c = klient(TEAMLEDARE)
    fore = _som_i_databasen(registrering_granne)

    igen = c.post(reverse("platina:forsok_igen", args=[registrering_granne.pk]))
    manuellt = c.post(
        reverse("platina:markera_manuellt", args=[registrering_granne.pk]),
        {"diarienummer": "KS 2026/5"},
    )

    assert igen.status_code == manuellt.status_code == 404
    assert _som_i_databasen(registrering_granne) == fore

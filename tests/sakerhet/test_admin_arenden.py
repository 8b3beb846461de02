"""The admin pages of rows that belong to an ärende (e-post, besök, samtal) through HTTP:
they show and list what the app's own pages would (arenden/adminmixins.py, `ArendeScopeMixin`).

- the row's ärende is shown, never chosen: no select lists every kommun's ärenden (with a
  sekretess ärende's number and rubrik), and a posted ärende is ignored;
- a list row of a sekretess ärende shows neither its rubrik nor its kontakt, whoever looks,
  and that the list showed it is written to the audit log, as in the app's lists;
- a row pointing at an ärende the user may not see is not there for him, whichever of the
  row's ärenden it is.

The vägledare is named on the world's sekretess ärende; he is made staff with the view
permission of the models here, as an administratör might make him.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from arenden.behorighet import SEKRETESS_RUBRIK
from arenden.models import Handelse
from integritet.models import Logghandelse
from kanaler.besok.models import Besok, Besokstyp
from kanaler.epost import services as epost
from kanaler.epost.models import Utskick
from kanaler.telefon.models import Samtal
from tests.sakerhet.adminsidor import sidans_html
from tests.sakerhet.conftest import ADMINISTRATOR, VAGLEDARE

pytestmark = pytest.mark.django_db

HEMLIG_TEXT = "Hemligvägen"  # in the sekretess ärende's rubrik
HEMLIG_ADRESS = "hemlig@exempel.se"  # the sekretess ärende's kvitto went there


@pytest.fixture
def i_admin(som_personal):
    """Return a factory: i_admin(roll, *modeller) is the client of that role, made staff with
    the view permission of those models ("app_label.model")."""

    def skapa(roll: str, *modeller: str):
        visa = [
            Permission.objects.get(content_type__app_label=app, codename=f"view_{namn}")
            for app, namn in (modell.split(".") for modell in modeller)
        ]
        return som_personal(roll, visa)

    return skapa


def _logg(varld, typ) -> list[Logghandelse]:
    return list(
        Logghandelse.objects.filter(arende_nummer=varld.hemligt.nummer, typ=typ).order_by("id")
    )


def _lasningar(arende) -> int:
    return Handelse.objects.filter(arende=arende, typ=Handelse.Typ.LAST).count()


@pytest.fixture
def utskick_oppet(varld) -> Utskick:
    """A kvitto on the ordinary ärende, beside the world's kvitto on the sekretess one."""
    return epost.kvitto_skicka_till(arende=varld.oppet, till="medborgare@exempel.se")


def _utskick_sidan(utskick) -> str:
    return reverse("admin:epost_utskick_change", args=[utskick.pk])


def _utskick_data(utskick, **falt) -> dict:
    """Every field of the utskick's form, as its page posts it, with `falt` changed."""
    data = {
        "konto": utskick.konto_id or "",
        "typ": utskick.typ,
        "status": utskick.status,
        "message_id": utskick.message_id,
        "fran": utskick.fran,
        "till": utskick.till,
        "amne": utskick.amne,
        "text": utskick.text,
        "in_reply_to": utskick.in_reply_to,
        "references": utskick.references,
        "skapad_0": utskick.skapad.strftime("%Y-%m-%d"),
        "skapad_1": utskick.skapad.strftime("%H:%M:%S"),
        "forsok": utskick.forsok,
        "fel": utskick.fel,
        "_save": "Spara",
    }
    return {**data, **falt}


def test_utskickets_arende_visas_men_valjs_inte(klient, varld, utskick_oppet):
    """The administratör (not named on the sekretess ärende) opens an utskick of an ordinary
    ärende: its ärende is there, but no select of ärenden or meddelanden, so neither the
    sekretess ärende nor the neighbour kommun's is named on the page."""
    html = sidans_html(klient(ADMINISTRATOR).get(_utskick_sidan(utskick_oppet)))

    assert varld.oppet.nummer in html
    assert 'name="arende"' not in html and 'name="meddelande"' not in html
    for arende in (varld.hemligt, varld.granne, varld.eskalerat_a):
        assert arende.nummer not in html
        assert arende.rubrik not in html
    assert HEMLIG_TEXT not in html


def test_utskickets_arende_andras_inte_med_en_postad_rad(klient, varld, utskick_oppet):
    """Posting another ärende (the sekretess one) changes the rest of the form but not the
    ärende: the field is not in the form at all."""
    svar = klient(ADMINISTRATOR).post(
        _utskick_sidan(utskick_oppet),
        _utskick_data(utskick_oppet, arende=varld.hemligt.pk, amne="Rättat ämne"),
    )

    assert svar.status_code == 302, svar.content[:500]
    nu = Utskick.objects.get(pk=utskick_oppet.pk)
    assert (nu.arende_id, nu.amne) == (varld.oppet.pk, "Rättat ämne")
    assert (
        not Utskick.objects.filter(arende=varld.hemligt)
        .exclude(pk=varld.utskick_hemligt.pk)
        .exists()
    )


def test_utskick_laggs_inte_till_i_admin(klient, varld):
    """An utskick is written by the services; the admin offers no form to choose an ärende in."""
    fore = Utskick.objects.count()
    c = klient(ADMINISTRATOR)

    sidan = c.get(reverse("admin:epost_utskick_add"))
    ny = c.post(reverse("admin:epost_utskick_add"), {"arende": varld.hemligt.pk, "typ": "svar"})

    assert sidan.status_code == ny.status_code == 403
    assert Utskick.objects.count() == fore


def test_ej_namngiven_ser_inte_sekretessarendets_utskick(klient, varld, utskick_oppet):
    """Listed, searched or opened: the sekretess ärende's kvitto is not there for him."""
    c = klient(ADMINISTRATOR)
    lista = sidans_html(c.get(reverse("admin:epost_utskick_changelist")))
    sokt = sidans_html(c.get(reverse("admin:epost_utskick_changelist"), {"q": "exempel"}))
    sidan = c.get(_utskick_sidan(varld.utskick_hemligt))

    for html in (lista, sokt):
        assert HEMLIG_ADRESS not in html
        assert _utskick_sidan(varld.utskick_hemligt) not in html
    assert _utskick_sidan(utskick_oppet) in lista
    assert sidan.status_code == 302
    assert _logg(varld, Logghandelse.Typ.LAST) == []


def test_namngiven_ser_sekretessarendets_utskick_som_listrad_och_loggas(
    i_admin, varld, utskick_oppet
):
    """Named on it, the vägledare finds the row, but as the app's lists show a sekretess
    ärende: no subject and no recipient; that the list showed it is logged. The ordinary
    ärende's kvitto keeps its recipient."""
    c = i_admin(VAGLEDARE, "epost.utskick")

    html = sidans_html(c.get(reverse("admin:epost_utskick_changelist")))

    assert _utskick_sidan(varld.utskick_hemligt) in html
    assert str(SEKRETESS_RUBRIK) in html
    assert HEMLIG_ADRESS not in html and varld.utskick_hemligt.amne not in html
    assert HEMLIG_TEXT in varld.utskick_hemligt.amne and HEMLIG_TEXT not in html
    assert "medborgare@exempel.se" in html
    [listat] = _logg(varld, Logghandelse.Typ.LISTAT)
    assert listat.aktor_id == varld.user(VAGLEDARE).pk


def test_namngiven_som_oppnar_utskicket_loggas_som_lasning(i_admin, varld):
    """The utskick's page shows the whole kvitto: a read of the sekretess ärende."""
    c = i_admin(VAGLEDARE, "epost.utskick")
    fore = _lasningar(varld.hemligt)

    html = sidans_html(c.get(_utskick_sidan(varld.utskick_hemligt)))

    assert HEMLIG_ADRESS in html
    [last] = _logg(varld, Logghandelse.Typ.LAST)
    assert last.aktor_id == varld.user(VAGLEDARE).pk
    assert _lasningar(varld.hemligt) == fore + 1


def _besok(arende) -> Besok:
    return Besok.objects.create(arende=arende, besokstyp=Besokstyp.choices[0][0])


def test_besokslistan_visar_sekretessarendet_utan_rubrik(i_admin, varld):
    """The visits list shows the ärende as the queue does: an ordinary one with its rubrik,
    the sekretess one as "Sekretessmarkerat ärende" (logged as listed)."""
    hemligt, oppet = _besok(varld.hemligt), _besok(varld.oppet)
    c = i_admin(VAGLEDARE, "besok.besok")

    html = sidans_html(c.get(reverse("admin:besok_besok_changelist")))

    assert f"{varld.oppet.nummer} {varld.oppet.rubrik}" in html
    assert f"{varld.hemligt.nummer} {SEKRETESS_RUBRIK}" in html
    assert HEMLIG_TEXT not in html and varld.hemligt.rubrik not in html
    assert reverse("admin:besok_besok_change", args=[hemligt.pk]) in html
    assert reverse("admin:besok_besok_change", args=[oppet.pk]) in html
    [listat] = _logg(varld, Logghandelse.Typ.LISTAT)
    assert listat.aktor_id == varld.user(VAGLEDARE).pk


def test_lista_utan_sekretessarenden_loggar_inget(i_admin, varld):
    """Only ordinary ärenden on the page: no log row, and no query for one."""
    _besok(varld.oppet)
    c = i_admin(VAGLEDARE, "besok.besok")
    fore = Logghandelse.objects.count()

    html = sidans_html(c.get(reverse("admin:besok_besok_changelist")))

    assert varld.oppet.nummer in html
    assert Logghandelse.objects.count() == fore


def test_besokslistan_for_ej_namngiven_och_annan_kommun(klient, varld):
    """The administratör is not named: the visit to the sekretess ärende is not listed, nor
    the neighbour kommun's."""
    _besok(varld.hemligt), _besok(varld.granne), _besok(varld.oppet)

    html = sidans_html(klient(ADMINISTRATOR).get(reverse("admin:besok_besok_changelist")))

    assert varld.oppet.nummer in html
    assert varld.hemligt.nummer not in html and varld.granne.nummer not in html
    assert str(SEKRETESS_RUBRIK) not in html


def _samtal(samtals_id: str, **arenden) -> Samtal:
    return Samtal.objects.create(samtals_id=samtals_id, nummer="0701234567", **arenden)


def _samtal_sidan(samtal) -> str:
    return reverse("admin:telefon_samtal_change", args=[samtal.pk])


def test_samtal_vars_aterringning_inte_syns_finns_inte(klient, varld):
    """A missed call whose callback became the sekretess ärende (or the neighbour's) has no
    ärende of its own; it is still not shown to one who may not see the callback, whose
    number and rubrik its page would name."""
    hemligt = _samtal("samtal-hemligt", aterringning=varld.hemligt)
    granne = _samtal("samtal-granne", aterringning=varld.granne)
    oppet = _samtal("samtal-oppet", aterringning=varld.oppet)
    c = klient(ADMINISTRATOR)

    lista = sidans_html(c.get(reverse("admin:telefon_samtal_changelist")))
    sidor = [c.get(_samtal_sidan(s)) for s in (hemligt, granne)]

    assert "samtal-oppet" in lista
    assert "samtal-hemligt" not in lista and "samtal-granne" not in lista
    assert [s.status_code for s in sidor] == [302, 302]
    assert varld.oppet.nummer in sidans_html(c.get(_samtal_sidan(oppet)))


def test_namngiven_ser_samtalet_utan_numret_och_oppnar_det_som_lasning(i_admin, varld):
    """Named on the callback ärende, the vägledare lists the call without the caller's
    number (a kontakt); opening it names the ärende and is a logged read."""
    samtal = _samtal("samtal-hemligt", aterringning=varld.hemligt)
    c = i_admin(VAGLEDARE, "telefon.samtal")

    lista = sidans_html(c.get(reverse("admin:telefon_samtal_changelist")))
    sidan = sidans_html(c.get(_samtal_sidan(samtal)))

    assert "samtal-hemligt" in lista and samtal.nummer not in lista
    assert [r.typ for r in _logg(varld, Logghandelse.Typ.LISTAT)] == [Logghandelse.Typ.LISTAT]
    assert varld.hemligt.nummer in sidan
    [last] = _logg(varld, Logghandelse.Typ.LAST)
    assert last.aktor_id == varld.user(VAGLEDARE).pk


@pytest.mark.parametrize(
    ("modell", "falt"),
    [("arenden.arende", "rubrik"), ("epost.utskick", "amne"), ("epost.utskick", "till")],
)
def test_listan_filtreras_bara_pa_det_den_erbjuder(i_admin, varld, modell, falt):
    """Named on the sekretess ärende, the vägledare still sees its list row without rubrik
    or recipient; a filter on those columns in the URL would tell them by which rows
    remain, with no read logged, so the admin refuses it. Its own filters still work."""
    c = i_admin(VAGLEDARE, modell)
    lista = reverse(f"admin:{modell.replace('.', '_')}_changelist")

    filtrerad = c.get(lista, {f"{falt}__icontains": "hemlig"})
    erbjuden = c.get(lista, {"status__exact": "ny" if modell == "arenden.arende" else "koad"})

    assert filtrerad.status_code == 400
    assert varld.hemligt.nummer not in filtrerad.content.decode()
    assert erbjuden.status_code == 200

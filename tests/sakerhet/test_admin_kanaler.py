"""The channels' admin pages through HTTP for rows that point at no ärende, or at none yet:
a call nobody registered, a mail no ärende took, the mailboxes and their kvitto texts and
signatures, Open ePlatform's polling and reports back. Each is kept to its kommun as the
catalogue is (arenden/adminmixins.py).

The world serves two kommuner; the administratör is a superuser with a Medarbetare row, so
he works with his own kommun only. A superuser with no Medarbetare row works with every
kommun, and a row of no kommun is his (`arbetar_med_alla_kommuner`).
"""

import re

import pytest
from django.urls import reverse

from arenden import services
from arenden.models import Kontakt
from kanaler.epost import services as epost
from kanaler.epost.models import Epostkonto, Kvittomall, Signatur
from kanaler.etjanst.models import Inlamning, OepAterrapport, OepFelaktigInstans, OepHamtning
from kanaler.telefon.models import Samtal
from tests.factories import ForvaltningFactory, KategoriFactory
from tests.sakerhet.adminsidor import formularets_data, sidans_html
from tests.sakerhet.conftest import ADMINISTRATOR, ANNAN_KOMMUN, VAGLEDARE, epostkonto, studs

pytestmark = pytest.mark.django_db


@pytest.fixture
def brevlador(varld):
    """The neighbour kommun's mailbox and a shared one (no förvaltning), a bounce in each."""
    grannens = epostkonto("grannen", varld.svarsmall_granne.forvaltning)
    gemensam = epostkonto("gemensam", None)
    return {
        "grannens": grannens,
        "gemensam": gemensam,
        "studs_grannens": studs(grannens, "Grannens studs"),
        "studs_gemensam": studs(gemensam, "Gemensam studs"),
    }


def _inkommet_sidan(rad) -> str:
    return reverse("admin:epost_inkommet_change", args=[rad.pk])


def test_inkommet_utan_arende_halls_till_brevladans_kommun(klient, varld, brevlador):
    """A mail no ärende took is listed for the kommun of its mailbox, as on the triage page:
    his own and the shared mailbox's, not the neighbour's (nor its mailbox in the filter)."""
    c = klient(ADMINISTRATOR)

    lista = sidans_html(c.get(reverse("admin:epost_inkommet_changelist")))
    sidan = c.get(_inkommet_sidan(brevlador["studs_grannens"]))

    assert _inkommet_sidan(varld.inkommet) in lista
    assert _inkommet_sidan(brevlador["studs_gemensam"]) in lista
    assert _inkommet_sidan(brevlador["studs_grannens"]) not in lista
    assert "Grannens studs" not in lista and "grannen@exempel.se" not in lista
    assert sidan.status_code == 302 and sidan["Location"] == reverse("admin:index")


def test_superanvandare_utan_medarbetare_ser_alla_inkomna(rot, varld, brevlador):
    lista = sidans_html(rot.get(reverse("admin:epost_inkommet_changelist")))

    assert _inkommet_sidan(brevlador["studs_grannens"]) in lista
    assert _inkommet_sidan(varld.inkommet) in lista


def _samtal_sidan(samtal) -> str:
    return reverse("admin:telefon_samtal_change", args=[samtal.pk])


def test_samtal_utan_arende_ar_ingen_kommuns(klient, rot, varld):
    """A call that no ärende took leads to no kommun; with two kommuner served, a kommun's
    staff see neither it nor its caller's number. Staff of every kommun do."""
    utan = Samtal.objects.create(samtals_id="samtal-utan-arende", nummer="0709876543")
    med = Samtal.objects.create(samtals_id="samtal-med-arende", arende=varld.oppet)
    c = klient(ADMINISTRATOR)

    lista = sidans_html(c.get(reverse("admin:telefon_samtal_changelist")))
    sidan = c.get(_samtal_sidan(utan))
    rotens = sidans_html(rot.get(reverse("admin:telefon_samtal_changelist")))

    assert "samtal-med-arende" in lista
    assert "samtal-utan-arende" not in lista and "0709876543" not in lista
    assert sidan.status_code == 302
    assert _samtal_sidan(utan) in rotens and _samtal_sidan(med) in rotens


def _val(html: str, namn: str) -> list[str]:
    """The names offered in the form's select `namn`."""
    [valet] = re.findall(rf'<select name="{namn}".*?</select>', html, re.S)
    return [
        text.strip()
        for text in re.findall(r"<option[^>]*>(.*?)</option>", valet)
        if text.strip("- ")
    ]


def _sidan(rad) -> str:
    return reverse(f"admin:epost_{rad._meta.model_name}_change", args=[rad.pk])


def _lista(c, modell: str) -> str:
    return sidans_html(c.get(reverse(f"admin:epost_{modell}_changelist")))


def test_epostkonton_halls_per_kommun(klient, varld, brevlador):
    """His kommun's mailbox and the shared one are listed, the neighbour's is not found."""
    c = klient(ADMINISTRATOR)
    eget = varld.inkommet.konto

    lista = _lista(c, "epostkonto")
    sidan = c.get(_sidan(brevlador["grannens"]))

    assert _sidan(eget) in lista and _sidan(brevlador["gemensam"]) in lista
    assert _sidan(brevlador["grannens"]) not in lista
    assert "Grannens förvaltning" not in lista
    assert sidan.status_code == 302 and sidan["Location"] == reverse("admin:index")


def test_epostkontot_flyttas_inte_till_grannkommunen(klient, varld, brevlador):
    """Förvaltning and kategori are chosen among his kommun's; the neighbour's förvaltning
    posted anyway is refused, and no new mailbox is made shared."""
    KategoriFactory(forvaltning=varld.svarsmall_granne.forvaltning, namn="Grannens kategori")
    c = klient(ADMINISTRATOR)
    eget = varld.inkommet.konto

    html = sidans_html(c.get(_sidan(eget)))
    flyttat = c.post(
        _sidan(eget),
        formularets_data(html, forvaltning=varld.svarsmall_granne.forvaltning_id),
    )
    gemensamt = c.post(
        reverse("admin:epost_epostkonto_add"),
        formularets_data(html, namn="nytt", forvaltning=""),
    )

    assert "Grannens förvaltning" not in _val(html, "forvaltning")
    assert "Samhällsbyggnadsförvaltningen" in _val(html, "forvaltning")
    assert "Grannens kategori" not in _val(html, "kategori") and "Bygglov" in _val(html, "kategori")
    for svar in (flyttat, gemensamt):
        assert svar.status_code == 200 and 'class="errorlist' in svar.content.decode()
    assert Epostkonto.objects.get(pk=eget.pk).forvaltning_id == eget.forvaltning_id
    assert not Epostkonto.objects.filter(namn="nytt").exists()


def test_gemensam_brevlada_andras_av_den_som_arbetar_med_alla_kommuner(klient, rot, brevlador):
    """The shared mailbox reaches every kommun: a kommun's staff see it read-only; a
    superuser with no Medarbetare row changes it."""
    gemensam = brevlador["gemensam"]
    c = klient(ADMINISTRATOR)

    sidan = sidans_html(c.get(_sidan(gemensam)))
    andrad = c.post(_sidan(gemensam), formularets_data(sidan, mapp="Annan"))
    bort = c.post(reverse("admin:epost_epostkonto_delete", args=[gemensam.pk]), {"post": "yes"})
    rotens = sidans_html(rot.get(_sidan(gemensam)))
    av_rot = rot.post(_sidan(gemensam), formularets_data(rotens, mapp="Annan"))

    assert 'name="_save"' not in sidan
    assert andrad.status_code == bort.status_code == 403
    assert av_rot.status_code == 302, av_rot.content[:500]
    assert Epostkonto.objects.get(pk=gemensam.pk).mapp == "Annan"


def test_utskick_skickas_inte_fran_grannens_brevlada(klient, varld, brevlador):
    """An utskick's mailbox is chosen among his kommun's and the shared ones."""
    utskick = epost.kvitto_skicka_till(arende=varld.oppet, till="medborgare@exempel.se")

    html = sidans_html(klient(ADMINISTRATOR).get(_sidan(utskick)))

    brevlador_ = [namn.split()[0] for namn in _val(html, "konto")]
    assert "kommunen" in brevlador_ and "gemensam" in brevlador_
    assert "grannen" not in brevlador_


@pytest.fixture
def kvittomallar(varld):
    """A kvitto text of förvaltning A and one of the neighbour's förvaltning."""
    return (
        Kvittomall.objects.create(forvaltning=varld.eskalerat_a.forvaltning, text="Vår text"),
        Kvittomall.objects.create(
            forvaltning=varld.svarsmall_granne.forvaltning, text="Grannens kvittotext"
        ),
    )


def test_kvittomallar_halls_per_kommun(klient, varld, kvittomallar):
    """The neighbour's kvitto text is neither listed nor found; his own is not moved to the
    neighbour's förvaltning."""
    egen, grannens = kvittomallar
    c = klient(ADMINISTRATOR)

    lista = _lista(c, "kvittomall")
    sidan = c.get(_sidan(grannens))
    html = sidans_html(c.get(_sidan(egen)))
    flyttad = c.post(
        _sidan(egen), formularets_data(html, forvaltning=varld.svarsmall_granne.forvaltning_id)
    )

    assert _sidan(egen) in lista and _sidan(grannens) not in lista
    assert sidan.status_code == 302
    assert "Grannens förvaltning" not in _val(html, "forvaltning")
    assert flyttad.status_code == 200 and 'class="errorlist' in flyttad.content.decode()
    assert Kvittomall.objects.get(pk=egen.pk).forvaltning_id == egen.forvaltning_id


def test_kvittomallen_nar_inte_kontaktens_andra_arenden(klient, varld):
    """A kvitto text written in the admin gets the values its help text names, no ärende to
    walk from: the kontakt's ärende in the neighbour kommun stays out of the kvitto he then
    reads in the admin."""
    forvaltning = ForvaltningFactory(kommun=varld.oppet.kommun, namn="Kvittoförvaltningen")
    kontakt = Kontakt.objects.create(namn="Delad Kontakt", epost="delad@exempel.se")
    var = services.arende_skapa(
        rubrik="Vår fråga", kanal="epost", av=varld.user(VAGLEDARE), forvaltning=forvaltning,
        kontakt=kontakt,
    )  # fmt: skip
    services.arende_skapa(
        rubrik="Grannens hemlighet", kanal="epost", av=varld.user(ANNAN_KOMMUN), kontakt=kontakt
    )
    c = klient(ADMINISTRATOR)
    text = (
        "Nr {{ arende.nummer }}: "
        "{% for a in arende.kontakt.arenden.all %}{{ a.rubrik }};{% endfor %}"
    )

    ny = c.post(
        reverse("admin:epost_kvittomall_add"),
        {"forvaltning": forvaltning.pk, "amne": "Tack", "text": text, "_save": "Spara"},
    )
    utskick = epost.kvitto_skicka_till(arende=var, till="delad@exempel.se")
    html = sidans_html(c.get(_sidan(utskick)))

    assert ny.status_code == 302, ny.content[:500]
    assert f"Nr {var.nummer}:" in html
    assert "Grannens hemlighet" not in html and "Grannens hemlighet" not in utskick.text


def test_signaturer_halls_per_kommun(klient, varld):
    """The neighbour's staff's signature is not there for him; his colleague's is not handed
    to one of the neighbour's staff."""
    egen = Signatur.objects.create(anvandare=varld.user(VAGLEDARE), befattning="Vägledare")
    grannens = Signatur.objects.create(anvandare=varld.user(ANNAN_KOMMUN), befattning="Granne")
    c = klient(ADMINISTRATOR)

    lista = _lista(c, "signatur")
    sidan = c.get(_sidan(grannens))
    html = sidans_html(c.get(_sidan(egen)))
    flyttad = c.post(_sidan(egen), formularets_data(html, anvandare=varld.user(ANNAN_KOMMUN).pk))

    assert _sidan(egen) in lista and _sidan(grannens) not in lista
    assert sidan.status_code == 302
    assert ANNAN_KOMMUN not in _val(html, "anvandare") and VAGLEDARE in _val(html, "anvandare")
    assert flyttad.status_code == 200 and 'class="errorlist' in flyttad.content.decode()
    assert Signatur.objects.get(pk=egen.pk).anvandare_id == varld.user(VAGLEDARE).pk


@pytest.fixture
def aterrapporter(varld):
    """A report back to Open ePlatform on the own kommun's ärende and on the neighbour's."""

    def rapport(arende, extern_id) -> OepAterrapport:
        inlamning = Inlamning.objects.create(
            extern_id=extern_id, tjanst="Felanmälan", format="json", arende=arende
        )
        return OepAterrapport.objects.create(
            inlamning=inlamning,
            handelse=arende.handelser.first(),
            typ=OepAterrapport.Typ.MEDDELANDE,
            text=f"Svar om {arende.rubrik}",
        )

    return rapport(varld.oppet, "oep-egen"), rapport(varld.granne, "oep-granne")


def test_aterrapporter_halls_till_arendets_kommun(klient, aterrapporter):
    """A report back is shown to whom sees its ärende: not the neighbour kommun's."""
    egen, grannens = aterrapporter
    c = klient(ADMINISTRATOR)

    lista = sidans_html(c.get(reverse("admin:etjanst_oepaterrapport_changelist")))
    sidan = c.get(_rapport_sidan(grannens))

    assert _rapport_sidan(egen) in lista
    assert _rapport_sidan(grannens) not in lista and "oep-granne" not in lista
    assert sidan.status_code == 302


def _rapport_sidan(rapport) -> str:
    return reverse("admin:etjanst_oepaterrapport_change", args=[rapport.pk])


def test_open_eplatforms_hamtning_ar_ingen_kommuns(klient, rot, varld):
    """The polling watermark and an instance that never became an ärende lead to no kommun:
    with two kommuner served, a kommun's staff see neither."""
    OepHamtning.objects.create(familj="felanmalan", senaste_fel="Tidsgräns")
    OepFelaktigInstans.objects.create(instans_id="4711", familj="felanmalan", fel="Trasig XML")
    c = klient(ADMINISTRATOR)

    for modell, text in (("oephamtning", "felanmalan"), ("oepfelaktiginstans", "4711")):
        lista = reverse(f"admin:etjanst_{modell}_changelist")
        assert text not in sidans_html(c.get(lista))
        assert text in sidans_html(rot.get(lista))

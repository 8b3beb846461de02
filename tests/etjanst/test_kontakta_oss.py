"""The public contact form at /kontakta-oss/ through HTTP: an ärende, a kvitto, spam refused."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.models import Arende, Bilaga, Kanal, Kontakt, Statuslank
from kanaler.epost.models import Epostkonto, Utskick
from tests.factories import ForvaltningFactory, KommunFactory

pytestmark = pytest.mark.django_db

URL = "/kontakta-oss/"


def _brevlada(namn: str, adress: str, forvaltning) -> Epostkonto:
    """A mailbox to send kvitton from (no IMAP needed to queue one)."""
    return Epostkonto.objects.create(
        namn=namn,
        adress=adress,
        imap_vard="127.0.0.1",
        imap_anvandare=namn,
        losenord_variabel="INGET",
        forvaltning=forvaltning,
    )


@pytest.fixture
def brevlada(forvaltning_a):
    """The mailbox kvitton are sent from."""
    return _brevlada("kommunen", "kommunen@kommun.example", forvaltning_a)


def _epost() -> str:
    return f"medborgare-{uuid.uuid4().hex[:10]}@example.se"


def _formular(ny_stampel, **over) -> dict:
    data = {
        "stampel": ny_stampel(),
        "webbplats": "",
        "kategori": "",
        "rubrik": "Trasig gatlampa",
        "text": "Gatlampan på Storgatan 3 i Fjugesta har varit släckt i en vecka.",
        "namn": "Örjan Ärlig",
        "epost": _epost(),
        "telefon": "",
    }
    data.update(over)
    return data


def test_formularet_visas_utan_inloggning(client):
    """The form needs no login; every field has a label, and the honeypot is hidden."""
    svar = client.get(URL)

    html = svar.content.decode()
    assert svar.status_code == 200
    for falt in ("kategori", "rubrik", "text", "namn", "epost", "telefon", "bilagor"):
        assert f'<label for="{falt}">' in html
        assert f'id="{falt}"' in html
    assert '<main id="innehall"' in html and 'lang="' in html
    assert 'class="honung" aria-hidden="true"' in html
    assert 'name="stampel"' in html


def test_skickat_formular_blir_arende_med_kvitto(client, stampel, adress, brevlada, kategori_snabb):
    """A sent form opens an e-tjänst ärende, queues a kvitto with the status link, shows it."""
    data = _formular(stampel, kategori=str(kategori_snabb.pk))
    bild = SimpleUploadedFile("lampan.jpg", b"\xff\xd8\xff bild", content_type="image/jpeg")

    svar = client.post(URL, {**data, "bilagor": [bild]}, REMOTE_ADDR=adress)

    arende = Arende.objects.select_related("kontakt").get()
    lank = Statuslank.objects.get(arende=arende)
    assert svar.status_code == 302
    assert svar["Location"] == f"/arende/{lank.token}/"
    assert arende.kanal == Kanal.ETJANST
    assert arende.kategori == kategori_snabb
    assert arende.rubrik == "Trasig gatlampa"
    assert arende.kontakt.epost == data["epost"]
    assert arende.meddelanden.get().bilagor.get().namn == "lampan.jpg"
    kvitto = Utskick.objects.get(arende=arende, typ=Utskick.Typ.KVITTO)
    assert kvitto.till == data["epost"]
    assert arende.nummer in kvitto.text
    assert f"/arende/{lank.token}/" in kvitto.text

    sida = client.get(svar["Location"])
    assert f"Tack! Vi har tagit emot ditt ärende {arende.nummer}." in sida.content.decode()


def test_honungsfalt_ifyllt_vagras(client, stampel, adress):
    """A form with the hidden field filled in (a bot) is refused and creates nothing."""
    svar = client.post(URL, _formular(stampel, webbplats="http://spam.example"), REMOTE_ADDR=adress)

    assert svar.status_code == 400
    assert "Formuläret kunde inte skickas" in svar.content.decode()
    assert Arende.objects.count() == 0 and Kontakt.objects.count() == 0


def test_for_snabbt_eller_forfalskad_stampel_vagras(client, stampel, adress):
    """A form sent within seconds of loading, or with a forged time stamp, is refused."""
    snabb = client.post(URL, _formular(stampel, stampel=stampel(0)), REMOTE_ADDR=adress)
    falsk = client.post(URL, _formular(stampel, stampel="123:abc"), REMOTE_ADDR=adress)

    assert snabb.status_code == 400
    assert "skickades för snabbt" in snabb.content.decode()
    assert falsk.status_code == 400
    assert Arende.objects.count() == 0


def test_for_manga_fran_samma_adress(client, stampel, adress, settings):
    """Past the hourly limit per address the form answers 429 and creates nothing more."""
    settings.KONTAKTCENTER_ETJANST = {"MAX_PER_TIMME": 2}

    koder = [client.post(URL, _formular(stampel), REMOTE_ADDR=adress).status_code for _ in range(3)]

    assert koder == [302, 302, 429]
    assert Arende.objects.count() == 2


def test_falten_valideras_och_felen_knyts_till_falten(client, stampel, adress):
    """Without text or a way to reach the citizen, each error is tied to its field."""
    svar = client.post(URL, _formular(stampel, text="", epost=""), REMOTE_ADDR=adress)

    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'aria-invalid="true" aria-describedby="text-fel"' in html
    assert 'id="epost-fel"' in html and "Fyll i e-post eller telefon" in html
    assert Arende.objects.count() == 0


def test_otillaten_eller_for_stor_bilaga_vagras(client, stampel, adress, settings):
    """An attachment of a refused type or over the limit is refused; nothing is created."""
    settings.KONTAKTCENTER_ETJANST = {"MAX_BILAGA": 5}
    program = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    stor = SimpleUploadedFile("stor.pdf", b"%PDF-1.4 lang", content_type="application/pdf")

    for fil, text in ((program, "filtyp som inte tas emot"), (stor, "största tillåtna")):
        svar = client.post(URL, {**_formular(stampel), "bilagor": [fil]}, REMOTE_ADDR=adress)

        assert svar.status_code == 400
        assert text in svar.content.decode()
    assert Arende.objects.count() == 0 and Bilaga.objects.count() == 0


def test_bakom_proxy_raknas_medborgarens_adress(client, stampel, adress, settings):
    """Behind a trusted proxy the limit counts X-Forwarded-For's last hop, not the proxy."""
    settings.KONTAKTCENTER_ETJANST = {"MAX_PER_TIMME": 1}
    settings.BETRODDA_PROXYER = 1
    medborgare = [f"{adress}:{uuid.uuid4().hex[:6]}" for _ in range(2)]

    koder = [
        client.post(
            URL, _formular(stampel), REMOTE_ADDR=adress, HTTP_X_FORWARDED_FOR=f"10.9.8.7, {m}"
        ).status_code
        for m in (*medborgare, medborgare[0])
    ]

    assert koder == [302, 302, 429]


def test_fragesidan_lankar_till_formularet(client):
    """The public FAQ's "ask us" link points at the contact form by default."""
    from kunskapsbank import konfiguration

    assert konfiguration.varde("KONTAKTFORMULAR_URL") == URL


@pytest.fixture
def grannens_brevlada():
    """Another kommun's mailbox, made first (the lowest id)."""
    grannen = ForvaltningFactory(kommun=KommunFactory(namn="Grannkommunen", kommunkod="9998"))
    return _brevlada("grannen", "kommunen@grannkommunen.example", grannen)


def test_kvittot_gar_fran_den_egna_kommunens_brevlada(
    client, stampel, adress, grannens_brevlada, brevlada, kategori_diarieford
):
    """The ärende's förvaltning has no mailbox: the kvitto goes from another of its own
    kommun's, never from the neighbour's (which a shared contact center also holds)."""
    data = _formular(stampel, kategori=str(kategori_diarieford.pk))

    client.post(URL, data, REMOTE_ADDR=adress)

    kvitto = Utskick.objects.get(typ=Utskick.Typ.KVITTO)
    assert kvitto.konto == brevlada


def test_inget_kvitto_fran_en_annan_kommuns_brevlada(
    client, stampel, adress, grannens_brevlada, kategori_snabb
):
    """With no mailbox of its own kommun (and no shared one) no kvitto is sent, rather than
    one from the neighbour's address."""
    data = _formular(stampel, kategori=str(kategori_snabb.pk))

    svar = client.post(URL, data, REMOTE_ADDR=adress)

    assert svar.status_code == 302
    assert Arende.objects.get(kategori=kategori_snabb)
    assert not Utskick.objects.filter(typ=Utskick.Typ.KVITTO).exists()

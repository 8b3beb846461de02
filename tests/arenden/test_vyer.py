"""The workspace in the browser, through HTTP: login, queue, registration, ärende page."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from arenden import services
from arenden.models import Arende, Handelse, Kanal, Status
from tests.factories import ArendeFactory

HX = {"HTTP_HX_REQUEST": "true"}


def text(svar) -> str:
    return svar.content.decode()


def nummer_i(html: str) -> list[str]:
    return re.findall(r">(KC-\d{4}-\d{6})</a>", html)


@pytest.fixture
def inloggad(client, vagledare):
    client.force_login(vagledare)
    return client


def test_inloggning_kravs_for_arbetskon(client, db):
    """An anonymous visitor is sent to the login page, with the queue as the next page."""
    svar = client.get("/")

    assert svar.status_code == 302
    assert svar["Location"].startswith("/logga-in/?next=/")


def test_inloggning_med_losenord_visar_rollen(client, vagledare):
    """A kommunvägledare logs in with his password and sees his role in the header."""
    vagledare.set_password("ett-langt-losenord-123")
    vagledare.save()

    svar = client.post(
        "/logga-in/",
        {"username": "vagledare", "password": "ett-langt-losenord-123"},
        follow=True,
    )

    assert svar.status_code == 200
    assert "Kommunvägledare" in text(svar)
    assert "<h1>Arbetskö</h1>" in text(svar)


def test_fel_losenord_ger_svenskt_fel(client, vagledare):
    """A wrong password is refused with a Swedish message and no session."""
    svar = client.post("/logga-in/", {"username": "vagledare", "password": "fel"})

    assert svar.status_code == 200
    assert "Användarnamnet eller lösenordet stämmer inte" in text(svar)
    assert "_auth_user_id" not in client.session


def test_filter_ger_fragment_for_htmx_och_hel_sida_annars(inloggad, vagledare):
    """A filter change asked by htmx gets only the result list; the same URL gives a page."""
    epost = ArendeFactory(av=vagledare, kanal=Kanal.EPOST, rubrik="Fråga om sophämtning")
    telefon = ArendeFactory(av=vagledare, kanal=Kanal.TELEFON, rubrik="Trasig gatlampa")

    fragment = inloggad.get("/?kanal=epost", **HX)
    sida = inloggad.get("/?kanal=epost")

    assert fragment.status_code == sida.status_code == 200
    assert "<html" not in text(fragment)
    assert nummer_i(text(fragment)) == [epost.nummer]
    assert "<html" in text(sida)
    assert nummer_i(text(sida)) == [epost.nummer]
    assert telefon.nummer not in text(sida)
    # The filter state is kept in the page so a reload shows the same list.
    assert re.search(r'value="epost" checked', text(sida))


def test_historikaterstallning_far_hel_sida(inloggad, vagledare):
    """htmx restoring history (after a cache miss) gets the whole page, not a fragment."""
    svar = inloggad.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")

    assert "<html" in text(svar)


def test_visa_fler_lagger_till_nasta_sida(inloggad, vagledare):
    """'Visa fler' follows the cursor: every ärende appears exactly once across pages."""
    skapade = {ArendeFactory(av=vagledare).nummer for _ in range(5)}

    sida = inloggad.get("/?antal=2")
    sett = nummer_i(text(sida))
    nasta = re.search(r'hx-get="([^"]+cursor=[^"]+)"', text(sida))
    while nasta:
        adress = nasta.group(1).replace("&amp;", "&")
        assert parse_qs(urlparse(adress).query)["antal"] == ["2"]
        fler = inloggad.get(adress, **HX)
        sett += nummer_i(text(fler))
        assert "<table" not in text(fler)
        nasta = re.search(r'hx-get="([^"]+cursor=[^"]+)"', text(fler))

    assert sorted(sett) == sorted(skapade)


def test_ogiltigt_filter_forklaras_pa_svenska(inloggad):
    """A malformed filter value is explained, not a server error."""
    svar = inloggad.get("/?inkom_fran=igår", **HX)

    assert svar.status_code == 200
    assert "Filtret kunde inte användas" in text(svar)
    assert "Inkom från" in text(svar)


def test_registrera_samtal_skapar_arende_med_kontakt(inloggad, vagledare, kategori_snabb):
    """Registering a call creates the ärende, its contact and shows its number."""
    svar = inloggad.post(
        "/arenden/nytt/",
        {
            "kanal": "telefon",
            "rubrik": "Gatlampan på Storgatan är trasig",
            "kategori": kategori_snabb.pk,
            "kontakt_namn": "Karin Lund",
            "kontakt_telefon": "070-1234567",
            "kontakt_personnummer": "811218-9876",
        },
        follow=True,
    )

    arende = Arende.objects.get()
    assert svar.redirect_chain[-1][0] == f"/arenden/{arende.nummer}/"
    assert f"Ärende {arende.nummer} är registrerat." in text(svar)
    assert (arende.kanal, arende.kategori, arende.skapad_av) == (
        Kanal.TELEFON,
        kategori_snabb,
        vagledare,
    )
    assert arende.kontakt.namn == "Karin Lund"
    # The personnummer is shown masked, never whole.
    assert "19811218-****" in text(svar)
    assert "198112189876" not in text(svar)


def test_registrering_med_fel_sparar_inget_och_forklarar(inloggad):
    """Bad input is explained in Swedish, the typed text is kept and nothing is saved."""
    svar = inloggad.post(
        "/arenden/nytt/",
        {"kanal": "besok", "rubrik": "", "beskrivning": "Vill boka lokal"},
    )

    assert svar.status_code == 400
    assert "Ärendet är inte sparat" in text(svar)
    assert "Rubrik: " in text(svar)
    assert "Vill boka lokal" in text(svar)
    assert not Arende.objects.exists()


def test_ogiltigt_personnummer_ger_svenskt_fel(inloggad):
    """A personnummer with a wrong check digit is refused with a message that says so."""
    svar = inloggad.post(
        "/arenden/nytt/",
        {"kanal": "telefon", "rubrik": "Fråga", "kontakt_personnummer": "811218-9875"},
    )

    assert svar.status_code == 400
    assert "Personnumret 811218-9875 är inte giltigt" in text(svar)
    assert not Arende.objects.exists()


def test_handlaggare_kan_inte_registrera(client, handlaggare_a):
    """A handläggare's role does not register contacts: the form is forbidden to him."""
    client.force_login(handlaggare_a)

    assert client.get("/arenden/nytt/").status_code == 403


def test_atgard_via_htmx_svarar_med_uppdaterat_arende(inloggad, vagledare):
    """Taking an ärende with htmx returns the refreshed ärende fragment and a confirmation."""
    arende = ArendeFactory(av=vagledare)

    svar = inloggad.post(f"/arenden/{arende.nummer}/tilldela/", {"version": 1}, **HX)

    assert svar.status_code == 200
    assert "<html" not in text(svar)
    assert "Du har tagit ärendet." in text(svar)
    arende.refresh_from_db()
    assert (arende.tilldelad, arende.status) == (vagledare, Status.PAGAENDE)


def test_atgard_utan_htmx_omdirigerar_till_arendet(inloggad, vagledare):
    """Without JavaScript a form posts, redirects back and shows the confirmation."""
    arende = ArendeFactory(av=vagledare)

    svar = inloggad.post(
        f"/arenden/{arende.nummer}/anteckna/", {"text": "Ringde upp, inget svar."}, follow=True
    )

    assert svar.redirect_chain[-1][0] == f"/arenden/{arende.nummer}/"
    assert "Anteckningen är sparad." in text(svar)
    assert "Ringde upp, inget svar." in text(svar)


def test_inaktuell_version_avvisas_med_forklaring(inloggad, vagledare, vagledare2):
    """A form read before someone else's change is refused with 409 and told to reload."""
    arende = ArendeFactory(av=vagledare)
    services.arende_tilldela(arende=arende, av=vagledare2, till=vagledare2)

    svar = inloggad.post(f"/arenden/{arende.nummer}/svara/", {"version": 1, "text": "Hej!"}, **HX)

    assert svar.status_code == 409
    assert "har ändrats av någon annan" in text(svar)
    assert not Handelse.objects.filter(arende=arende, typ=Handelse.Typ.SVAR).exists()


def test_tomt_svar_avvisas(inloggad, vagledare):
    """An empty answer is refused with the field named, and the ärende is unchanged."""
    arende = ArendeFactory(av=vagledare)

    svar = inloggad.post(f"/arenden/{arende.nummer}/svara/", {"version": 1, "text": ""}, **HX)

    assert svar.status_code == 400
    assert "Text: " in text(svar)
    arende.refresh_from_db()
    assert arende.status == Status.NY


def test_sla_ihop_leder_till_det_overlevande_arendet(inloggad, vagledare):
    """After a merge the user is taken to the surviving ärende."""
    kalla = ArendeFactory(av=vagledare)
    mal = ArendeFactory(av=vagledare)

    svar = inloggad.post(f"/arenden/{kalla.nummer}/sla_ihop/", {"med": mal.nummer}, **HX)

    assert svar.status_code == 204
    assert svar["HX-Redirect"] == f"/arenden/{mal.nummer}/"
    kalla.refresh_from_db()
    assert kalla.sammanslagen_med == mal


def test_arendesidan_visar_bara_tillatna_atgarder(client, vagledare, handlaggare_a, forvaltning_a):
    """The ärende page offers each role only what it may do."""
    arende = ArendeFactory(av=vagledare)
    services.arende_eskalera(
        arende=arende, av=vagledare, forvaltning=forvaltning_a, orsak="Bygglovsfråga."
    )

    client.force_login(vagledare)
    som_vagledare = text(client.get(f"/arenden/{arende.nummer}/"))
    client.force_login(handlaggare_a)
    som_handlaggare = text(client.get(f"/arenden/{arende.nummer}/"))

    assert "Svara kontakten" in som_vagledare and "Svara kontakten" in som_handlaggare
    assert "Klassificera" in som_vagledare
    assert "Klassificera" not in som_handlaggare
    assert "Bygglovsfråga." in som_handlaggare


def test_okant_eller_dolt_arende_ger_404(client, handlaggare_b, vagledare):
    """An ärende outside one's view is 404, the same as one that does not exist."""
    arende = ArendeFactory(av=vagledare)
    client.force_login(handlaggare_b)

    assert client.get(f"/arenden/{arende.nummer}/").status_code == 404
    assert client.get("/arenden/KC-1999-000001/").status_code == 404
    assert client.post(f"/arenden/{arende.nummer}/anteckna/", {"text": "x"}).status_code == 404

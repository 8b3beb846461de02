"""The kommunvägledare's one-screen workspace, through HTTP: the split screen, polling for
new ärenden, what stands beside the open ärende, and feedback on htmx actions."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from arenden import selectors, services
from arenden.models import Arende, Kanal, Status, Utfall
from tests.factories import ArendeFactory, KontaktFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def text(svar) -> str:
    return svar.content.decode()


def fran_kon(url: str = "http://testserver/") -> dict:
    """Headers of an htmx request made from the queue page at `url`."""
    return {**HX, "HX-Current-URL": url}


@pytest.fixture
def inloggad(client, vagledare):
    client.force_login(vagledare)
    return client


def poll_url(html: str) -> str:
    """Return the queue's polling URL as the page renders it."""
    traff = re.search(r'id="ko-poll"[^>]*hx-get="([^"]+)"', html)
    assert traff, "Kön saknar pollning"
    return traff.group(1).replace("&amp;", "&")


# ---- The split screen -----------------------------------------------------------------


def test_arende_oppnas_i_panelen_och_adressen_pushas(inloggad, vagledare):
    """From the queue, an ärende opens as a fragment for the right pane; the queue's URL
    with the same filters and ?oppen= is pushed, so reload and back restore both."""
    arende = ArendeFactory(av=vagledare, rubrik="Trasig gatlampa på Storgatan")

    svar = inloggad.get(
        f"/arenden/{arende.nummer}/",
        headers={
            **fran_kon("http://testserver/?status=ny&cursor=abc"),
            "HX-Target": "arendepanel",
        },
    )

    assert svar.status_code == 200
    assert "<html" not in text(svar)
    assert '<h2 id="arende-rubrik"' in text(svar)
    assert 'id="arende"' in text(svar)
    pushad = urlsplit(svar["HX-Push-Url"])
    assert pushad.path == "/"
    assert parse_qs(pushad.query) == {"status": ["ny"], "oppen": [arende.nummer]}


def test_omladdning_visar_kon_och_det_oppna_arendet(inloggad, vagledare):
    """/?oppen=KC-… renders the queue and the ärende side by side, the row marked."""
    arende = ArendeFactory(av=vagledare, rubrik="Fråga om sophämtning")

    svar = inloggad.get(f"/?oppen={arende.nummer}")

    html = text(svar)
    assert svar.status_code == 200
    panel = html[html.index('id="arendepanel"') :]
    assert "Fråga om sophämtning" in panel
    assert "Ta ärendet" in panel
    assert re.search(rf'id="rad-{arende.nummer}".*?aria-current="true"', html, re.S)


def test_utan_javascript_gar_raden_till_arendesidan(inloggad, vagledare):
    """Each row's link is a plain link to the full ärende page as well."""
    arende = ArendeFactory(av=vagledare)

    html = text(inloggad.get("/"))

    assert f'href="/arenden/{arende.nummer}/" hx-get="/arenden/{arende.nummer}/"' in html
    assert text(inloggad.get(f"/arenden/{arende.nummer}/")).count("<h1") == 1


def test_atgard_i_panelen_uppdaterar_raden_och_bekraftar(inloggad, vagledare):
    """ "Ta ärendet" in the pane: the pane and the queue row change, and the confirmation
    goes to the page's live region, all in one answer."""
    arende = ArendeFactory(av=vagledare)

    svar = inloggad.post(
        f"/arenden/{arende.nummer}/tilldela/", {"version": arende.version}, headers=fran_kon()
    )

    html = text(svar)
    assert svar.status_code == 200
    rad = re.search(rf'<tr id="rad-{arende.nummer}"[^>]*hx-swap-oob="true">(.*?)</tr>', html, re.S)
    assert rad and "Anna Andersson" in rad.group(1) and "Pågående" in rad.group(1)
    assert '<div id="meddelanden" hx-swap-oob="innerHTML">' in html
    assert "Du har tagit ärendet." in html
    arende.refresh_from_db()
    assert arende.tilldelad == vagledare


def test_atgard_pa_egen_sida_skickar_ingen_rad(inloggad, vagledare):
    """On the full ärende page there is no queue row to update."""
    arende = ArendeFactory(av=vagledare)

    svar = inloggad.post(
        f"/arenden/{arende.nummer}/tilldela/",
        {"version": arende.version},
        headers=fran_kon(f"http://testserver/arenden/{arende.nummer}/"),
    )

    assert svar.status_code == 200
    assert f'id="rad-{arende.nummer}"' not in text(svar)
    assert "Du har tagit ärendet." in text(svar)


def test_fel_i_panelen_sags_pa_svenska(inloggad, vagledare, vagledare2):
    """Someone else changed the ärende first: a Swedish message says what to do."""
    arende = ArendeFactory(av=vagledare)
    gammal = arende.version
    services.arende_tilldela(arende=arende, av=vagledare2, till=vagledare2)

    svar = inloggad.post(
        f"/arenden/{arende.nummer}/svara/", {"version": gammal, "text": "Hej"}, headers=fran_kon()
    )

    assert svar.status_code == 409
    assert 'role="alert"' in text(svar)
    assert "Ladda om sidan och försök igen." in text(svar)


def test_filterbyte_sags_i_en_mening(inloggad, vagledare):
    """A filter change is announced as one sentence, not by reading the table aloud."""
    ArendeFactory(av=vagledare)
    ArendeFactory(av=vagledare)

    alla = text(inloggad.get("/?status=ny", headers=HX))
    en = text(inloggad.get("/?status=ny&antal=1", headers=HX))

    assert '<span id="ko-nya" hx-swap-oob="innerHTML">2 ärenden matchar filtret.</span>' in alla
    assert "1 ärende visas, det finns fler." in en
    assert "aria-live" not in text(inloggad.get("/")).split('id="resultat"')[1][:40]


# ---- New ärenden without reload -------------------------------------------------------


def test_pollningen_svarar_204_utan_nya_och_raderna_nar_nya_kommit(inloggad, vagledare):
    """Nothing new: 204. Two new: only those rows, newest first, and "2 nya ärenden"."""
    gammal = ArendeFactory(av=vagledare, rubrik="Gammal fråga")
    url = poll_url(text(inloggad.get("/")))

    assert inloggad.get(url, headers=HX).status_code == 204

    forsta = ArendeFactory(av=vagledare, rubrik="Ny fråga ett")
    andra = ArendeFactory(av=vagledare, rubrik="Ny fråga två")
    svar = inloggad.get(url, headers=HX)

    html = text(svar)
    assert svar.status_code == 200
    assert re.findall(r'<tr id="rad-([^"]+)"', html) == [andra.nummer, forsta.nummer]
    assert gammal.nummer not in html
    assert 'hx-swap-oob="afterbegin:#rader"' in html
    assert re.search(
        r'<span id="ko-nya" hx-swap-oob="innerHTML">2 nya ärenden \(kl\. \d\d:\d\d\)</span>', html
    )
    # The poller moves on: asked again, nothing is new.
    nasta = re.search(r'id="ko-poll" hx-swap-oob="true" hx-get="([^"]+)"', html).group(1)
    assert inloggad.get(nasta.replace("&amp;", "&"), headers=HX).status_code == 204


def test_pollningen_foljer_filtret(inloggad, vagledare):
    """A new ärende the filter would not show is not announced."""
    ArendeFactory(av=vagledare, kanal=Kanal.EPOST)
    url = poll_url(text(inloggad.get("/?kanal=epost")))

    ArendeFactory(av=vagledare, kanal=Kanal.TELEFON)
    assert inloggad.get(url, headers=HX).status_code == 204

    ny = ArendeFactory(av=vagledare, kanal=Kanal.EPOST)
    assert ny.nummer in text(inloggad.get(url, headers=HX))


def test_tom_ko_pollar_ocksa(inloggad, vagledare):
    """An empty queue polls from now; the first ärende arrives as "1 nytt ärende"."""
    url = poll_url(text(inloggad.get("/")))
    ny = ArendeFactory(av=vagledare)

    html = text(inloggad.get(url, headers=HX))

    assert ny.nummer in html and "1 nytt ärende" in html


def test_pollningen_med_trasig_markor_ger_400(inloggad):
    assert inloggad.get("/ko/nya/?efter=inte-en-markor", headers=HX).status_code == 400
    assert inloggad.get("/ko/nya/", headers=HX).status_code == 400


def test_sorterad_pa_svarstid_pollar_inte(inloggad, vagledare):
    """Sorted by due date, a new ärende belongs mid-list: no polling there."""
    ArendeFactory(av=vagledare)
    assert 'id="ko-poll"' not in text(inloggad.get("/?ordning=svar_senast"))


# ---- Beside the open ärende -----------------------------------------------------------


def test_kontaktens_tidigare_arenden_i_alla_kanaler(inloggad, vagledare):
    """The contact's other ärenden, whatever the channel, with kanal, status and date."""
    kontakt = KontaktFactory(namn="Greta Gran")
    telefon = ArendeFactory(av=vagledare, kontakt=kontakt, kanal=Kanal.TELEFON, rubrik="Samtal")
    services.arende_avsluta(arende=telefon, av=vagledare, utfall=Utfall.LOST_AV_KONTAKTCENTER)
    brev = ArendeFactory(av=vagledare, kontakt=kontakt, kanal=Kanal.BREV, rubrik="Brev")
    annan = ArendeFactory(av=vagledare, kontakt=KontaktFactory(), rubrik="Någon annans")
    arende = ArendeFactory(av=vagledare, kontakt=kontakt, kanal=Kanal.EPOST, rubrik="Mejl")

    html = text(inloggad.get(f"/arenden/{arende.nummer}/"))

    avsnitt = html[html.index('id="tidigare-rubrik"') :]
    avsnitt = avsnitt[: avsnitt.index("</section>")]
    assert telefon.nummer in avsnitt and brev.nummer in avsnitt
    assert annan.nummer not in avsnitt and f">{arende.nummer}<" not in avsnitt
    assert "Telefon" in avsnitt and "Brev" in avsnitt and "Avslutad" in avsnitt


def test_sekretessmarkerade_syns_inte_bredvid(inloggad, vagledare, teamledare):
    """A secret ärende the reader is not named on is neither an earlier ärende nor a
    duplicate on the page."""
    kontakt = KontaktFactory()
    hemligt = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Skyddad adress")
    services.arende_satt_sekretess(arende=hemligt, av=teamledare, sekretess=True, behoriga=[])
    arende = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Skyddad adress")

    html = text(inloggad.get(f"/arenden/{arende.nummer}/"))

    assert "Kontaktens tidigare ärenden" in html
    assert hemligt.nummer not in html


def test_mojliga_dubbletter_samma_kontakt_eller_liknande_text(vagledare):
    """Open ärenden of the last 14 days: same contact, or nearly the same rubrik."""
    kontakt = KontaktFactory()
    samma_kontakt = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Helt annat ämne")
    liknande = ArendeFactory(av=vagledare, rubrik="Trasig gatlampa på Storgatan 12")
    olik = ArendeFactory(av=vagledare, rubrik="Ansökan om förskoleplats")
    gammal = ArendeFactory(
        av=vagledare,
        rubrik="Trasig gatlampa på Storgatan",
        inkom=timezone.now() - timedelta(days=20),
    )
    stangd = ArendeFactory(av=vagledare, rubrik="Trasig gatlampa Storgatan")
    services.arende_avsluta(arende=stangd, av=vagledare, utfall=Utfall.HANVISAT)
    arende = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Trasig gatlampa på Storgatan")

    dubbletter = selectors.arende_mojliga_dubbletter(user=vagledare, arende=arende)

    orsaker = {d.nummer: d.dubblett_orsak for d in dubbletter}
    assert orsaker == {samma_kontakt.nummer: "kontakt", liknande.nummer: "text"}
    assert olik.nummer not in orsaker and gammal.nummer not in orsaker


@pytest.mark.parametrize("antal_nya", [0, 12])
def test_dubbletter_ur_tidigare_arenden_som_med_egen_fraga(vagledare, antal_nya):
    """Picked from the earlier ärenden or asked for: the same duplicates by contact.

    Closed, merged and old ärenden of the contact are earlier ärenden but no duplicates;
    with 12 recent ones the earlier list is cut inside the window and a query answers.
    """
    kontakt = KontaktFactory()
    gammal = ArendeFactory(
        av=vagledare, kontakt=kontakt, rubrik="Gammal", inkom=timezone.now() - timedelta(days=30)
    )
    stangd = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Stängd")
    services.arende_avsluta(arende=stangd, av=vagledare, utfall=Utfall.HANVISAT)
    oppen = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Öppen")
    for i in range(antal_nya):
        ArendeFactory(av=vagledare, kontakt=kontakt, rubrik=f"Ny {i}")
    arende = ArendeFactory(av=vagledare, kontakt=kontakt, rubrik="Det öppna ärendet")

    tidigare = selectors.kontakt_tidigare_arenden(user=vagledare, arende=arende)
    ur_listan = selectors.arende_mojliga_dubbletter(
        user=vagledare, arende=arende, tidigare=tidigare
    )
    med_fraga = selectors.arende_mojliga_dubbletter(user=vagledare, arende=arende)

    assert [d.nummer for d in ur_listan] == [d.nummer for d in med_fraga]
    assert {d.dubblett_orsak for d in ur_listan} == {"kontakt"}
    funna = {d.nummer for d in ur_listan}
    assert gammal.nummer not in funna and stangd.nummer not in funna
    assert (oppen.nummer in funna) == (antal_nya == 0)
    assert len(funna) == (1 if antal_nya == 0 else selectors.DUBBLETT_ANTAL)


def test_dubblett_slas_ihop_fran_arendesidan(inloggad, vagledare):
    """The duplicate list offers the merge; it goes through the sla_ihop action."""
    forsta = ArendeFactory(av=vagledare, rubrik="Vattenläcka på Kvarngatan")
    andra = ArendeFactory(av=vagledare, rubrik="Vattenläcka på Kvarngatan 4")
    html = text(inloggad.get(f"/arenden/{andra.nummer}/"))
    assert "Möjliga dubbletter" in html and f"Slå ihop med {forsta.nummer}" in html

    svar = inloggad.post(
        f"/arenden/{andra.nummer}/sla_ihop/",
        {"med": forsta.nummer, "version": andra.version},
        headers=HX,
    )

    assert svar.status_code == 204
    assert svar["HX-Redirect"] == f"/arenden/{forsta.nummer}/"
    # From the split screen the survivor opens in the pane.
    tredje = ArendeFactory(av=vagledare, rubrik="Vattenläcka på Kvarngatan 6")
    svar = inloggad.post(
        f"/arenden/{tredje.nummer}/sla_ihop/",
        {"med": forsta.nummer, "version": tredje.version},
        headers=fran_kon(),
    )
    assert svar["HX-Redirect"] == f"/?oppen={forsta.nummer}"
    andra.refresh_from_db()
    assert andra.sammanslagen_med == forsta and andra.status == Status.AVSLUTAD


def test_snabbregistrering_foreslar_sammanslagning(client, vagledare, kategori_snabb):
    """Right after registering an open ärende: "Möjlig dubblett: KC-… – Slå ihop?"."""
    client.force_login(vagledare)
    tidigare = ArendeFactory(av=vagledare, rubrik="Trasig gatlampa på Storgatan")

    svar = client.post(
        "/telefon/",
        {
            "fraga": "Trasig gatlampa på Storgatan",
            "val": "aterkontakt",
            "kontakt_telefon": "070-1234567",
        },
        follow=True,
    )

    html = text(svar)
    ny = Arende.objects.exclude(pk=tidigare.pk).get()
    assert ny.status in Status.oppna()
    assert f'Möjlig dubblett: <a href="/arenden/{tidigare.nummer}/">{tidigare.nummer}</a>' in html
    assert f'href="/arenden/{ny.nummer}/#dubbletter">Slå ihop?' in html


# ---- The handläggare's view -----------------------------------------------------------


@pytest.fixture
def eskalerat(vagledare, forvaltning_a):
    arende = ArendeFactory(av=vagledare, rubrik="Bygglov för altan")
    services.arende_anteckna(arende=arende, av=vagledare, text="Hänvisade till e-tjänsten.")
    return services.arende_eskalera(
        arende=arende,
        av=vagledare,
        forvaltning=forvaltning_a,
        orsak="Behöver en bedömning av strandskyddet.",
    )


def test_handlaggaren_ser_vad_kontaktcenter_gjort_och_ett_formular(
    client, handlaggare_a, eskalerat
):
    """The summary names who registered, what was tried and why it was escalated; one
    form answers the citizen or hands the ärende back."""
    client.force_login(handlaggare_a)

    html = text(client.get(f"/arenden/{eskalerat.nummer}/"))

    avsnitt = html[html.index('id="sammanfattning-rubrik"') : html.index('class="kolumner"')]
    assert "Anna Andersson" in avsnitt
    assert "Hänvisade till e-tjänsten." in avsnitt
    assert "Behöver en bedömning av strandskyddet." in avsnitt
    formular = html[html.index('<details id="svara"') :]
    formular = formular[: formular.index("</form>")]
    assert "Skicka svaret till medborgaren" in formular
    assert f'hx-post="/arenden/{eskalerat.nummer}/aterlamna/"' in formular


def test_handlaggarens_lista_sorteras_pa_svarstid(client, handlaggare_a, vagledare, forvaltning_a):
    """His förvaltning's escalated ärenden, the most urgent first."""
    sen = ArendeFactory(av=vagledare)
    tidig = ArendeFactory(av=vagledare)
    for a, dagar in ((sen, 5), (tidig, 1)):
        services.arende_eskalera(arende=a, av=vagledare, forvaltning=forvaltning_a, orsak="x")
        Arende.objects.filter(pk=a.pk).update(svar_senast=timezone.now() + timedelta(days=dagar))
    client.force_login(handlaggare_a)

    html = text(client.get("/"))

    assert re.findall(r'<tr id="rad-([^"]+)"', html) == [tidig.nummer, sen.nummer]


def test_handlaggarens_lista_visar_oppna_om_inget_annat_valts(
    client, handlaggare_a, vagledare, forvaltning_a
):
    """His inbox holds what still waits; ticking the statuses shows the closed ones too."""
    oppet = ArendeFactory(av=vagledare)
    stangt = ArendeFactory(av=vagledare)
    for a in (oppet, stangt):
        services.arende_eskalera(arende=a, av=vagledare, forvaltning=forvaltning_a, orsak="x")
    services.arende_avsluta(arende=stangt, av=handlaggare_a, utfall=Utfall.ESKALERAT)
    client.force_login(handlaggare_a)

    standard = text(client.get("/"))
    alla = text(client.get("/?ordning=svar_senast&status=eskalerad&status=avslutad"))

    assert oppet.nummer in standard and stangt.nummer not in standard
    assert 'name="status" value="eskalerad" checked' in standard
    assert oppet.nummer in alla and stangt.nummer in alla


# ---- Bulk actions ---------------------------------------------------------------------


def test_ta_markerade_tar_de_lediga_och_sager_varfor_inte_resten(inloggad, vagledare, vagledare2):
    """Each ticked ärende is taken on its own: one held by a colleague is refused with a
    Swedish reason, the others are taken, and their rows come back updated."""
    ledig = ArendeFactory(av=vagledare)
    ledig2 = ArendeFactory(av=vagledare)
    upptagen = ArendeFactory(av=vagledare)
    services.arende_tilldela(arende=upptagen, av=vagledare2, till=vagledare2)

    svar = inloggad.post(
        "/ko/massatgard/",
        {"atgard": "tilldela", "valda": [ledig.nummer, upptagen.nummer, ledig2.nummer]},
        headers=fran_kon(),
    )

    html = text(svar)
    assert svar.status_code == 200
    assert "2 av 3 ärenden tagna." in html
    assert re.search(rf"{upptagen.nummer}: .*Bertil Berg", html)
    for a in (ledig, ledig2, upptagen):
        assert re.search(rf'<tr id="rad-{a.nummer}"[^>]*hx-swap-oob="true"', html)
    assert set(Arende.objects.filter(tilldelad=vagledare).values_list("nummer", flat=True)) == {
        ledig.nummer,
        ledig2.nummer,
    }


def test_avsluta_markerade_kraver_utfall(inloggad, vagledare):
    arende = ArendeFactory(av=vagledare)

    utan = text(
        inloggad.post(
            "/ko/massatgard/", {"atgard": "avsluta", "valda": [arende.nummer]}, headers=HX
        )
    )
    assert f"{arende.nummer}: " in utan
    arende.refresh_from_db()
    assert arende.status == Status.NY

    med = inloggad.post(
        "/ko/massatgard/",
        {"atgard": "avsluta", "valda": [arende.nummer], "utfall": Utfall.HANVISAT},
        headers=HX,
    )
    assert "1 av 1 ärenden avslutade." in text(med)
    arende.refresh_from_db()
    assert (arende.status, arende.utfall) == (Status.AVSLUTAD, Utfall.HANVISAT)


def test_massatgard_utan_markerade_ber_om_markering(inloggad):
    svar = inloggad.post("/ko/massatgard/", {"atgard": "tilldela"}, follow=True)

    assert "Markera minst ett ärende i kön först." in text(svar)

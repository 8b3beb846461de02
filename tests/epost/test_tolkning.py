"""Parsing the corpus in tests/data/epost: every case of real mail comes out readable."""

import pytest

from kanaler.epost import tolkning
from tests.epost.conftest import DATA, las_eml


@pytest.mark.parametrize(
    ("namn", "amne", "i_texten"),
    [
        ("01_vanlig_utf8", "Hej", "återvinningscentralen öppnar"),
        ("02_amne_iso8859_1_q", "Fråga om förskola", "förskolan i Åby"),
        ("03_windows1252_b", "Avgift för bygglov – 500 €", "“Orimligt”"),
        ("04_utf8_b_amne", "Snöröjning på Ängsvägen", "Ängsvägen är inte plogad"),
        ("05_fel_teckenkodning", "Fel kodning", "Hälsningar Örjan"),
        ("06_ingen_teckenkodning", "Ingen kodning", "Bräddning vid sjön"),
        ("07_8bit_amne_utf8", "Fråga om äldreboende", "äldreboende"),
        ("15_okand_teckenkodning", "Okand kodning", "båtplats"),
        ("34_rfc2231_filnamn", "Tjänsteskrivelse", "Här är skrivelsen"),
        ("37_latin1_8bit_amne", "Vägen är avstängd", "Varför är vägen avstängd"),
    ],
)
def test_svenska_tecken_overlever_varje_teckenkodning(namn, amne, i_texten):
    """Å, ä and ö survive in subject and body whatever charset (or none) the mail declares."""
    tolkat = tolkning.tolka(las_eml(f"{namn}.eml"))

    assert tolkat.amne == amne
    assert i_texten in tolkat.text
    assert "\ufffd" not in tolkat.text + tolkat.amne


def test_kodat_avsandarnamn():
    """An RFC 2047 encoded display name is decoded."""
    tolkat = tolkning.tolka(las_eml("36_kodat_avsandarnamn.eml"))

    assert tolkat.avsandare == "Åsa Öberg <asa.oberg@example.se>"


def test_html_sanerad_och_text_harledd():
    """An HTML-only mail is sanitised for display and gets plain text for search."""
    tolkat = tolkning.tolka(las_eml("08_bara_html.eml"))

    assert "<script" not in tolkat.html
    assert "onerror" not in tolkat.html
    assert "javascript:" not in tolkat.html
    assert "<b>kommunen</b>" in tolkat.html
    assert "Var ligger biblioteket?" in tolkat.text
    assert "alert" not in tolkat.text


def test_alternativ_foredrar_text():
    tolkat = tolkning.tolka(las_eml("09_alternativ.eml"))

    assert tolkat.text.startswith("Textversionen")
    assert "HTML-versionen av frågan" in tolkat.html


def test_bilagor_inline_och_rfc2231_filnamn():
    """Attachments and inline images are parts with their names; RFC 2231 names decode."""
    assert [d.namn for d in tolkning.tolka(las_eml("10_bilaga_pdf.eml")).delar] == ["ansokan.pdf"]
    bild = tolkning.tolka(las_eml("11_inline_bild.eml")).delar[0]
    assert (bild.namn, bild.typ, bild.inline) == ("hal.png", "image/png", True)
    assert bild.data.startswith(b"\x89PNG")
    delar = tolkning.tolka(las_eml("34_rfc2231_filnamn.eml")).delar
    assert [d.namn for d in delar] == ["tjänsteskrivelse.pdf"]


def test_vidarebefordrat_brev():
    """A forwarded message/rfc822 is kept as an .eml part and its text is searchable."""
    tolkat = tolkning.tolka(las_eml("12_vidarebefordrat.eml"))

    assert tolkat.delar[0].typ == "message/rfc822"
    assert "Klagomål på buller" in tolkat.text
    assert "Det är högt ljud varje natt." in tolkat.text


@pytest.mark.parametrize("namn", ["13_trasig_mime_grans", "14_trasig_base64"])
def test_trasig_mime_flaggas_men_laser_det_som_gar(namn):
    """Broken MIME is flagged "kunde inte tolkas helt"; what can be read is still read."""
    tolkat = tolkning.tolka(las_eml(f"{namn}.eml"))

    assert tolkat.ofullstandig
    assert tolkat.text


@pytest.mark.parametrize(
    "namn",
    [
        "20_autosvar_auto_submitted",
        "21_x_autoreply",
        "22_x_autorespond",
        "23_precedence_bulk",
        "24_precedence_auto_reply",
        "25_franvaro_svenska",
        "26_out_of_office",
        "27_automatiskt_svar",
    ],
)
def test_autosvar_kanns_igen(namn):
    tolkat = tolkning.tolka(las_eml(f"{namn}.eml"))

    assert tolkat.autosvar
    assert not tolkat.studs


@pytest.mark.parametrize("namn", ["28_studs_dsn", "29_studs_postmaster"])
def test_studs_kanns_igen(namn):
    assert tolkning.tolka(las_eml(f"{namn}.eml")).studs


def test_studs_bar_originalets_message_id():
    """A DSN names the Message-ID of the mail that bounced, so it finds its ärende."""
    assert "<UTSKICK-ID>" in tolkning.tolka(las_eml("28_studs_dsn.eml")).inre_ids


@pytest.mark.parametrize(
    "namn", ["01_vanlig_utf8", "31_auto_submitted_no", "17_svar_med_tagg", "30_no_reply"]
)
def test_vanliga_brev_ar_inte_autosvar(namn):
    tolkat = tolkning.tolka(las_eml(f"{namn}.eml"))

    assert not tolkat.autosvar
    assert not tolkat.studs


def test_no_reply_kanns_igen():
    assert tolkning.tolka(las_eml("30_no_reply.eml")).inget_svar


def test_svarsrubriker():
    tolkat = tolkning.tolka(las_eml("18_svar_in_reply_to.eml"))

    assert tolkat.in_reply_to == "<UTSKICK-ID>"
    assert tolkat.references == ["<original@example.se>", "<UTSKICK-ID>"]


def test_utan_message_id_far_innehallsnyckel():
    ra = las_eml("16_utan_message_id.eml")
    tolkat = tolkning.tolka(ra)

    assert tolkat.message_id == ""
    assert tolkning.nyckel(tolkat.message_id, ra) == f"sha256:{tolkning.innehallshash(ra)}"


def test_hela_korpusen_tolkas_utan_undantag():
    """No mail in the corpus makes the parser raise, and each yields a sender or is flagged."""
    filer = sorted(DATA.glob("*.eml"))
    assert len(filer) >= 30
    for fil in filer:
        tolkat = tolkning.tolka(fil.read_bytes())
        # Something a person can act on: a sender to answer, or the flag that says why not.
        assert tolkat.avsandare_adress or tolkat.ofullstandig or tolkat.studs, fil.name

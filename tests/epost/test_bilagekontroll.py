"""A mail with refused attachments and hostile HTML: kept, flagged, shown safely."""

from django.core.management import call_command

from arenden.models import Arende, Bilaga
from tests.epost.conftest import lagg_in, las_eml


def test_otillaten_bilaga_flaggas_men_brevet_behalls(epostkonto, imap, client, vagledare):
    """The mail becomes its ärende; the .exe and the fake PDF stay only in the original, noted.

    The good PDF is stored with the type its content shows, and the mail's HTML reaches the
    ärende page without script, event handlers, javascript: links or style expressions.
    """
    lagg_in(imap, las_eml("40_farlig_html_och_bilagor.eml"))

    call_command("hamta_epost", "--konto", epostkonto.namn)

    arende = Arende.objects.get()
    meddelande = arende.meddelanden.get()
    assert list(Bilaga.objects.values_list("namn", "typ")) == [("ansokan.pdf", "application/pdf")]
    assert "Bilagan faktura.pdf togs inte emot" in meddelande.text
    assert "inte en PDF-fil" in meddelande.text
    assert "Bilagan program.exe togs inte emot" in meddelande.text
    assert meddelande.metadata["avvisade_bilagor"] == [
        {"namn": "faktura.pdf", "kod": "bilaga_innehall"},
        {"namn": "program.exe", "kod": "bilaga_filtyp"},
    ]
    client.force_login(vagledare)
    html = client.get(f"/arenden/{arende.nummer}/").content.decode()
    visat = html[html.index('class="fritext html-meddelande"') :]
    visat = visat[: visat.index("</article>")]
    assert "<b>kommunen</b>" in visat
    for farligt in ("<script", "onerror", "javascript:", "expression(", "<iframe", "<style"):
        assert farligt not in visat, farligt

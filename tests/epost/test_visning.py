"""An HTML mail is shown on the ärende page as sanitised HTML, never with its scripts."""

from pathlib import Path

from arenden import services
from kanaler.epost import tolkning
from tests.factories import ArendeFactory

DATA = Path(__file__).resolve().parent.parent / "data" / "epost"


def test_html_brev_visas_sanerat_pa_arendesidan(client, vagledare):
    """The kommunvägledare sees the mail's formatting; script and event handlers are gone."""
    tolkat = tolkning.tolka((DATA / "08_bara_html.eml").read_bytes())
    arende = ArendeFactory(av=vagledare)
    services.arende_ta_emot_meddelande(
        arende=arende, kanal="epost", text=tolkat.text, html=tolkat.html, amne=tolkat.amne
    )
    client.force_login(vagledare)

    html = client.get(f"/arenden/{arende.nummer}/").content.decode()

    assert "<b>kommunen</b>" in html
    assert "onerror" not in html
    assert "javascript:" not in html

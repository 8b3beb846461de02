"""A kunskapsartikel's answer reaches the public FAQ with nothing that runs or loads."""

import pytest

pytestmark = pytest.mark.django_db

FARLIGT_SVAR = """<p>Ansök <strong>här</strong>.</p>
<script>alert('skript')</script>
<img src="x" onerror="alert('onerror')">
<p style="width: expression(alert('stil'))" onclick="alert('klick')">Stil</p>
<a href="javascript:alert('lank')">Farlig länk</a>
<a href="https://kommun.example/bygglov">E-tjänsten</a>
<iframe src="https://example.com/"></iframe><style>p { color: red }</style>"""


def test_artikelns_svar_tvattas_hela_vagen_till_fragesidan(
    api_client, teamledare, forvaltning_a, client
):
    # given: an article written through the API with hostile HTML, then published
    api = api_client(teamledare)
    skapad = api.post(
        "/api/v1/kunskapsbank/artiklar/",
        {
            "fraga": "Hur ansöker jag om bygglov?",
            "svar": FARLIGT_SVAR,
            "forvaltning": forvaltning_a.pk,
            "malgrupp": "publik",
        },
        format="json",
    )
    assert skapad.status_code == 201, skapad.content
    artikel_id = skapad.json()["id"]
    for status in ("granskning", "publicerad"):
        svar = api.post(
            f"/api/v1/kunskapsbank/artiklar/{artikel_id}/status/", {"status": status}, format="json"
        )
        assert svar.status_code == 200, svar.content

    # when: the public FAQ page is read and the API hands the answer back
    sida = client.get(f"/fragor/{artikel_id}/").content.decode()
    sida = sida[sida.index('<article aria-labelledby="fraga-rubrik">') :]
    sida = sida[: sida.index("</article>")]
    lagrat = api.get(f"/api/v1/kunskapsbank/artiklar/{artikel_id}/").json()["svar"]

    # then
    assert "<strong>här</strong>" in sida
    assert 'href="https://kommun.example/bygglov"' in sida
    for text in (sida, lagrat):
        for farligt in (
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "expression(",
            "<iframe",
            "<style",
            "style=",
        ):
            assert farligt not in text, farligt

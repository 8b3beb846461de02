"""The operations view: registrations by state, försök igen, markera som registrerad manuellt."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from arenden import services as arende_services
from arenden.models import Handelse
from platina_bridge.models import PlatinaRegistrering, Tillstand
from tests.factories import ArendeFactory


@pytest.fixture
def registrering(vagledare, forvaltning_b, kategori_diarieford, django_capture_on_commit_callbacks):
    """A registration Platina refused, waiting for a registrator."""
    arende = ArendeFactory(av=vagledare, kategori=kategori_diarieford)
    with django_capture_on_commit_callbacks():
        arende_services.arende_eskalera(
            arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak="Handläggning."
        )
    rad = PlatinaRegistrering.objects.get(arende=arende)
    rad.tillstand = Tillstand.KRAVER_ATGARD
    rad.senaste_fel = "Platina avvisade registreringen: confidentialParagraphs krävs."
    rad.save()
    return rad


def test_listan_visar_fel_per_tillstand(
    client, teamledare, registrering, django_assert_max_num_queries
):
    """A teamledare sees the refused registration with Platina's message and the counts."""
    client.force_login(teamledare)
    with django_assert_max_num_queries(12):
        svar = client.get("/platina/?tillstand=kraver_atgard")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert registrering.arende.nummer in html
    assert "confidentialParagraphs krävs" in html
    assert "Misslyckad – kräver åtgärd (1)" in html


def test_htmx_ger_bara_listan(client, administrator, registrering):
    """With HX-Request the state tab swaps only the list."""
    client.force_login(administrator)
    svar = client.get("/platina/?tillstand=registrerad", headers={"HX-Request": "true"})
    html = svar.content.decode()
    assert html.lstrip().startswith('<section id="lista"')
    assert "Inga registreringar" in html


@pytest.mark.parametrize("anvandare", ["vagledare", "handlaggare_b"])
def test_andra_roller_nekas(client, request, registrering, anvandare):
    """Kommunvägledare and handläggare do not reach the operations view."""
    client.force_login(request.getfixturevalue(anvandare))
    assert client.get("/platina/").status_code == 403
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": "KS 2026/9"})
    assert svar.status_code == 403


def test_forsok_igen_koar_raden(
    client, teamledare, registrering, django_capture_on_commit_callbacks
):
    """'Försök igen' puts the row back in the queue and sends it after commit."""
    client.force_login(teamledare)
    with django_capture_on_commit_callbacks() as efter_commit:
        svar = client.post(
            f"/platina/{registrering.pk}/forsok-igen/", {"tillstand": "kraver_atgard"}
        )
    assert svar.status_code == 302
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.KOAD
    assert len(efter_commit) == 1


def test_markera_manuellt_sparar_diarienumret_och_loggar(client, administrator, registrering):
    """A number typed in lands on the ärende and in its timeline with who did it."""
    client.force_login(administrator)
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": " KS 2026/77 "})
    assert svar.status_code == 302
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.diarienummer == "KS 2026/77"
    assert registrering.manuellt_av == administrator
    arende = registrering.arende
    arende.refresh_from_db()
    assert arende.diarienummer == "KS 2026/77"
    handelse = arende.handelser.get(typ=Handelse.Typ.DIARIEFORT)
    assert handelse.aktor == administrator
    assert handelse.data == {"diarienummer": "KS 2026/77", "manuellt": True}
    sida = client.get(f"/arenden/{arende.nummer}/").content.decode()
    assert "KS 2026/77" in sida


def test_markera_manuellt_kraver_diarienummer(client, teamledare, registrering):
    """Without a number nothing changes and the Swedish message is shown."""
    client.force_login(teamledare)
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": ""}, follow=True)
    assert "Skriv in diarienumret" in svar.content.decode()
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.KRAVER_ATGARD


def test_visa_fler_bladdrar_forbi_hundra_rader(client, teamledare, vagledare):
    """Past 100 rows a state pages on with "Visa fler": every row once, newest change first."""
    # given: 130 refused registrations, each changed a minute after the previous one
    bas = timezone.now() - timedelta(days=1)
    nummer = []
    for i in range(130):
        arende = ArendeFactory(av=vagledare)
        PlatinaRegistrering.objects.create(
            arende=arende,
            diarium="KS",
            idempotensnyckel=arende.nummer,
            tillstand=Tillstand.KRAVER_ATGARD,
            # Two rows share a time, so the id breaks the tie across the page boundary.
            uppdaterad=bas + timedelta(minutes=i // 2),
        )
        nummer.append(arende.nummer)
    client.force_login(teamledare)
    # when: the first page
    forsta = client.get("/platina/?tillstand=kraver_atgard").content.decode()
    # then: 100 rows and a link to the rest
    sedda = [n for n in nummer if f">{n}</a>" in forsta]
    assert len(sedda) == 100
    assert "Visa fler" in forsta
    lank = re.search(r'hx-get="([^"]+)"[^>]*>Visa fler', forsta).group(1).replace("&amp;", "&")
    # when: "Visa fler" as htmx asks for it
    andra = client.get(lank, headers={"HX-Request": "true"}).content.decode()
    # then: only the remaining 30 rows, appended, and the link removed out of band
    assert not andra.lstrip().startswith("<section")
    resten = [n for n in nummer if f">{n}</a>" in andra]
    assert len(resten) == 30
    assert set(sedda) | set(resten) == set(nummer)
    assert set(nummer[:30]) == set(resten)  # the oldest changes come last
    assert 'id="fler" hx-swap-oob="true"' in andra
    assert "Visa fler" not in andra


def test_ogiltig_markor_ger_forsta_sidan(client, teamledare):
    """A tampered cursor leads back to the first page with a message, not an error page."""
    client.force_login(teamledare)
    svar = client.get("/platina/?tillstand=kraver_atgard&efter=x", follow=True)
    assert svar.status_code == 200
    assert "Sidmarkören är ogiltig" in svar.content.decode()

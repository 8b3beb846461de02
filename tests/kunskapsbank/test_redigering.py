"""The staff pages to write articles, move them through their statuses and compare versions."""

import re
from datetime import timedelta

from django.utils import timezone

from kunskapsbank.models import ArtikelStatus, ArtikelVersion, Kunskapsartikel, Malgrupp


def _formular(forv, **andrat) -> dict:
    return {
        "fraga": "Hur får jag parkeringstillstånd för rörelsehindrade?",
        "alternativa_fragor": "handikapptillstånd\r\nparkeringskort för funktionsnedsatta\r\n",
        "svar": "<p>Ansök hos <strong>trafikenheten</strong>.</p><script>alert(1)</script>",
        "forvaltning": str(forv.pk),
        "kategori": "",
        "rosa": "2",
        "malgrupp": Malgrupp.PUBLIK,
        "agare": "",
        "granskas_senast": "",
        **andrat,
    }


def test_vagledaren_skriver_ett_utkast(client, vagledare, forvaltning_a):
    """A new article from the form is a draft with its phrasings, a clean answer, an owner."""
    client.force_login(vagledare)
    assert "Ny kunskapsartikel" in client.get("/kunskapsbank/artiklar/ny/").content.decode()
    svar = client.post("/kunskapsbank/artiklar/ny/", _formular(forvaltning_a))
    artikel = Kunskapsartikel.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == f"/kunskapsbank/artiklar/{artikel.pk}/"
    assert artikel.status == ArtikelStatus.UTKAST
    assert artikel.alternativa_fragor == [
        "handikapptillstånd",
        "parkeringskort för funktionsnedsatta",
    ]
    assert "<script>" not in artikel.svar and "<strong>trafikenheten</strong>" in artikel.svar
    assert artikel.agare == vagledare
    assert artikel.rosa == 2 and artikel.malgrupp == Malgrupp.PUBLIK
    html = client.get(svar["Location"]).content.decode()
    assert "Skicka till granskning" in html
    assert "Publicera" not in html  # a kommunvägledare does not publish


def test_felaktigt_formular_visas_igen_med_fel(client, vagledare, forvaltning_a):
    """A form without question or förvaltning comes back with its values and the errors."""
    client.force_login(vagledare)
    svar = client.post(
        "/kunskapsbank/artiklar/ny/", _formular(forvaltning_a, fraga="", forvaltning="")
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert 'id="fraga-fel"' in html and 'id="forvaltning-fel"' in html
    assert "handikapptillstånd" in html
    assert not Kunskapsartikel.objects.exists()


def test_statusknappar_foljer_reglerna(client, vagledare, teamledare, artikel):
    """Staff send a draft to review; only a teamledare (or the owner) publishes it."""
    utkast = artikel(status=ArtikelStatus.UTKAST, malgrupp=Malgrupp.PUBLIK)
    client.force_login(vagledare)
    svar = client.post(
        f"/kunskapsbank/artiklar/{utkast.pk}/status/",
        {"status": ArtikelStatus.GRANSKNING, "version": utkast.version},
    )
    assert svar.status_code == 302
    utkast.refresh_from_db()
    assert utkast.status == ArtikelStatus.GRANSKNING
    # The vägledare is offered no "Publicera", and a forged post is refused.
    html = client.get(f"/kunskapsbank/artiklar/{utkast.pk}/").content.decode()
    assert ">Publicera<" not in html
    assert "Tillbaka till utkast" in html
    svar = client.post(
        f"/kunskapsbank/artiklar/{utkast.pk}/status/",
        {"status": ArtikelStatus.PUBLICERAD},
        follow=True,
    )
    assert "Bara artikelns ägare" in svar.content.decode()
    utkast.refresh_from_db()
    assert utkast.status == ArtikelStatus.GRANSKNING
    # Not public while in review.
    assert client.get(f"/fragor/{utkast.pk}/").status_code == 404
    # The teamledare publishes.
    client.force_login(teamledare)
    html = client.get(f"/kunskapsbank/artiklar/{utkast.pk}/").content.decode()
    assert ">Publicera<" in html
    client.post(f"/kunskapsbank/artiklar/{utkast.pk}/status/", {"status": "publicerad"})
    utkast.refresh_from_db()
    assert utkast.status == ArtikelStatus.PUBLICERAD
    client.logout()
    assert client.get(f"/fragor/{utkast.pk}/").status_code == 200


def test_otillaten_overgang_ger_meddelande(client, teamledare, artikel):
    """A draft cannot jump straight to published, whoever asks."""
    utkast = artikel(status=ArtikelStatus.UTKAST)
    client.force_login(teamledare)
    svar = client.post(
        f"/kunskapsbank/artiklar/{utkast.pk}/status/", {"status": "publicerad"}, follow=True
    )
    assert "kan inte få status" in svar.content.decode()
    utkast.refresh_from_db()
    assert utkast.status == ArtikelStatus.UTKAST


def test_andring_blir_ny_version_och_publicerad_skyddas(
    client, vagledare, teamledare, artikel, forvaltning_a
):
    """Editing saves a version; a published article is the owner's or teamledare's to edit."""
    publicerad = artikel()
    formular = _formular(
        forvaltning_a,
        fraga=publicerad.fraga,
        svar="<p>Ansök om bygglov via e-tjänsten på webben.</p>",
        alternativa_fragor="",
        version=str(publicerad.version),
        kommentar="Länken till e-tjänsten",
    )
    client.force_login(vagledare)
    html = client.get(f"/kunskapsbank/artiklar/{publicerad.pk}/").content.decode()
    assert "Spara ändringen" not in html
    assert client.post(f"/kunskapsbank/artiklar/{publicerad.pk}/", formular).status_code == 403
    client.force_login(teamledare)
    svar = client.post(f"/kunskapsbank/artiklar/{publicerad.pk}/", formular)
    assert svar.status_code == 302
    publicerad.refresh_from_db()
    assert "på webben" in publicerad.svar
    senaste = ArtikelVersion.objects.filter(artikel=publicerad).order_by("-nummer").first()
    assert (senaste.nummer, senaste.kommentar) == (publicerad.version, "Länken till e-tjänsten")
    # A second save with the old version number is refused, not silently overwritten.
    svar = client.post(f"/kunskapsbank/artiklar/{publicerad.pk}/", formular)
    assert svar.status_code == 409
    assert "har ändrats av någon annan" in svar.content.decode()


def test_versionshistorik_visar_skillnaden_med_text_markorer(client, teamledare, artikel):
    """The history lists every version; the diff marks lines removed and added in words."""
    a = artikel(svar="<p>Öppet måndag till fredag.</p><p>Ring 0123-456.</p>")
    client.force_login(teamledare)
    client.post(
        f"/kunskapsbank/artiklar/{a.pk}/",
        {
            "fraga": a.fraga,
            "svar": "<p>Öppet måndag till torsdag.</p><p>Ring 0123-456.</p>",
            "forvaltning": str(a.forvaltning_id),
            "rosa": str(a.rosa),
            "malgrupp": a.malgrupp,
            "version": str(a.version),
        },
    )
    a.refresh_from_db()
    html = client.get(f"/kunskapsbank/artiklar/{a.pk}/versioner/").content.decode()
    # Every version is listed.
    for nummer in range(1, a.version + 1):
        assert f'<th scope="row">{nummer}</th>' in html
    # By default the latest change, old line deleted and new line inserted, each in words.
    assert re.search(r"<del>.*Borttaget:.*Öppet måndag till fredag\.</del>", html)
    assert re.search(r"<ins>.*Tillagt:.*Öppet måndag till torsdag\.</ins>", html)
    assert '<li class="lika">' in html and "Ring 0123-456." in html
    # Any two versions can be compared.
    html = client.get(f"/kunskapsbank/artiklar/{a.pk}/versioner/?fran=1&till={a.version}")
    assert "Status: utkast" in html.content.decode()
    html = client.get(f"/kunskapsbank/artiklar/{a.pk}/versioner/?fran=1&till=99").content
    assert "Versionen finns inte." in html.decode()


def test_listan_per_status_och_allmanheten_nekas(client, vagledare, artikel):
    """Staff list articles by status; the public never reaches the staff pages."""
    artikel(fraga="Publicerad fråga")
    artikel(fraga="Utkastfråga", status=ArtikelStatus.UTKAST)
    client.force_login(vagledare)
    html = client.get("/kunskapsbank/artiklar/?status=utkast").content.decode()
    assert "Utkastfråga" in html and "Publicerad fråga" not in html
    client.logout()
    for url in ("/kunskapsbank/artiklar/", "/kunskapsbank/artiklar/ny/"):
        assert client.get(url).status_code == 302  # to the login page


def test_granskningsdatum_sparas(client, teamledare, forvaltning_a):
    """The review date typed in the form is kept."""
    client.force_login(teamledare)
    dag = timezone.localdate() + timedelta(days=90)
    client.post(
        "/kunskapsbank/artiklar/ny/", _formular(forvaltning_a, granskas_senast=dag.isoformat())
    )
    assert Kunskapsartikel.objects.get().granskas_senast == dag

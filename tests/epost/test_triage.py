"""The triage list: mails no ärende took, attached or discarded by a kommunvägledare."""

from django.core.management import call_command
from django.urls import reverse

from arenden.models import Arende, Status
from kanaler.epost.models import Inkommet
from tests.epost.conftest import lagg_in, las_eml


def test_triagelistan_visar_studs_och_autosvar_utan_arende(epostkonto, imap, client, vagledare):
    """Bounces and auto-replies that belong to no ärende are listed for a kommunvägledare."""
    lagg_in(imap, las_eml("29_studs_postmaster.eml"), las_eml("26_out_of_office.eml"))
    call_command("hamta_epost")
    client.force_login(vagledare)

    sida = client.get(reverse("epost:triage")).content.decode()

    assert "Delivery failure" in sida
    assert "Out of Office: Your message" in sida


def test_triagelistan_kraver_roll(epostkonto, client, utan_roll):
    client.force_login(utan_roll)

    assert client.get(reverse("epost:triage")).status_code == 403


def test_koppla_till_arende_utan_att_ateroppna(epostkonto, imap, client, vagledare):
    """A triaged mail attached to an ärende becomes its message; the ärende stays as it was."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"), las_eml("29_studs_postmaster.eml"))
    call_command("hamta_epost")
    arende = Arende.objects.get()
    studs = Inkommet.objects.get(status="triage")
    client.force_login(vagledare)

    svar = client.post(
        reverse("epost:triage_hantera", args=[studs.pk]),
        {"atgard": "koppla", "nummer": arende.nummer},
        headers={"HX-Request": "true"},
    )

    assert svar.status_code == 200
    assert "Delivery failure" not in svar.content.decode()
    studs.refresh_from_db()
    assert studs.status == "placerad"
    assert studs.meddelande.arende == arende
    arende.refresh_from_db()
    assert arende.status == Status.NY


def test_kassera(epostkonto, imap, client, vagledare):
    """A discarded mail leaves the list; its raw source stays stored."""
    lagg_in(imap, las_eml("29_studs_postmaster.eml"))
    call_command("hamta_epost")
    studs = Inkommet.objects.get()
    client.force_login(vagledare)

    client.post(reverse("epost:triage_hantera", args=[studs.pk]), {"atgard": "kassera"})

    studs.refresh_from_db()
    assert studs.status == "kasserad"
    assert bytes(studs.ra) == las_eml("29_studs_postmaster.eml")
    assert "Delivery failure" not in client.get(reverse("epost:triage")).content.decode()


def test_ofullstandigt_brev_blir_arende_med_originalet(epostkonto, imap, client, vagledare):
    """A broken mail still becomes an ärende, flagged, with its raw source attached."""
    lagg_in(imap, las_eml("13_trasig_mime_grans.eml"))
    call_command("hamta_epost")

    arende = Arende.objects.get()
    meddelande = arende.meddelanden.get()
    assert meddelande.metadata["ofullstandig"] is True
    assert "kunde inte tolkas helt" in meddelande.text
    assert meddelande.bilagor.filter(namn="original.eml").exists()
    client.force_login(vagledare)
    assert (
        "kunde inte tolkas helt"
        in client.get(reverse("arenden:arende", args=[arende.nummer])).content.decode()
    )

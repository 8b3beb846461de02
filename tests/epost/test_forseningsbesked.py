"""A förseningsbesked on an e-post ärende leaves by mail and answers nothing."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from arenden.models import Arende, Status
from kanaler.epost import tasks
from kanaler.epost.models import Utskick
from tests.epost.conftest import lagg_in, las_eml


def test_besked_skickas_som_mejl_men_arendet_ar_obesvarat(
    epostkonto, imap, smtp, vagledare, api_client
):
    """The besked goes out over SMTP to the citizen; delivered, the ärende is still unanswered."""
    # given: a mail that became an ärende
    lagg_in(imap, las_eml("02_amne_iso8859_1_q.eml"))
    call_command("hamta_epost")
    arende = Arende.objects.get()
    status_fore, svar_senast = arende.status, arende.svar_senast
    dag = (timezone.localdate() + timedelta(days=10)).isoformat()
    # when
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/forseningsbesked/",
        {"orsak": "Förskoleplaceringarna för hösten är inte klara.", "ny_svarsdag": dag},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    utskick = Utskick.objects.get(typ="svar")
    tasks.skicka_utskick.apply(args=[utskick.pk])
    # then
    utskick.refresh_from_db()
    assert utskick.status == "skickad"
    assert len(smtp) == 1
    innehall = smtp[-1].original_content.decode("utf-8", "replace")
    assert arende.nummer in innehall
    arende.refresh_from_db()
    assert arende.besvarad is None and arende.forsta_svar is None
    assert arende.status == status_fore != Status.BESVARAD
    assert arende.svar_senast == svar_senast

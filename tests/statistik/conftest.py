"""Hand-built e-post ärenden whose response times are worked out by hand in the docstrings."""

from datetime import datetime

import pytest

from arenden import services
from arenden.kalender import TIDSZON
from arenden.models import Arende, Kanal, Meddelande
from tests.factories import ArendeFactory


def tid(text: str) -> datetime:
    """Return a Stockholm time from 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TIDSZON)


def epost(*, inkom: str, svar: str | None, kommun, **kwargs) -> Arende:
    """An e-post ärende that came in at `inkom` and got its first answer at `svar`.

    The answer's moment is set on the row: the services stamp the present time, and these
    fixtures need moments in 2026.
    """
    arende = ArendeFactory(kanal=Kanal.EPOST, inkom=tid(inkom), kommun=kommun, **kwargs)
    if svar is not None:
        Arende.objects.filter(pk=arende.pk).update(forsta_svar=tid(svar), besvarad=tid(svar))
        arende.refresh_from_db()
    return arende


@pytest.fixture
def epostfall(kommun, vagledare):
    """Eight e-post ärenden in 2026; working time to first answer in hours in brackets.

    1. weekend: Fri 13 Mar 15:00 → Mon 16 Mar 14:00 (9 + 14 = 23) within one arbetsdag
    2. weekend: Fri 13 Mar 09:00 → Mon 16 Mar 10:00 (15 + 10 = 25) within two
    3. Easter: Thu 2 Apr 12:00 → Tue 7 Apr 11:00 (12 + 11 = 23; Långfredag, Easter
       weekend and Annandag påsk do not count) within one
    4. Christmas: Wed 23 Dec 10:00 → Mon 28 Dec 09:00 (14 + 9 = 23; julafton, juldagen,
       annandagen and the weekend do not count) within one
    5. Mon 4 May 08:00 → Thu 7 May 09:00 (16 + 24 + 24 + 9 = 73) not within two
    6. unanswered
    7. answered only by an automatic kvitto: unanswered
    8. reopened: Tue 8 Sep 10:00, first answer 12:00 (2), reopened and answered again
       later; the first answer counts

    Hand results: 8 mails, 4 within one (0.5), 5 within two (0.625), 2 unanswered (0.25),
    mean (23 + 25 + 23 + 23 + 73 + 2) / 6 = 28.17 h, median (23 + 23) / 2 = 23 h.
    """
    fall = [
        epost(inkom="2026-03-13 15:00", svar="2026-03-16 14:00", kommun=kommun),
        epost(inkom="2026-03-13 09:00", svar="2026-03-16 10:00", kommun=kommun),
        epost(inkom="2026-04-02 12:00", svar="2026-04-07 11:00", kommun=kommun),
        epost(inkom="2026-12-23 10:00", svar="2026-12-28 09:00", kommun=kommun),
        epost(inkom="2026-05-04 08:00", svar="2026-05-07 09:00", kommun=kommun),
        epost(inkom="2026-06-01 10:00", svar=None, kommun=kommun),
    ]
    kvitto = epost(inkom="2026-06-02 10:00", svar=None, kommun=kommun)
    Meddelande.objects.create(
        arende=kvitto,
        riktning=Meddelande.Riktning.UT,
        kanal=Kanal.EPOST,
        text="Vi har tagit emot ditt meddelande.",
        metadata={"kvitto": True},
    )
    ateroppnat = epost(inkom="2026-09-08 10:00", svar="2026-09-08 12:00", kommun=kommun)
    Arende.objects.filter(pk=ateroppnat.pk).update(status="besvarad")
    ateroppnat.refresh_from_db()
    ateroppnat = services.arende_ateroppna(arende=ateroppnat, av=vagledare, orsak="Ny fråga")
    services.arende_svara(arende=ateroppnat, av=vagledare, text="Här kommer ett nytt svar.")
    return [*fall, kvitto, ateroppnat]

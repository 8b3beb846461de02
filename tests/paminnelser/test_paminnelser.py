"""SLA reminders from the beat task, seen in the app and by mail."""

from datetime import datetime, timedelta

import pytest
from django.core import mail

from arenden import kalender
from arenden import services as arende_services
from arenden.models import Arende, Status
from paminnelser import tasks
from paminnelser.models import Paminnelse
from tests.factories import ArendeFactory

# A Wednesday afternoon with working days on both sides, so the shares below are the same in
# working time and in clock time whatever day the tests run on.
ONSDAG = datetime(2026, 11, 18, 15, 0, tzinfo=kalender.TIDSZON)


@pytest.fixture
def kor_beat(django_capture_on_commit_callbacks):
    """Run the reminder task as beat would (at `nu`, default ONSDAG), with its mails sent."""

    def kor(nu: datetime = ONSDAG) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.paminnelser_skapa.apply(kwargs={"nu": nu.isoformat()}).get()

    return kor


def arende_med_tid(*, av, tilldelad, gatt: timedelta, kvar: timedelta, **kw) -> Arende:
    """An ärende assigned to `tilldelad` that came in `gatt` before ONSDAG, due `kvar` after."""
    arende = ArendeFactory(av=av, **kw)
    arende_services.arende_tilldela(arende=arende, av=av, till=tilldelad)
    nu = ONSDAG
    Arende.objects.filter(pk=arende.pk).update(inkom=nu - gatt, svar_senast=nu + kvar)
    arende.refresh_from_db()
    return arende


def test_75_procent_paminner_den_tilldelade_en_gang(client, vagledare, kor_beat):
    """At 75 % of the answer time the assignee gets one notice and one mail."""
    # given: 8 of 10 hours gone
    arende = arende_med_tid(
        av=vagledare, tilldelad=vagledare, gatt=timedelta(hours=8), kvar=timedelta(hours=2)
    )
    # when
    assert kor_beat() == 1
    assert kor_beat() == 0
    # then
    paminnelse = Paminnelse.objects.get()
    assert (paminnelse.mottagare, paminnelse.typ) == (vagledare, Paminnelse.Typ.SNART)
    assert len(mail.outbox) == 1
    assert arende.nummer in mail.outbox[0].subject
    assert mail.outbox[0].to == [vagledare.email]
    client.force_login(vagledare)
    html = client.get("/paminnelser/").content.decode()
    assert arende.nummer in html
    assert "75 % av svarstiden har gått" in html
    assert "Försenade ärenden" not in html


def test_fore_75_procent_inget(vagledare, kor_beat):
    """Half the answer time gone is no reason to remind anyone."""
    arende_med_tid(
        av=vagledare, tilldelad=vagledare, gatt=timedelta(hours=5), kvar=timedelta(hours=5)
    )
    assert kor_beat() == 0
    assert not mail.outbox


def test_bruten_svarstid_till_teamledaren_och_uppmaning_att_meddela(
    client, vagledare, teamledare, kor_beat
):
    """A breach notifies the teamledare, prompts the assignee (FL 11 §), lists the ärende."""
    arende = arende_med_tid(
        av=vagledare, tilldelad=vagledare, gatt=timedelta(days=2), kvar=-timedelta(hours=1)
    )
    assert kor_beat() == 2
    mottagare = set(
        Paminnelse.objects.filter(typ=Paminnelse.Typ.BRUTEN).values_list(
            "mottagare__username", flat=True
        )
    )
    assert mottagare == {"vagledare", "teamledare"}
    assert all("förvaltningslagen 11 §" in m.body for m in mail.outbox)
    client.force_login(teamledare)
    html = client.get("/paminnelser/").content.decode()
    assert "Försenade ärenden" in html
    assert html.count(f">{arende.nummer}</a>") == 2  # the notice, and the delayed list


def test_sekretessmarkerat_arende_rubrik_lamnar_inte_systemet(vagledare, kor_beat):
    """A mail about a sekretessmarkerat ärende carries its number, never its rubrik."""
    arende_med_tid(
        av=vagledare,
        tilldelad=vagledare,
        gatt=timedelta(hours=9),
        kvar=timedelta(hours=1),
        rubrik="Orosanmälan gällande barn",
        sekretess=True,
    )
    kor_beat()
    assert "Orosanmälan" not in mail.outbox[0].subject + mail.outbox[0].body


def test_parkerat_arende_paminns_inte(vagledare, kor_beat):
    """A parked ärende waits on purpose; the reminders resume when it comes back."""
    arende = arende_med_tid(
        av=vagledare, tilldelad=vagledare, gatt=timedelta(hours=9), kvar=timedelta(hours=1)
    )
    Arende.objects.filter(pk=arende.pk).update(status=Status.PARKERAD)
    assert kor_beat() == 0


def test_markera_lasta(client, vagledare, kor_beat):
    """Reading the notices marks them read."""
    arende_med_tid(
        av=vagledare, tilldelad=vagledare, gatt=timedelta(hours=9), kvar=timedelta(hours=1)
    )
    kor_beat()
    client.force_login(vagledare)
    assert client.post("/paminnelser/lasta/").status_code == 302
    assert not Paminnelse.objects.filter(last__isnull=True).exists()


def test_75_procent_raknas_i_arbetstid_over_helgen(vagledare, kor_beat):
    """An ärende in Friday 14:00 with one arbetsdag is reminded about Monday 08:00, not before.

    Its 24 working hours run Friday 14:00–24:00 and Monday 00:00–14:00; 75 % (18 hours) is
    reached Monday 08:00 local time. Counted in clock time it would have been Sunday night.
    """
    # given
    fredag = datetime(2026, 11, 20, 14, 0, tzinfo=kalender.TIDSZON)
    arende = ArendeFactory(av=vagledare)
    arende_services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)
    svar_senast = kalender.lagg_till_arbetsdagar(fredag, 1)
    assert svar_senast == datetime(2026, 11, 23, 14, 0, tzinfo=kalender.TIDSZON)
    Arende.objects.filter(pk=arende.pk).update(inkom=fredag, svar_senast=svar_senast)
    mandag = datetime(2026, 11, 23, 8, 0, tzinfo=kalender.TIDSZON)
    # when / then: nothing over the weekend or just before 08:00 on Monday
    for nu in (
        datetime(2026, 11, 21, 12, 0, tzinfo=kalender.TIDSZON),
        datetime(2026, 11, 22, 22, 0, tzinfo=kalender.TIDSZON),  # clock-time 75 %: Sun 20:00
        mandag - timedelta(minutes=1),
    ):
        assert kor_beat(nu) == 0, nu
    assert kor_beat(mandag) == 1
    assert Paminnelse.objects.get().typ == Paminnelse.Typ.SNART
    assert len(mail.outbox) == 1

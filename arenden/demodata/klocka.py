"""Time for the generator: whole seconds since the epoch, and an hour grid in Stockholm time.

Working on integers and caching per hour keeps a million ärenden cheap: the local date,
whether staff are at work, and the text PostgreSQL reads are worked out once per hour,
the SLA due time once per (day, arbetsdagar).
"""

import random
from datetime import UTC, date, datetime, time

from arenden import kalender
from arenden.kalender import TIDSZON

TIMME = 3600
DYGN = 86_400

# Staff work 08–17 on arbetsdagar; the växel and the reception are open 08.00–16.30.
ARBETSTID = range(8, 17)

# Relative volume per wall-clock hour, by channel. Phones and visits only while open;
# e-mail and e-tjänster around the clock, quietly at night; letters when the post is
# opened in the morning.
_TELEFON = {8: 1.6, 9: 1.5, 10: 1.3, 11: 1.0, 12: 0.6, 13: 1.1, 14: 1.0, 15: 0.8, 16: 0.3}
_BESOK = {8: 0.6, 9: 1.0, 10: 1.3, 11: 1.2, 12: 0.8, 13: 1.2, 14: 1.0, 15: 0.8, 16: 0.2}
_DIGITAL = dict.fromkeys(range(24), 0.05) | {
    6: 0.3, 7: 0.6, 8: 1.2, 9: 1.3, 10: 1.2, 11: 1.1, 12: 0.9, 13: 1.0, 14: 1.0, 15: 1.0,
    16: 0.9, 17: 0.6, 18: 0.5, 19: 0.6, 20: 0.6, 21: 0.5, 22: 0.3, 23: 0.15,
}  # fmt: skip
_BREV = {8: 0.5, 9: 1.5, 10: 1.2, 11: 0.6, 13: 0.3, 14: 0.2}
TIMPROFIL = {"telefon": _TELEFON, "besok": _BESOK, "epost": _DIGITAL, "etjanst": _DIGITAL,
             "brev": _BREV}  # fmt: skip
# Monday carries the weekend: more calls, more post, a full inbox.
VECKODAGSFAKTOR = (1.35, 1.1, 1.0, 0.95, 0.8, 0.3, 0.3)


class Klocka:
    """The hours from `dagar` days ago up to `nu`, with cached facts about each hour."""

    def __init__(self, *, nu: int, dagar: int):
        self.nu = nu
        self.forsta_timme = (nu - dagar * DYGN) // TIMME
        self.sista_timme = nu // TIMME  # exclusive: nothing comes in after the last full hour
        self._timmar: dict[int, tuple[date, int, bool, bool]] = {}
        self._oppnar: dict[int, int] = {}
        self._text: dict[int, str] = {}
        self._svar: dict[tuple[date, int], int] = {}

    def timme(self, h: int) -> tuple[date, int, bool, bool]:
        """Return (local date, wall-clock hour, staff at work, arbetsdag) for hour h."""
        info = self._timmar.get(h)
        if info is None:
            lokal = datetime.fromtimestamp(h * TIMME, TIDSZON)
            arbetsdag = kalender.ar_arbetsdag(lokal.date())
            info = (lokal.date(), lokal.hour, arbetsdag and lokal.hour in ARBETSTID, arbetsdag)
            self._timmar[h] = info
        return info

    def ar(self, t: int) -> int:
        return self.timme(t // TIMME)[0].year

    def text(self, t: int | None) -> str | None:
        """Return t as a UTC timestamp PostgreSQL reads in COPY."""
        if t is None:
            return None
        h, rest = divmod(t, TIMME)
        prefix = self._text.get(h)
        if prefix is None:
            prefix = self._text[h] = datetime.fromtimestamp(h * TIMME, UTC).strftime("%Y-%m-%d %H")
        return f"{prefix}:{rest // 60:02d}:{rest % 60:02d}+00"

    def snappa(self, t: int, rng: random.Random) -> int:
        """Move t forward into working hours: staff act only while at work."""
        h = t // TIMME
        if self.timme(h)[2]:
            return t
        oppnar = self._oppnar.get(h)
        if oppnar is None:
            oppnar = h + 1
            while not self.timme(oppnar)[2]:
                oppnar += 1
            self._oppnar[h] = oppnar
        return oppnar * TIMME + rng.randrange(45 * 60)

    def svar_senast(self, t: int, sla: int) -> int:
        """Return kalender.lagg_till_arbetsdagar(t, sla) without running the calendar per row.

        On an arbetsdag the due time is the same wall-clock time `sla` arbetsdagar later, so
        one calendar call per (day, sla) gives the due day; working days are weekdays and
        DST changes on Sundays, so local midnight + wall-clock seconds is exact. Closed days
        and exact midnight take the calendar's own path.
        """
        h, rest = divmod(t, TIMME)
        dag, vaggtimme, _, arbetsdag = self.timme(h)
        sekunder = vaggtimme * TIMME + rest
        if arbetsdag and sekunder:
            midnatt = self._svar.get((dag, sla))
            if midnatt is None:
                forfaller = kalender.lagg_till_arbetsdagar(
                    datetime.combine(dag, time(12), TIDSZON), sla
                )
                midnatt = int(datetime.combine(forfaller.date(), time(), TIDSZON).timestamp())
                self._svar[(dag, sla)] = midnatt
            return midnatt + sekunder
        return int(
            kalender.lagg_till_arbetsdagar(datetime.fromtimestamp(t, TIDSZON), sla).timestamp()
        )

    def inkomstvikter(self, kanal: str) -> tuple[list[int], list[float]]:
        """Return the hours ärenden can come in on and their cumulative weights for a channel."""
        profil = TIMPROFIL[kanal]
        timmar, kumulativ, summa = [], [], 0.0
        for h in range(self.forsta_timme, self.sista_timme):
            dag, vaggtimme, _, arbetsdag = self.timme(h)
            vikt = profil.get(vaggtimme, 0.0) * VECKODAGSFAKTOR[dag.weekday()]
            if not arbetsdag and kanal not in ("epost", "etjanst"):
                vikt = 0.0  # closed: nobody answers the phone, opens the post or the door
            elif not arbetsdag and dag.weekday() < 5:
                vikt *= 0.3  # a public holiday on a weekday is as quiet as a Sunday
            if vikt:
                summa += vikt
                timmar.append(h)
                kumulativ.append(summa)
        return timmar, kumulativ

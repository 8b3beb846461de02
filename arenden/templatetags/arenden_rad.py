"""The work queue's row, rendered in Python.

Every queue page shows fifty rows, and "Visa fler", the polling, the bulk actions, the
person search and an action in the split screen render the same row. As a template it
cost a third of a millisecond a row (some thirty variable lookups, filters and
translations each), which made it the largest single cost of the queue page; here it is
a few f-strings a row with every value escaped, and the translated words looked up once
per page.

    {% load arenden_rad %}
    {% ko_rader sida.rader oppen_nummer=arende.nummer %}   the rows of a list
    {% ko_rad arende oob=True %}                          one row

The flags: `oob` makes the row an htmx out-of-band swap of the row with its id, `ny`
marks it as arrived since the page was loaded, `utan_val` leaves out the checkbox of the
bulk actions (the person search), `oppen_nummer` is the ärende open beside the queue.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from arenden import behorighet
from arenden.models import Arende, Kanal, Status

register = template.Library()


def e(varde) -> str:
    """Escape a value for HTML text or a quoted attribute, as Django's autoescape does."""
    return escape(str(varde), quote=True)


_PLATS = "NUMMER"


@dataclass(frozen=True)
class _Ord:
    """The row's translated words and labels, looked up (and escaped) once per page."""

    sekretess: str
    ny: str
    ingen: str
    forsenad: str
    kanaler: dict[str, str]
    statusar: dict[str, str]
    # The ärende page's URL with a placeholder: one reverse() a page, not one a row.
    url_mall: str

    @classmethod
    def nu(cls) -> "_Ord":
        return cls(
            sekretess=e(_("Sekretess")),
            ny=e(_("Ny")),
            ingen=e(_("Ingen")),
            forsenad=e(_("Försenad")),
            kanaler={k: e(v) for k, v in Kanal.choices},
            statusar={k: e(v) for k, v in Status.choices},
            url_mall=reverse("arenden:arende", args=[_PLATS]),
        )

    def url(self, nummer: str) -> str:
        return self.url_mall.replace(_PLATS, quote(nummer, safe=""))


def _tid(varde) -> str:
    """Return a <time> element in the local time zone, as the date filter would show it."""
    lokal = timezone.localtime(varde)
    return f'<time datetime="{lokal.isoformat()}">{lokal:%Y-%m-%d %H:%M}</time>'


def _rad(
    a: Arende,
    ord: _Ord,
    *,
    oob: bool = False,
    ny: bool = False,
    utan_val: bool = False,
    oppen_nummer: str | None = None,
) -> str:
    """Return one row's HTML; every value from the database goes through escape()."""
    nummer = e(a.nummer)
    url = e(ord.url(a.nummer))
    forsenat = a.ar_forsenat
    delar = [
        f'<tr id="rad-{nummer}"',
        ' class="forsenad"' if forsenat else "",
        ' hx-swap-oob="true"' if oob else "",
        ">",
    ]
    if not utan_val:
        markera = e(_("Markera %(nummer)s") % {"nummer": a.nummer})
        delar.append(
            f'<td class="valj"><input type="checkbox" name="valda" value="{nummer}" '
            f'form="massatgard" aria-label="{markera}"></td>'
        )
    oppen = ' aria-current="true"' if oppen_nummer and a.nummer == oppen_nummer else ""
    delar.append(
        f'<td class="nummer"><a href="{url}" hx-get="{url}" hx-target="#arendepanel" '
        f'class="oppna"{oppen}>{nummer}</a>'
    )
    if a.sekretess:
        delar.append(f' <span class="etikett">{ord.sekretess}</span>')
    if ny:
        delar.append(f' <span class="etikett ny">{ord.ny}</span>')
    delar.append(f"</td><td>{e(behorighet.listrad_rubrik(a))}")
    if kontakt := behorighet.listrad_kontakt(a):
        delar.append(f'<br><span class="dampad">{e(kontakt)}</span>')
    status = e(a.status)
    delar.append(
        f"</td><td>{ord.kanaler.get(a.kanal) or e(a.kanal)}</td>"
        f'<td><span class="status status-{status}">{ord.statusar.get(a.status) or status}'
        f"</span></td><td>{e(a.rosa or '–')}</td>"
        f"<td>{e((a.kategori.namn if a.kategori_id else '') or '–')}"
    )
    if a.forvaltning_id:
        delar.append(f'<br><span class="dampad">{e(a.forvaltning.namn)}</span>')
    delar.append("</td><td>")
    if a.tilldelad_id:
        delar.append(e(a.tilldelad.get_full_name() or a.tilldelad.username))
    else:
        delar.append(f'<span class="dampad">{ord.ingen}</span>')
    delar.append(f"</td><td>{_tid(a.inkom)}</td><td>")
    if a.svar_senast:
        delar.append(_tid(a.svar_senast))
    if forsenat:
        delar.append(f' <strong class="varning">{ord.forsenad}</strong>')
    delar.append("</td></tr>\n")
    return "".join(delar)


@register.simple_tag
def ko_rader(rader, **flaggor) -> SafeString:
    """Render the rows of a list of ärenden (see the module's docstring for the flags)."""
    ord = _Ord.nu()
    return mark_safe("".join(_rad(a, ord, **flaggor) for a in rader))


@register.simple_tag
def ko_rad(arende, **flaggor) -> SafeString:
    """Render one ärende's row."""
    return mark_safe(_rad(arende, _Ord.nu(), **flaggor))

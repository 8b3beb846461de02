"""Read admin pages as a browser would: the page's text, and its form as the browser would
post it, so that a test changes only the fields it names and posts the rest (inline
management forms included) as they stand."""

from html import unescape
from html.parser import HTMLParser


def sidans_html(svar) -> str:
    """Return the page's text, entities resolved; the page must have been shown (200)."""
    assert svar.status_code == 200, svar.content[:300]
    return unescape(svar.content.decode())


class _Formular(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def _lagg_till(self, namn: str, varde: str) -> None:
        self.data.setdefault(namn, []).append(varde)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        namn = a.get("name")
        if tag == "input" and namn:
            typ = a.get("type", "text")
            if typ in ("submit", "button", "file"):
                return
            if typ in ("checkbox", "radio") and "checked" not in a:
                return
            self._lagg_till(namn, a.get("value") or ("on" if typ == "checkbox" else ""))
        elif tag == "select" and namn:
            self._select = namn
            self.data.setdefault(namn, [])
        elif tag == "option" and self._select and "selected" in a:
            self._lagg_till(self._select, a.get("value", ""))
        elif tag == "textarea" and namn:
            self._textarea = namn
            self._lagg_till(namn, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # The first newline after <textarea> is markup, not content.
            varden = self.data[self._textarea]
            varden[-1] = varden[-1].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def formularets_data(html: str, **andrat) -> dict:
    """Return what the page's form posts, with the fields in `andrat` set instead (a list for
    a multiple choice); the CSRF token is left out, as the test client needs none."""
    lasare = _Formular()
    lasare.feed(html)
    data = {
        namn: varden if len(varden) != 1 else varden[0]
        for namn, varden in lasare.data.items()
        if namn != "csrfmiddlewaretoken"
    }
    return {**data, "_save": "Spara", **andrat}

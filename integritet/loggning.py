"""Keep personnummer out of every log: a filter installed on every handler.

`kontaktcenter/settings.py` puts `MaskeraPersonnummer` on each handler in LOGGING (and
replaces Django's own handlers with filtered ones); `kontaktcenter/celery.py` adds it to
the handlers Celery's worker sets up. The filter rewrites the record's message, its
formatted exception and stack: a personnummer in a URL, an error message
("Personnumret 19811218-1234 är inte giltigt") or a traceback's locals comes out as
`[personnummer]`. Error reports (the mail to ADMINS, the DEBUG page) are whole documents
with request data and a traceback's local variables; `Felrapport` masks them whole
(settings.DEFAULT_EXCEPTION_REPORTER).
"""

import logging

from django.views.debug import ExceptionReporter

from arenden.kontaktuppgifter import maskera_personnummer


class MaskeraPersonnummer(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            meddelande = record.getMessage()
        except Exception:  # a broken format string is the handler's to report
            return True
        maskerat = maskera_personnummer(meddelande)
        if maskerat != meddelande or record.args:
            record.msg, record.args = maskerat, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = maskera_personnummer(record.exc_text)
        if record.stack_info:
            record.stack_info = maskera_personnummer(record.stack_info)
        return True


def installera(handler: logging.Handler) -> None:
    """Add the filter to a handler made outside LOGGING (Celery's), once."""
    if not any(isinstance(f, MaskeraPersonnummer) for f in handler.filters):
        handler.addFilter(MaskeraPersonnummer())


class Felrapport(ExceptionReporter):
    """An error report with every personnummer-shaped string masked, text and HTML alike."""

    def get_traceback_text(self):
        return maskera_personnummer(super().get_traceback_text())

    def get_traceback_html(self):
        return maskera_personnummer(super().get_traceback_html())

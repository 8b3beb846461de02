"""Errors of the e-post channel, each with a stable code."""

from kontaktcenter.errors import ApplicationError


class EpostkontoFel(ApplicationError):
    """The mailbox cannot be read: wrong password variable, server down, folder missing."""

    code = "epostkonto_fel"
    http_status = 502


class SmtpFel(ApplicationError):
    """The SMTP server did not accept a mail; the send is retried."""

    code = "smtp_fel"
    http_status = 502


class InkommetFel(ApplicationError):
    """A fetched mail cannot be attached or discarded as asked."""

    code = "inkommet_fel"

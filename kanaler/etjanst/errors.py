"""Errors of the e-tjänst channel, each with a stable code."""

from arenden import errors as arenden_errors
from kontaktcenter.errors import ApplicationError


class OgiltigInlamning(ApplicationError):
    """A submission's body is malformed XML or JSON, or lacks what an ärende needs."""

    code = "ogiltig_inlamning"


class OgiltigBilaga(arenden_errors.OgiltigBilaga):
    """One attachment too many (each file itself is checked by arenden.bilagor)."""


class SkrapPost(ApplicationError):
    """The public form looks filled in by a machine (honeypot or too fast)."""

    code = "skrappost"


class ForManga(ApplicationError):
    """Too many public posts from one address within the hour."""

    code = "for_manga_inskick"
    http_status = 429

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


class OepFel(ApplicationError):
    """Open ePlatform could not be reached or refused a call."""

    code = "oep_fel"
    http_status = 502


class OepTillfalligt(OepFel):
    """A network error, a timeout, a server error or a refused login: worth trying again."""

    code = "oep_tillfalligt"


class OepAvvisad(OepFel):
    """Open ePlatform refused the call's content (unknown instance or status): no retry helps."""

    code = "oep_avvisad"

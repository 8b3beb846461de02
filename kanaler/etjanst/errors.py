"""Errors of the e-tjänst channel, each with a stable code."""

from kontaktcenter.errors import ApplicationError


class OgiltigInlamning(ApplicationError):
    """A submission's body is malformed XML or JSON, or lacks what an ärende needs."""

    code = "ogiltig_inlamning"


class OgiltigBilaga(ApplicationError):
    """An attachment is empty, too large, of a refused type, or one too many."""

    code = "ogiltig_bilaga"


class SkrapPost(ApplicationError):
    """The public form looks filled in by a machine (honeypot or too fast)."""

    code = "skrappost"


class ForManga(ApplicationError):
    """Too many public posts from one address within the hour."""

    code = "for_manga_inskick"
    http_status = 429

"""Errors the ärende services and access module raise, each with a stable code."""

from kontaktcenter.errors import ApplicationError, Konflikt


class ArendeSaknas(ApplicationError):
    code = "arende_saknas"
    http_status = 404


class BehorighetSaknas(ApplicationError):
    code = "behorighet_saknas"
    http_status = 403


class ArendeInaktuellt(Konflikt):
    """Someone else changed the ärende after the caller read it."""

    code = "arende_inaktuellt"


class ArendeRedanTilldelat(Konflikt):
    code = "arende_redan_tilldelat"


class OgiltigStatus(Konflikt):
    """The action does not fit the ärende's current status."""

    code = "ogiltig_status"


class OgiltigUppgift(ApplicationError):
    """An input value breaks a domain rule (not a format error; forms catch those)."""

    code = "ogiltig_uppgift"


class OgiltigBilaga(ApplicationError):
    """A file is empty, too large, of a type not taken, or not what its name says."""

    code = "ogiltig_bilaga"

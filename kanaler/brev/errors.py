"""Errors of the brev channel, each with a stable code."""

from kontaktcenter.errors import ApplicationError, Konflikt


class OgiltigSkanning(ApplicationError):
    """The uploaded file is no PDF, is empty or is too large."""

    code = "ogiltig_skanning"


class SkanningRedanRegistrerad(Konflikt):
    """The very same scan (same sha256) is already attached to a letter's ärende."""

    code = "skanning_redan_registrerad"

"""Errors the kunskapsbank services raise, each with a stable code."""

from kontaktcenter.errors import ApplicationError, Konflikt


class ArtikelSaknas(ApplicationError):
    code = "artikel_saknas"
    http_status = 404


class ArtikelBehorighetSaknas(ApplicationError):
    code = "artikel_behorighet_saknas"
    http_status = 403


class OgiltigArtikelStatus(Konflikt):
    """The status change is not one the article's lifecycle allows."""

    code = "ogiltig_artikelstatus"


class ArtikelInaktuell(Konflikt):
    """Someone else changed the article after the caller read it."""

    code = "artikel_inaktuell"


class OgiltigArtikel(ApplicationError):
    code = "ogiltig_artikel"


class ImportFel(ApplicationError):
    code = "import_fel"

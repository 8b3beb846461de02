from django.utils.translation import gettext_lazy as _

from kontaktcenter.errors import ApplicationError, Konflikt


class EnkatRedanBesvarad(Konflikt):
    code = "enkat_redan_besvarad"


class OgiltigtBetyg(ApplicationError):
    code = "enkat_ogiltigt_betyg"


REDAN_BESVARAD = _("Enkäten är redan besvarad. Tack för dina svar!")

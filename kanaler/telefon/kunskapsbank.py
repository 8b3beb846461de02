"""The adapter to the kunskapsbank: record the article a solved call was answered with."""

from django.utils.translation import gettext as _

from arenden.errors import OgiltigUppgift


def artikel_anvand(*, artikel_id: int, arende, av) -> None:
    from kunskapsbank import services
    from kunskapsbank.models import Kunskapsartikel

    artikel = Kunskapsartikel.objects.filter(pk=artikel_id).first()
    if artikel is None:
        raise OgiltigUppgift(
            _("Kunskapsartikel %(id)s finns inte.") % {"id": artikel_id},
            code="kunskapsartikel_saknas",
            extra={"falt": "kunskapsartikel"},
        )
    services.artikel_anvand(artikel=artikel, arende=arende, av=av)

from django import template

from servicematning.models import Enkat
from servicematning.services import enkat_lank

register = template.Library()


@register.inclusion_tag("servicematning/partials/enkatlank.html", takes_context=True)
def enkatlank(context, arende) -> dict:
    """The staff ärende page's survey box: the link if created, else a button to create it."""
    try:
        # The ärende page fetches it with the ärende (select_related); elsewhere one query.
        enkat = arende.enkat
    except Enkat.DoesNotExist:
        enkat = None
    request = context.get("request")
    lank = enkat_lank(enkat=enkat) if enkat else None
    return {
        "arende": arende,
        "enkat": enkat,
        "lank": request.build_absolute_uri(lank) if lank and request else lank,
        "csrf_token": context.get("csrf_token"),
    }

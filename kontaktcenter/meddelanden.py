"""Django messages for htmx answers: a fragment carries them to the page's live region.

A full page shows its messages in base.html's #meddelanden (role=status). An htmx
fragment never re-renders that region, so a confirmation ("Du har tagit ärendet.") or a
warning would wait until the next full page. This middleware appends the pending messages
to an HTML fragment as an out-of-band swap of the region's content; replacing the content,
not the element, is what makes screen readers announce it. The pattern is the one in
django-htmx's docs (tips: "Django messages").
"""

from django.contrib.messages import get_messages
from django.template.loader import render_to_string

# Answers that htmx does not swap, or that navigate away: the messages wait for the next page.
_NAVIGERAR = ("HX-Redirect", "HX-Location", "HX-Refresh")


class HtmxMeddelandenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        svar = self.get_response(request)
        htmx = getattr(request, "htmx", None)
        if (
            not htmx
            or htmx.history_restore_request
            or svar.streaming
            or svar.status_code in (204, 304)
            or 300 <= svar.status_code < 400
            or any(h in svar for h in _NAVIGERAR)
            or not svar.get("Content-Type", "").startswith("text/html")
            or b'id="meddelanden"' in svar.content
        ):
            return svar
        meddelanden = list(get_messages(request))
        if not meddelanden:
            return svar
        svar.content += render_to_string(
            "_meddelanden_oob.html", {"meddelanden": meddelanden}, request=request
        ).encode()
        return svar

"""Views of the project shell that belong to no domain app."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def halsa(request):
    """Answer the load balancer: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "fel", "databas": False}, status=503)
    return JsonResponse({"status": "ok", "databas": True})

"""Reads of API keys."""

from django.db.models import QuerySet

from inloggning.models import ApiNyckel


def api_nyckel_lista() -> QuerySet[ApiNyckel]:
    """Every key, newest first, with its service user (for `skapa_token --lista` and admin)."""
    return ApiNyckel.objects.select_related("anvandare").order_by("-skapad", "-id")


def api_nyckel_for_prefix(*, prefix: str) -> ApiNyckel | None:
    return ApiNyckel.objects.select_related("anvandare").filter(prefix=prefix).first()

"""The logged-in staff member, read once per request with what every page asks of him.

Django's backends fetch the user by the session's id on each request; the first page
then asks for his roles (auth_group) and his Medarbetare row (kommun, förvaltning), two
more queries on every request. Here the user comes with both, in one query: the
Medarbetare by a join, the role group names aggregated into an array.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from arenden import behorighet


def personal_hamta(user_id):
    """Return the user with his Medarbetare and roles loaded, or None."""
    modell = get_user_model()
    user = (
        modell._default_manager.select_related("medarbetare")
        .annotate(
            _kc_grupper=ArrayAgg(
                "groups__name",
                filter=Q(groups__name__in=behorighet.Roll.ALLA),
                default=[],
            )
        )
        .filter(pk=user_id)
        .first()
    )
    if user is not None:
        behorighet.roller_satt(user, user._kc_grupper)
    return user


class LosenordBackend(ModelBackend):
    """Django's ModelBackend (username and password), with the one-query user lookup."""

    def get_user(self, user_id):
        user = personal_hamta(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

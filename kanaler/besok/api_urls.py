"""API URLs of the besök channel under /api/v1/kanaler/besok/."""

from django.urls import path

from kanaler.besok import api

app_name = "besok_api"

urlpatterns = [path("arenden/", api.BesokRegistreraApi.as_view(), name="arenden")]

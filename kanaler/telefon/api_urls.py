"""API URLs of the telefon channel under /api/v1/kanaler/telefon/."""

from django.urls import path

from kanaler.telefon import api

app_name = "telefon_api"

urlpatterns = [
    path("samtal/", api.SamtalshandelseApi.as_view(), name="samtal"),
    path("arenden/", api.SamtalRegistreraApi.as_view(), name="arenden"),
]

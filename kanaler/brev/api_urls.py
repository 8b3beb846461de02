"""API URLs of the brev channel under /api/v1/kanaler/brev/."""

from django.urls import path

from kanaler.brev import api

app_name = "brev_api"

urlpatterns = [path("arenden/", api.BrevRegistreraApi.as_view(), name="arenden")]

"""API URLs of the e-tjänst channel under /api/v1/kanaler/etjanst/."""

from django.urls import path

from kanaler.etjanst import api

app_name = "etjanst_api"

urlpatterns = [path("inlamning/", api.InlamningApi.as_view(), name="inlamning")]

"""UI URLs of the e-post channel."""

from django.urls import path

from kanaler.epost import views

app_name = "epost"

urlpatterns = [
    path("triage/", views.triage, name="triage"),
    path("triage/<int:pk>/", views.triage_hantera, name="triage_hantera"),
    path("utskick/<int:pk>/forsok-igen/", views.utskick_forsok_igen, name="forsok_igen"),
]

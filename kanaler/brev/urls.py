"""UI URLs of the brev channel."""

from django.urls import path

from kanaler.brev import views

app_name = "brev"

urlpatterns = [
    path("", views.registrera, name="registrera"),
    path("skanning/<int:pk>/", views.skanning, name="skanning"),
]

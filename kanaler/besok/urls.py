"""UI URLs of the besök channel."""

from django.urls import path

from kanaler.besok import views

app_name = "besok"

urlpatterns = [
    path("", views.registrera, name="registrera"),
    path("forslag/", views.forslag, name="forslag"),
]

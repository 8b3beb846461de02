"""UI URLs of the telefon channel."""

from django.urls import path

from kanaler.telefon import views

app_name = "telefon"

urlpatterns = [
    path("", views.registrera, name="registrera"),
    path("forslag/", views.forslag, name="forslag"),
]

"""UI URLs for personal data, administratörer only. No URL ever carries a personnummer."""

from django.urls import path

from integritet import views

app_name = "integritet"

urlpatterns = [
    path("logg/", views.logg, name="logg"),
    path("registerutdrag/", views.registerutdrag, name="registerutdrag"),
    path("kontakter/<int:pk>/", views.kontakt, name="kontakt"),
    path("kontakter/<int:pk>/ratta/", views.kontakt_ratta, name="ratta"),
    path("kontakter/<int:pk>/radera/", views.kontakt_radera, name="radera"),
]

"""Public URLs of the e-tjänst channel (no login), and the staff's revocation action."""

from django.urls import path

from kanaler.etjanst import views

app_name = "etjanst"

urlpatterns = [
    path("kontakta-oss/", views.kontakta_oss, name="kontakta_oss"),
    path("arende/<str:token>/", views.status, name="status"),
    path(
        "arenden/<str:nummer>/statuslank/aterkalla/",
        views.statuslank_aterkalla,
        name="statuslank_aterkalla",
    ),
]

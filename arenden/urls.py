"""UI URLs of the ärende workspace."""

from django.urls import path

from arenden import views
from arenden.statistik import views as statistik

app_name = "arenden"

urlpatterns = [
    path("", views.ko, name="ko"),
    path("arenden/nytt/", views.nytt_arende, name="nytt"),
    path("statistik/", statistik.statistik, name="statistik"),
    path(
        "statistik/export.<str:format>",
        statistik.statistik_export,
        name="statistik_export",
    ),
    path("bilagor/<int:pk>/", views.bilaga, name="bilaga"),
    path("arenden/<str:nummer>/", views.arende, name="arende"),
    path("arenden/<str:nummer>/<str:atgard>/", views.atgard, name="atgard"),
]

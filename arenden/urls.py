"""UI URLs of the ärende workspace."""

from django.urls import path

from arenden import views, vyer_svarsmallar
from arenden.statistik import views as statistik

app_name = "arenden"

urlpatterns = [
    path("", views.ko, name="ko"),
    path("ko/nya/", views.ko_nya, name="ko_nya"),
    path("ko/massatgard/", views.massatgard, name="massatgard"),
    path("arenden/nytt/", views.nytt_arende, name="nytt"),
    path("sok/person/", views.sok_person, name="sok_person"),
    path("svarsmallar/", vyer_svarsmallar.lista, name="svarsmallar"),
    path("svarsmallar/ny/", vyer_svarsmallar.redigera, name="svarsmall_ny"),
    path("svarsmallar/<int:mall_id>/", vyer_svarsmallar.redigera, name="svarsmall"),
    path("statistik/", statistik.statistik, name="statistik"),
    path(
        "statistik/export.<str:format>",
        statistik.statistik_export,
        name="statistik_export",
    ),
    path("bilagor/<int:pk>/", views.bilaga, name="bilaga"),
    path("arenden/<str:nummer>/", views.arende, name="arende"),
    path("arenden/<str:nummer>/svarsmallar/", views.svarsmall_val, name="svarsmall_val"),
    path("arenden/<str:nummer>/<str:atgard>/", views.atgard, name="atgard"),
]

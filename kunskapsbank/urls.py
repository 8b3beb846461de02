"""UI URLs of the kunskapsbank, and the public FAQ at /fragor/."""

from django.urls import path

from kunskapsbank import redigering, views

app_name = "kunskapsbank"

urlpatterns = [
    path("kunskapsbank/forslag/", views.forslag, name="forslag"),
    path("kunskapsbank/artiklar/<int:artikel_id>/anvand/", views.anvand, name="anvand"),
    path("kunskapsbank/forsla/<str:nummer>/", views.forsla, name="forsla"),
    path("kunskapsbank/granska/", views.granska, name="granska"),
    path("kunskapsbank/artiklar/", redigering.artiklar, name="artiklar"),
    path("kunskapsbank/artiklar/ny/", redigering.ny, name="ny"),
    path("kunskapsbank/artiklar/<int:artikel_id>/", redigering.artikel, name="artikel"),
    path("kunskapsbank/artiklar/<int:artikel_id>/status/", redigering.byt_status, name="status"),
    path(
        "kunskapsbank/artiklar/<int:artikel_id>/versioner/",
        redigering.versioner,
        name="versioner",
    ),
    path("kunskapsbank/luckor/", views.luckor, name="luckor"),
    path("fragor/", views.fragor, name="fragor"),
    path("fragor/<int:artikel_id>/", views.fraga, name="fraga"),
]

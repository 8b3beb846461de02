"""URLs of the ärende API under /api/v1/."""

from django.urls import path

from arenden import api
from arenden.statistik.api import StatistikApi

app_name = "api"

urlpatterns = [
    path("arenden/", api.ArendeListaApi.as_view(), name="arenden"),
    path("arenden/<str:nummer>/", api.ArendeDetaljApi.as_view(), name="arende"),
    *(
        path(f"arenden/<str:nummer>/{namn.replace('_', '-')}/", vy.as_view(), name=namn)
        for namn, vy in api.ATGARD_VYER.items()
    ),
    path("forvaltningar/", api.ForvaltningListaApi.as_view(), name="forvaltningar"),
    path("kategorier/", api.KategoriListaApi.as_view(), name="kategorier"),
    path("statistik/", StatistikApi.as_view(), name="statistik"),
]

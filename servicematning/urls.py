from django.urls import path

from servicematning import views

app_name = "servicematning"
urlpatterns = [
    path("enkat/<str:token>/", views.enkat, name="enkat"),
    path("enkat-skapa/<str:nummer>/", views.skapa, name="skapa"),
]

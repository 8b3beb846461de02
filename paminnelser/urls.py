from django.urls import path

from paminnelser import views

app_name = "paminnelser"

urlpatterns = [
    path("", views.paminnelser, name="lista"),
    path("lasta/", views.markera_lasta, name="lasta"),
]

from django.urls import path

from platina_bridge import views

app_name = "platina"

urlpatterns = [
    path("", views.registreringar, name="registreringar"),
    path("<int:pk>/forsok-igen/", views.forsok_igen, name="forsok_igen"),
    path("<int:pk>/manuellt/", views.markera_manuellt, name="markera_manuellt"),
]

"""UI URLs of the ärende workspace."""

from django.urls import path

from arenden import views

app_name = "arenden"

urlpatterns = [
    path("", views.ko, name="ko"),
    path("arenden/nytt/", views.nytt_arende, name="nytt"),
    path("arenden/<str:nummer>/", views.arende, name="arende"),
    path("arenden/<str:nummer>/<str:atgard>/", views.atgard, name="atgard"),
]

"""URLs of the kunskapsbank API under /api/v1/kunskapsbank/."""

from django.urls import path

from kunskapsbank import api

app_name = "kunskapsbank_api"

urlpatterns = [
    path("sok/", api.SokApi.as_view(), name="sok"),
    path("artiklar/", api.ArtikelListaApi.as_view(), name="artiklar"),
    path("artiklar/<int:artikel_id>/", api.ArtikelDetaljApi.as_view(), name="artikel"),
    path("artiklar/<int:artikel_id>/status/", api.ArtikelStatusApi.as_view(), name="status"),
    path(
        "artiklar/<int:artikel_id>/versioner/", api.ArtikelVersionerApi.as_view(), name="versioner"
    ),
    path("artiklar/<int:artikel_id>/anvand/", api.ArtikelAnvandApi.as_view(), name="anvand"),
    path("forslag/", api.ForslagApi.as_view(), name="forslag"),
    path("granska/", api.GranskaApi.as_view(), name="granska"),
    path("luckor/", api.LuckorApi.as_view(), name="luckor"),
    path("export/", api.ExportApi.as_view(), name="export"),
    path("import/", api.ImportApi.as_view(), name="import"),
]

"""Root URLs: the UI, the API under /api/v1/, the schema and its documentation pages."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from inloggning import konfiguration as inloggning_konfiguration
from inloggning.views import Inloggning
from kontaktcenter import views

# Swagger UI and Redoc (vendored, drf-spectacular-sidecar) style their widgets with inline
# styles, and Redoc searches in a worker started from a blob: URL. Scripts stay 'self' only:
# the split Swagger view serves its start-up script as a separate file instead of inline.
dokumentation_csp = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    path("", include("arenden.urls")),
    path("", include("kunskapsbank.urls")),
    path("epost/", include("kanaler.epost.urls")),
    path("telefon/", include("kanaler.telefon.urls")),
    path("besok/", include("kanaler.besok.urls")),
    path("brev/", include("kanaler.brev.urls")),
    # Public, no login: the contact form and the citizen's status page (kanaler/etjanst).
    path("", include("kanaler.etjanst.urls")),
    path("platina/", include("platina_bridge.urls")),
    path("paminnelser/", include("paminnelser.urls")),
    path("integritet/", include("integritet.urls")),
    path("", include("servicematning.urls")),
    path("logga-in/", Inloggning.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("halsa/", views.halsa, name="halsa"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("arenden.api_urls")),
    path("api/v1/kunskapsbank/", include("kunskapsbank.api_urls")),
    path("api/v1/kanaler/telefon/", include("kanaler.telefon.api_urls")),
    path("api/v1/kanaler/besok/", include("kanaler.besok.api_urls")),
    path("api/v1/kanaler/brev/", include("kanaler.brev.api_urls")),
    path("api/v1/kanaler/etjanst/", include("kanaler.etjanst.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        dokumentation_csp(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        dokumentation_csp(SpectacularRedocView.as_view(url_name="schema")),
        name="api-redoc",
    ),
]

if inloggning_konfiguration.sso_aktiv():
    # The kommun's OpenID provider (inloggning/sso.py): /oidc/authenticate/ and /oidc/callback/.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

"""The channels' API endpoints are part of the documented OpenAPI schema."""

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_kanalernas_api_i_schemat(api_client):
    """/api/schema/ is valid and documents the telefon, besök and brev endpoints."""
    schema = api_client().get("/api/schema/", {"format": "json"}).json()

    validate_schema(schema)
    assert {
        "/api/v1/kanaler/telefon/samtal/",
        "/api/v1/kanaler/telefon/arenden/",
        "/api/v1/kanaler/besok/arenden/",
        "/api/v1/kanaler/brev/arenden/",
    } <= set(schema["paths"])
    brev = schema["paths"]["/api/v1/kanaler/brev/arenden/"]["post"]
    assert "multipart/form-data" in brev["requestBody"]["content"]

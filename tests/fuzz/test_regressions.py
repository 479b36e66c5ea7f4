"""The 5xx the fuzzer found, each with the exact input that caused it: plain tests, so that
they run whatever hypothesis draws next time."""

import pytest
from django.urls import Resolver404, resolve

from ess_portal.urls import serve_media
from tests.pages import page_text

pytestmark = pytest.mark.django_db

FUNDING_FILTERED = ["/poles/", "/financements/"]
FUNDING_EXPORTS = [
    "/poles/export.csv",
    "/poles/export.xlsx",
    "/financements/export.csv",
    "/financements/export.xlsx",
]


@pytest.mark.parametrize("url", FUNDING_FILTERED + FUNDING_EXPORTS)
@pytest.mark.parametrize("query", ["amount_min=1e-999999", "amount_max=0E-16384"])
def test_an_amount_no_column_can_hold_is_a_french_400(client, url, query):
    """Found on PostgreSQL: `/poles/?amount_max=0E-16384` (hypothesis's shrunk example) and
    `?amount_min=1e-999999` were a 500 (« value overflows numeric format »). The list (and
    its export) now shows the form with its error."""
    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert "Indiquez un montant d'au plus 10 chiffres avant la virgule et 2 après" in (
        page_text(response)
    )


@pytest.mark.parametrize("value", ["25000", "25000.5", "9999999999.99"])
def test_amounts_a_visitor_types_still_filter(client, value):
    assert client.get("/financements/", {"amount_min": value}).status_code == 200


def media_is_served():
    try:
        return resolve("/media/document.pdf").func is serve_media
    except Resolver404:
        return False


@pytest.mark.skipif(not media_is_served(), reason="/media/ n'est servi qu'en mode debug")
def test_a_media_name_longer_than_the_system_allows_is_a_404(client):
    """Found in debug mode, where ess_portal/urls.py routes /media/ to Django's file server:
    a file name over 255 bytes raised OSError (« File name too long »), a 500. Production
    has no such route."""
    response = client.get("/media/" + "0" * 256)

    assert response.status_code == 404

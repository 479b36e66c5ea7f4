"""Every answer carries the security headers: a Content-Security-Policy without
'unsafe-inline', no framing, no sniffing, a same-origin referrer and opener, and the browser
features the portal never uses refused — public pages (cached ones too), the admin, errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import DocumentFactory

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def assert_security_headers(response):
    assert policy(response) == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_public_page(client, seed):
    response = client.get(reverse("poles:list"))

    assert response.status_code == 200
    assert_security_headers(response)


def test_page_served_from_the_page_cache(client, seed, settings):
    settings.PAGE_CACHE = True
    client.get("/poles/c2sol/")

    response = client.get("/poles/c2sol/")

    assert response.status_code == 200
    assert not response.templates  # served from the cache, not rendered
    assert_security_headers(response)


def test_admin_login_page(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert_security_headers(response)


def test_error_pages(client):
    assert_security_headers(client.get("/poles/nulle-part/"))  # 404
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert_security_headers(response)


def test_a_downloaded_document_keeps_its_own_sandbox_policy(client, settings, tmp_path):
    """The document download sets a stricter policy of its own: it is not replaced."""
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"))

    response = client.get(reverse("document_download", args=[document.pk]))

    assert response.status_code == 200
    response.close()  # the file it streams
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

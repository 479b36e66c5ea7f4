"""With DEBUG off, errors get French pages in the portal's look, with ways out and no
traceback: 400, 403 (and a refused form), 404, 500, and 503 when the database cannot be
reached — the portal then recovers by itself once it is back
(tests/security/test_database_down.py).

This module is also the URLconf of the tests that need a view that fails (500, 503): the
portal's URLs, its handler500, and two broken views."""

import pytest
from django.contrib.auth.models import Permission
from django.db.utils import OperationalError
from django.template import loader
from django.test import Client
from django.urls import path, reverse

from ess_portal.urls import handler500
from ess_portal.urls import urlpatterns as portal_urlpatterns
from tests.pages import page_text

SECRET = "détail-interne-à-ne-pas-montrer"


def broken_view(request):
    raise RuntimeError(SECRET)


def database_down_view(request):
    raise OperationalError(f'connection to server at "127.0.0.1", port 5432 failed: {SECRET}')


urlpatterns = [
    *portal_urlpatterns,
    path("en-panne/", broken_view),
    path("base-injoignable/", database_down_view),
]
__all__ = ["handler500", "urlpatterns"]


def assert_french_error_page(response, status, title):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    text = page_text(response)
    assert f"<title>{title} — Pôles de développement de l'ESS</title>" in text
    assert f"<h1>{title}</h1>" in text
    assert f'href="{reverse("home")}"' in text
    assert "Traceback" not in text
    assert SECRET not in text
    return text


@pytest.mark.django_db
def test_unknown_page_is_a_french_404_with_ways_out(client):
    response = client.get("/poles/nulle-part/")

    assert_french_error_page(response, 404, "Page introuvable")
    assert f'href="{reverse("poles:list")}"' in response.content.decode()


@pytest.mark.django_db
def test_too_many_query_parameters_are_a_400_not_a_500(client):
    query = "&".join(f"status={i}" for i in range(6000))

    response = client.get(f"{reverse('poles:list')}?{query}")

    assert_french_error_page(response, 400, "Requête incorrecte")


@pytest.mark.django_db
def test_an_unknown_host_is_a_french_400(client):
    response = client.get("/", HTTP_HOST="portail.pirate.example")

    assert_french_error_page(response, 400, "Requête incorrecte")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_is_a_french_403():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "marie", "password": "x"})

    text = assert_french_error_page(response, 403, "Formulaire refusé")
    assert "jeton de sécurité" in text
    assert "CSRF" not in text  # Django's English reason is not shown
    assert f'href="{reverse("admin:login")}"' in text


@pytest.mark.django_db
def test_a_page_the_account_may_not_open_is_a_french_403(client, django_user_model):
    """A staff account allowed to see poles but not to add one."""
    user = django_user_model.objects.create_user(username="lecture", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_pole"))
    client.force_login(user)

    response = client.get(reverse("admin:poles_pole_add"))

    text = assert_french_error_page(response, 403, "Accès refusé")
    assert "CRES" in text


@pytest.mark.django_db
@pytest.mark.urls("tests.www.test_error_pages")
def test_an_unexpected_error_is_a_french_500(client):
    client.raise_request_exception = False

    response = client.get("/en-panne/")

    assert_french_error_page(response, 500, "Le portail a rencontré une erreur")
    assert "Retry-After" not in response


@pytest.mark.django_db
@pytest.mark.urls("tests.www.test_error_pages")
def test_a_database_error_is_a_french_503_to_retry(client):
    client.raise_request_exception = False

    response = client.get("/base-injoignable/")

    assert_french_error_page(response, 503, "Service momentanément indisponible")
    assert response["Retry-After"] == "30"
    assert "5432" not in page_text(response)


@pytest.mark.parametrize(
    ("template", "title"),
    [
        ("500.html", "Le portail a rencontré une erreur"),
        ("503.html", "Service momentanément indisponible"),
    ],
)
def test_500_and_503_pages_render_without_request_nor_database(template, title):
    """No django_db mark: any query here would fail the test."""
    html = loader.get_template(template).render()

    assert f"<h1>{title}</h1>" in html
    assert 'href="/static/css/portal.css"' in html


@pytest.mark.django_db
def test_the_icon_browsers_ask_for_is_served(client):
    """Every browser asks for /favicon.ico on its own: a 404 there is an error in each
    visitor's console and a line in the logs."""
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file

"""The pages as rendered — public pages on the seed data, the admin's pages a CRES member
opens (history, export, the import preview whose differences the library writes with inline
styles) — hold no inline style, script or handler: the Content-Security-Policy would refuse
them, and the page would lose its look or behaviour without a word."""

import pytest
from django.urls import reverse

from actors.models import Actor
from funding.enums import FundingStatus
from poles.models import Pole
from tests.core.imports.admin_steps import preview
from tests.core.imports.spreadsheets import ACTORS_HEADERS, upload
from tests.factories import FunderFactory, FundingLineFactory
from tests.security.test_no_inline_code import inline_code

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/poles/",
    "/poles/c2sol/",
    "/territoires/",
    "/acteurs/",
    "/financements/",  # the chart and its legend
    "/poles/nulle-part/",  # 404
]


def assert_no_inline_code(response):
    assert response.status_code in (200, 404), response.status_code
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages(client, seed, url):
    assert_no_inline_code(client.get(url))


def test_the_funding_chart_legend_uses_the_palette_classes(client):
    # The chart draws committed money (granted or paid).
    for name, year in (("Région", 2009), ("Département", 2010)):
        FundingLineFactory(
            funder=FunderFactory(name=name), start_year=year, status=FundingStatus.GRANTED
        )

    response = client.get("/financements/")

    content = response.content.decode()
    assert '<span class="swatch swatch--0" aria-hidden="true"></span>' in content
    assert '<span class="swatch swatch--1" aria-hidden="true"></span>' in content
    assert inline_code(content) == []


def test_admin_pages(admin_client, seed):
    pole = Pole.objects.get(slug="c2sol")
    for url in (
        reverse("admin:login"),
        reverse("admin:index"),
        reverse("admin:poles_pole_changelist"),
        reverse("admin:poles_pole_change", args=[pole.pk]),
        reverse("admin:poles_pole_history", args=[pole.pk]),
        reverse("admin:actors_actor_export"),
    ):
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url
        assert inline_code(response.content.decode()) == [], url


def test_the_import_preview(admin_client, seed):
    row = ["Acteur nouveau", "autre ou non précisé", "", "", ""]

    response = preview(admin_client, Actor, upload(ACTORS_HEADERS, [row]))

    content = response.content.decode()
    assert "<ins>Acteur nouveau</ins>" in content
    assert inline_code(content) == []

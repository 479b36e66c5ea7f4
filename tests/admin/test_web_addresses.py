"""Web addresses in the admin: only http(s) ones, `c2sol.fr` completed to https://c2sol.fr,
anything else (javascript:, ftp:, mailto:) refused in French. Every such field of every model
is one of these (core/web_addresses.py)."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from core.web_addresses import WebAddressField
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActorFactory,
    ContactFactory,
    DocumentFactory,
    FunderFactory,
    PoleFactory,
)

pytestmark = pytest.mark.django_db

MESSAGE = "Saisissez l'adresse d'un site internet, commençant par https:// ou http://"
REFUSED = [
    "javascript:alert(document.domain)//://",
    "JavaScript://c2sol.fr/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://c2sol.fr/plan.pdf",
    "mailto:contact@c2sol.fr",
    "https://",
    "http://[c2sol.fr",
]
# model name, factory, field
FIELDS = [
    ("actor", ActorFactory, "website"),
    ("pole", PoleFactory, "website"),
    ("funder", FunderFactory, "website"),
    ("contact", ContactFactory, "website"),
    ("document", DocumentFactory, "url"),
]


def test_every_address_field_is_a_web_address_field():
    addresses = [
        (model._meta.label, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.URLField) or field.name in ("website", "url")
    ]
    assert len(addresses) >= 10  # Actor.website, Document.url, … and their history models
    assert [
        f"{label}.{field.name}"
        for label, field in addresses
        if not isinstance(field, WebAddressField)
    ] == []


def post_change(client, model_name, record, field, value):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    data = admin_form_data(client.get(url))
    data[field] = value
    return client.post(url, data)


@pytest.mark.parametrize("value", REFUSED)
@pytest.mark.parametrize(("model_name", "factory", "field"), FIELDS)
def test_an_address_that_is_not_http_is_refused_in_french(
    staff_client, model_name, factory, field, value
):
    record = factory()
    before = getattr(record, field)

    response = post_change(staff_client, model_name, record, field, value)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert len(errors) == 1 and errors[0].startswith(MESSAGE), errors
    record.refresh_from_db()
    assert getattr(record, field) == before


@pytest.mark.parametrize(("model_name", "factory", "field"), FIELDS)
def test_an_address_without_its_scheme_is_completed_to_https(
    staff_client, model_name, factory, field
):
    record = factory()

    response = post_change(staff_client, model_name, record, field, " c2sol.fr ")

    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert getattr(record, field) == "https://c2sol.fr"


def test_an_http_address_is_kept_as_it_is(staff_client):
    actor = ActorFactory()

    post_change(staff_client, "actor", actor, "website", "http://www.cres-bretagne.org/pôles")

    actor.refresh_from_db()
    assert actor.website == "http://www.cres-bretagne.org/pôles"


def test_the_seed_addresses_pass_the_validation(seed):
    """fixtures/seed.json keeps its documents' addresses as written (`c2sol.fr`): each is
    completed when loaded, and none is refused when the record is checked as the admin does."""
    checked = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, WebAddressField):
                continue
            for record in model.objects.exclude(**{field.name: ""}):
                record.clean_fields(exclude=[f.name for f in model._meta.fields if f != field])
                assert getattr(record, field.name).startswith("https://")
                checked += 1
    assert checked >= 3

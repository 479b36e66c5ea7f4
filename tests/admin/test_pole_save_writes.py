"""What saving a pole's page writes: only what changed.

C2SOL's page sent back with three of its objectives retitled, nothing else: the three rows
are saved, the pole's row is written once (its page date and search document together), the
pole gets no history row (none of its own fields changed), and the cached pages go stale once.
It used to write the pole's row five times, add a pole history row and bump the version twice.
The rows left unchanged cost no query: they are neither saved nor validated again."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.page_cache import versions
from poles.models import Objective, Pole
from tests.admin.forms import admin_form_data

POLE_UPDATE = re.compile(r'^UPDATE "poles_pole"', re.IGNORECASE)
# The pole's form checked, the three rows saved, the pole's page dated: none per other row.
MAX_QUERIES = 90


@pytest.fixture
def version_bumps(monkeypatch):
    bumps = []
    original = versions.set_new_version

    def counted():
        bumps.append(1)
        original()

    monkeypatch.setattr(versions, "set_new_version", counted)
    return bumps


@pytest.mark.django_db(transaction=True)
def test_retitling_three_objectives_writes_the_pole_once(admin_client, seed, version_bumps):
    pole = Pole.objects.get(slug="c2sol")
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(admin_client.get(url))
    objectives = list(pole.objectives.order_by("pk")[:3])
    assert len(objectives) == 3
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "objectives" in key)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    for index, objective in enumerate(pole.objectives.order_by("order", "pk")):
        if objective in objectives:
            assert data[f"{prefix}-{index}-id"] == str(objective.pk)
            data[f"{prefix}-{index}-title"] = f"{objective.title} (reformulé)"
    pole_history, before = pole.revisions.count(), pole.updated_at
    version_bumps.clear()

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)

    assert response.status_code == 302
    assert len(queries.captured_queries) <= MAX_QUERIES
    assert Objective.objects.filter(title__endswith="(reformulé)").count() == 3
    pole_writes = [q["sql"] for q in queries.captured_queries if POLE_UPDATE.match(q["sql"])]
    assert len(pole_writes) == 1, pole_writes
    pole.refresh_from_db()
    assert pole.updated_at is not None and pole.updated_at != before
    assert "(reformule)" in pole.search_text
    assert pole.revisions.count() == pole_history
    assert len(version_bumps) == 1

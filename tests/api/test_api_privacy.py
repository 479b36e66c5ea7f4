"""Nothing of the API is not public: no account (coordinator or staff: username, e-mail,
name), no CRES comment on a fiche of the year, no change history. Every answer is read: each
list, every page, and every record the lists link to."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.models import Campaign, Fiche
from poles.models import Pole
from poles.roles import CRES, POLE_COORDINATORS

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/poles/",
    "/api/v1/territoires/",
    "/api/v1/acteurs/",
    "/api/v1/financeurs/",
    "/api/v1/programmes/",
    "/api/v1/financements/",
]


def urls_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str):
                yield item
            else:
                yield from urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)


def crawl(client):
    """Every answer of the API: the lists, page after page, and every record they name."""
    answers, seen = {}, set()
    pending = [f"http://testserver{path}?limit=500" for path in LISTS]
    pending.append("http://testserver/api/v1/schema/")
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        answers[url] = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            data = json.loads(response.content)
            pending += [link for link in urls_in(data) if link not in seen]
            if isinstance(data, dict) and data.get("next"):
                pending.append(data["next"])
    return answers


def test_no_account_nor_cres_comment_in_any_answer(client, seed, django_user_model):
    pole = Pole.objects.get(slug="c2sol")
    coordinator = django_user_model.objects.create_user(
        username="yann.legoff-coordination",
        email="yann.legoff@pole-secret.example",
        first_name="Yannick",
        last_name="Secretdelegoff",
        is_staff=True,
    )
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole.coordinators.add(coordinator)
    staff = django_user_model.objects.create_user(
        username="camille.cres-interne", email="camille@cres-interne.example", is_staff=True
    )
    staff.groups.add(Group.objects.get(name=CRES))
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today,
        submission_deadline=today + timedelta(days=10),
        review_deadline=today + timedelta(days=20),
    )
    Fiche.objects.create(
        campaign=campaign, pole=pole, state="to_revise", comment="Commentaire-CRES-confidentiel"
    )
    secrets = [
        coordinator.username,
        coordinator.email,
        coordinator.last_name,
        staff.username,
        staff.email,
        "Commentaire-CRES-confidentiel",
        "history_user",
        "coordinators",
    ]

    answers = crawl(client)

    assert len(answers) > 80  # the lists, and every record they name
    leaks = {url: [s for s in secrets if s in text] for url, text in answers.items()}
    assert {url: found for url, found in leaks.items() if found} == {}

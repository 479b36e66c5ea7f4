"""Every record of the seed says in the API what its public page shows: each text, number
and label of the answer is read on the page, field by field (the API's `url`, codes, slugs
and ISO dates are for machines and have no place on a page)."""

import html
import re
from decimal import Decimal

import pytest

from core.formats import euros, number, percent
from poles.models import Pole
from tests.api.test_api import every, get

pytestmark = pytest.mark.django_db

# Machine fields: the same facts as other fields, in a form for programs.
MACHINE_KEYS = {"url", "page", "slug", "code", "date", "precision", "id", "actors"}


def page_text(response):
    """The page as read: its text, and the addresses of its links (a web site is shown by its
    name and linked to its address)."""
    assert response.status_code == 200
    page = response.content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    hrefs = " ".join(html.unescape(href) for href in re.findall(r'href="([^"]+)"', page))
    return " ".join(f"{text} {hrefs}".split())


# Facts a page shows as the heading of their group rather than beside each item.
HEADINGS = {"point fort": "Points forts", "pratique intéressante": "Pratiques intéressantes"}


def facts(value, path="", money=(), shares=(), decimals=()):
    """(path, what a person reads) for each fact of an answer."""
    formats = (money, shares, decimals)
    if isinstance(value, dict) and value.get("code") == "other" and path.endswith("].kind"):
        return  # a document of no particular kind: the page says nothing of it
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in MACHINE_KEYS:
                yield from facts(item, f"{path}.{key}", *formats)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from facts(item, f"{path}[{index}]", *formats)
    elif isinstance(value, bool) or value in (None, ""):
        return
    elif isinstance(value, int):
        yield path, number(value)
    else:
        key = path.rsplit(".", 1)[-1]
        if key in money:
            yield path, euros(Decimal(value))
        elif key in shares:
            yield path, percent(Decimal(value))
        elif key in decimals:
            yield path, number(Decimal(value))
        elif value in HEADINGS:
            yield path, HEADINGS[value]
        else:
            # A text of several lines is shown as paragraphs or a list ("- " items).
            for line in value.splitlines():
                if line.strip():
                    yield path, line.strip().removeprefix("- ")


def missing(client, record, **formats):
    """The facts of `record` that its page does not show; there must be some to check."""
    response = client.get(record["page"].replace("http://testserver", ""))
    text = page_text(response)
    checked = list(facts(record, **formats))
    assert len(checked) >= 3, record["page"]
    return [(path, fact) for path, fact in checked if not shown(" ".join(fact.split()), text)]


def shown(fact, text):
    """A label may start a sentence on the page: « Pays », « Département »."""
    return fact in text or fact[:1].upper() + fact[1:] in text


def details(client, route):
    return [
        get(client, item["url"].replace("http://testserver", "")) for item in every(client, route)
    ]


def test_each_pole_says_what_its_page_shows(client, seed):
    formats = {
        "money": {"amount", "budget"},
        "shares": {"salaried_jobs_share", "associations_share", "cooperatives_share"}
        | {"subsidy_share"},
        "decimals": {"staff_fte", "facilitators_fte"},
    }
    poles = details(client, "/api/v1/poles/")
    assert len(poles) == Pole.objects.count()
    for pole in poles:
        assert missing(client, pole, **formats) == [], pole["slug"]


def test_each_territory_says_what_its_page_shows(client, seed):
    shares = {"salaried_jobs_share", "associations_share", "cooperatives_share"}
    for territory in details(client, "/api/v1/territoires/"):
        assert missing(client, territory, shares=shares) == [], territory["slug"]


def test_each_actor_says_what_its_page_shows(client, seed):
    for actor in details(client, "/api/v1/acteurs/"):
        assert missing(client, actor) == [], actor["slug"]


def test_each_programme_and_funder_says_what_its_page_shows(client, seed):
    money = {"study_max_amount", "operating_amount_per_post_year"}
    for programme in details(client, "/api/v1/programmes/"):
        assert missing(client, programme, money=money) == [], programme["slug"]
    for funder in details(client, "/api/v1/financeurs/"):
        assert missing(client, funder) == [], funder["slug"]

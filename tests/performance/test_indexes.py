"""The filters and sorts of the public lists use their indexes, on PostgreSQL.

Each page is requested as a visitor would, every SQL query it runs is captured and given to
PostgreSQL's EXPLAIN, and the index the filter needs must be in the plans (by name, see the
models' Meta.indexes). The data is what `generate_demo_data` writes, sized so that the
planner chooses the funding and actor indexes on its own: 200 poles, 5 000 actors and
10 000 funding lines, then ANALYZE. On failure the message shows every plan of the page.
The `q` of /acteurs/ has trigram indexes, PostgreSQL only (poles/migrations/0010).

Poles are the exception: a few hundred of them fit in a dozen pages, which PostgreSQL rightly
reads whole rather than through an index. Their tests price sequential scans out
(`enable_seqscan = off`, for that test only): the plan then shows the index answering the
filter and giving the order without a sort, that is, the index fits the query as the view
builds it and will be chosen when the table is large enough.

The `programme`, `territory`, `region`, `department` and `pole` filters go through the
foreign keys' own indexes (Django's, named with a hash), not checked here.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.enums import FunderKind
from funding.models import Funder

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Les plans d'exécution vérifiés sont ceux de PostgreSQL (DATABASE_URL=postgres://…).",
    ),
    pytest.mark.django_db,
]

SIZES = {"poles": 200, "actors": 5000, "funding": 10_000, "seed": 1}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data for this module's tests, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_demo_data", **SIZES, stdout=StringIO())
        with connection.cursor() as cursor:
            # What autovacuum does in production, and VACUUM cannot inside a transaction: move
            # the rows just written into the trigram indexes proper, then gather statistics.
            for index in ("actor_name_trgm", "actor_acronym_trgm"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE")
        regional = Funder.objects.filter(is_demo=True, kind=FunderKind.REGION).earliest("name")
        yield {"funder": regional.slug}
        transaction.set_rollback(True)


def plans_of(client, url, query):
    """[(sql, plan)] of every query the page runs."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200, url
    plans = []
    for executed in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {executed['sql']}")
            plans.append((executed["sql"], "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def shown(plans):
    return "\n\n".join(f"{sql}\n{plan}" for sql, plan in plans)


# (page, filters: {parameter: value or key of demo_data}, index)
FILTERED_LISTS = [
    (
        "poles:list",
        {"funder": "funder", "funding_status": "paid"},
        "funding_line_funder_status",
    ),
    ("poles:list", {"kind": "study", "funding_status": "granted"}, "funding_line_kind_status"),
    ("poles:list", {"year": "2009"}, "funding_line_years"),
    ("poles:list", {"amount_min": "190000"}, "funding_line_amount"),
    ("actors:list", {"kind": "bank"}, "actor_kind_name"),
    ("actors:list", {"q": "000123"}, "actor_name_trgm"),  # trigrams: poles/migrations/0010
    ("funding:list", {"year": "2010"}, "funding_line_years"),
]


def resolved(filters, demo_data):
    return {name: demo_data.get(value, value) for name, value in filters.items()}


def price_out_the_funder_s_own_index(index):
    """For funder=…&funding_status=paid: a funder's paid lines are nearly half of its lines, so
    its foreign key's own index then a filter costs about what (funder, status) does, and
    PostgreSQL chose either from one CI run to the next. The foreign key's index is dropped for
    the test (undone with its savepoint), as the poles' test prices sequential scans out: the
    plan must then show (funder, status) answering the filter."""
    if index != "funding_line_funder_status":
        return
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "poles_fundingline")
        (own,) = [
            name
            for name, constraint in constraints.items()
            if constraint["index"] and constraint["columns"] == ["funder_id"]
        ]
        cursor.execute(f'DROP INDEX "{own}"')


@pytest.mark.parametrize(("page", "filters", "index"), FILTERED_LISTS)
def test_a_filtered_list_uses_its_index(client, demo_data, page, filters, index):
    price_out_the_funder_s_own_index(index)
    plans = plans_of(client, reverse(page), resolved(filters, demo_data))
    assert any(index in plan for _, plan in plans), f"{index} absent des plans :\n{shown(plans)}"


@pytest.mark.parametrize(
    ("filters", "index", "gives_the_order"),
    [
        # A dozen stopped poles: read through the index, then sorted by name.
        ({"status": "stopped"}, "pole_status_name", False),
        # Every pole, read in the index's order: no sort.
        ({"tri": "creation"}, "pole_created_on_name", True),
    ],
)
def test_the_poles_list_can_use_its_indexes(client, demo_data, filters, index, gives_the_order):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # undone with the test's savepoint
    plans = plans_of(client, reverse("poles:list"), filters)
    using = [plan for _, plan in plans if index in plan]
    assert using, f"{index} absent des plans :\n{shown(plans)}"
    if gives_the_order:
        assert not any("Sort Key: poles_pole.created_on" in plan for plan in using), shown(plans)


# The totals of /financements/ (www/funding/totals.py): every sum over the filtered lines.
FILTERED_TOTALS = [
    ({"funder": "funder", "funding_status": "paid"}, "funding_line_funder_status"),
    ({"kind": "study", "funding_status": "granted"}, "funding_line_kind_status"),
    ({"amount_min": "190000"}, "funding_line_amount"),
    ({"year": "2010"}, "funding_line_years"),
]


@pytest.mark.parametrize(("filters", "index"), FILTERED_TOTALS)
def test_every_funding_total_reads_the_filtered_lines_through_the_index(
    client, demo_data, filters, index
):
    price_out_the_funder_s_own_index(index)
    plans = plans_of(client, reverse("funding:list"), resolved(filters, demo_data))
    totals = [(sql, plan) for sql, plan in plans if 'SUM("poles_fundingline"."amount")' in sql]
    assert totals, shown(plans)
    missing = [(sql, plan) for sql, plan in totals if index not in plan]
    assert missing == [], f"{index} absent de ces plans :\n{shown(missing)}"

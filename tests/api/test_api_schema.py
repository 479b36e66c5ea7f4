"""The OpenAPI schema says what the API does: schemathesis calls every operation of
/api/v1/schema/ on a running server (pytest-django's live server, the seed loaded) with
parameters generated from the schema, and checks each answer against it: no 5xx, documented
status codes and content types, bodies that conform. A short, derandomized budget per
operation keeps it to seconds in `make test`.

Schemathesis' own pytest plugin does not run under this pytest (it reads a private attribute
pytest 9 removed): each operation's strategy is driven by hypothesis here instead."""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

EXAMPLES = 15
# A schema-valid request may still name no record (`?territory=<any slug>`): the API answers
# 400 « ne correspond à aucun territoire », as the pages do. Every other check runs.
NAMES_ARE_DATA = checks.positive_data_acceptance


@pytest.fixture
def api_schema(live_server, transactional_db):
    call_command("loaddata", "seed", verbosity=0)
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")


def test_every_operation_answers_as_its_schema_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 12  # 6 lists, 6 records

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case):
            case.call_and_validate(excluded_checks=[NAMES_ARE_DATA])

        answers_as_documented()

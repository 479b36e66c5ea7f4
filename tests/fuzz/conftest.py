"""Property-based fuzzing of the public URLs: the data every fuzz test reads, and the
hypothesis profile.

The fuzz tests share the seed (`load_seed`, as `make run` loads it) and a few records with
odd names (tests/fuzz/data.py), in one transaction rolled back once the folder's tests are
done: hypothesis runs many examples inside one test function, so function-scoped data (and
fixtures) would be shared by the examples anyway; loading the seed once for the folder
(package scope) rather than per module saves a few seconds per database. The requests only
read, and each runs in its own savepoint (tests/fuzz/visit.py), so that a failing query on
PostgreSQL does not poison the examples after it.

Examples per test: `FUZZ_EXAMPLES` (default below, sized so that the folder takes under a
minute per database on a 2-core machine; tests/fuzz/budget.py gives some tests fewer);
`CI` set: derandomized, so that a failure reproduces. No example database
(`database=None`); hypothesis's own `.hypothesis/` cache folder ignores itself in git.
"""

import os
import tempfile

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from hypothesis import HealthCheck, settings

from tests.fuzz.data import FuzzData, odd_records

DEFAULT_EXAMPLES = 40

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES") or DEFAULT_EXAMPLES),
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI", "").lower() not in ("", "0", "false"),
    print_blob=True,
    # Generating long texts and query strings is the point, not a sign of a slow strategy.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("fuzz")


@pytest.fixture(scope="package")
def fuzz_data(django_db_setup, django_db_blocker):
    """The seed and the odd records, rolled back after the folder's tests; documents go to
    a temporary MEDIA_ROOT. Yields what the strategies sample from (FuzzData)."""
    media = tempfile.TemporaryDirectory()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media.name):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # The search documents are refreshed on commit: run those callbacks now.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_seed", verbosity=0)
                odd_records()
            yield FuzzData()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.cleanup()


@pytest.fixture(scope="package")
def fuzz_client(fuzz_data):
    """A visitor without session: every request is anonymous. Shared, as the data."""
    return Client()

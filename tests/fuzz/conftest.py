"""Property-based fuzzing of the public URLs: the data every fuzz module reads, and the
hypothesis profile.

The fuzz tests share the seed (`load_seed`, as `make run` loads it) and a few records with
odd names, in one transaction rolled back once the folder's tests are done: hypothesis runs
many examples inside one test function, so function-scoped data (and fixtures) would be
shared by the examples anyway; loading the seed once for the folder (package scope) rather
than per module saves a few seconds per database. The requests only read, and each runs in its own
savepoint (tests/fuzz/visit.py), so that a failing query on PostgreSQL does not poison the
examples after it.

Examples per test: `FUZZ_EXAMPLES` (default below, sized so that the folder takes under a
minute per database on a 2-core machine); `CI` set: derandomized, so that a failure
reproduces. No example database (`database=None`): no `.hypothesis/` folder in the repo.
"""

import os
import tempfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from hypothesis import HealthCheck, settings

from tests.factories import (
    ActorFactory,
    DocumentFactory,
    FunderFactory,
    FundingLineFactory,
    MembershipFactory,
    PoleFactory,
    ProgrammeFactory,
    TerritoryFactory,
)
from tests.fuzz.strategies import filter_values

DEFAULT_EXAMPLES = 40

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES") or DEFAULT_EXAMPLES),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
    # Generating long texts and query strings is the point, not a sign of a slow strategy.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("fuzz")

# Names a visitor may meet: accents, quotes, markup-like text, the longest a name may be.
ODD_NAMES = [
    'Pôle « L\'Économie » "Coop" & <b>Solidaire</b>',
    "Cœur d'Émeraude — Œuvres ½ ‰ ∑ 日本 🙂",
    "É" * 199 + "e",
    "'; DROP TABLE poles_pole; --",
]


@pytest.fixture(scope="package")
def fuzz_data(django_db_setup, django_db_blocker):
    """The seed and the odd records, rolled back after the folder's tests. Yields what the
    strategies sample from (FuzzData)."""
    media = tempfile.TemporaryDirectory()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media.name):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # The search documents are refreshed on commit: run those callbacks now.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_seed", verbosity=0)
                odd_records()
            yield FuzzData(samples())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.cleanup()


class FuzzData:
    """What the strategies sample from: `samples` ({field name: values} of the data) and,
    per FilterSet, the values its filters accept (read once per module)."""

    def __init__(self, samples):
        self.samples = samples
        self._filter_values = {}

    def values_for(self, route):
        filterset_class = route.filterset_class
        if filterset_class is None:
            return self.samples
        if filterset_class not in self._filter_values:
            self._filter_values[filterset_class] = filter_values(filterset_class, self.samples)
        return self._filter_values[filterset_class]

    def __repr__(self):  # hypothesis prints it with every failing example
        return "FuzzData(seed + odd records)"


def odd_records():
    territory = TerritoryFactory(name=ODD_NAMES[1])
    programme = ProgrammeFactory(funder=FunderFactory(name=ODD_NAMES[0]), name=ODD_NAMES[3])
    for name in ODD_NAMES:
        pole = PoleFactory(name=name, territories=[territory], full_name=name[:300])
        actor = ActorFactory(name=name, acronym=name[:20], territory=territory)
        MembershipFactory(pole=pole, actor=actor)
        FundingLineFactory(pole=pole, programme=programme, start_year=1990, end_year=2100)
    document = DocumentFactory(pole=pole, title=ODD_NAMES[0])
    document.file.save("compte-rendu.pdf", ContentFile(b"%PDF-1.4 fuzz"), save=True)
    DocumentFactory(pole=pole, title="Sans fichier")


def samples():
    """Values the URL converters and filters may take from the data: {field name: values},
    over every model (a `<slug:slug>` route may be any model's slug, `<int:pk>` any pk)."""
    from django.apps import apps

    values = {}
    for model in apps.get_models():
        if model._meta.app_label not in ("poles", "territories"):
            continue
        for field in model._meta.get_fields():
            if field.name in ("slug", "code") and hasattr(field, "attname"):
                values.setdefault(field.name, set()).update(
                    model.objects.values_list(field.name, flat=True)
                )
        values.setdefault("pk", set()).update(
            str(pk) for pk in model.objects.values_list("pk", flat=True)
        )
    return {name: sorted(map(str, found)) for name, found in values.items()}


@pytest.fixture(scope="package")
def fuzz_client(fuzz_data):
    """A visitor without session: every request is anonymous. Shared, as the data."""
    return Client()

"""Tests in a real browser: Debian's chromium driven by Playwright for Python.

Playwright never downloads a browser here: it is pointed at the system's chromium with
`executable_path` (`apt-get install -y chromium`, which `.ci/run` does). Without Playwright or
chromium, every test of this folder is skipped with the reason (`make test` prints it, `-rs`).

The server is pytest-django's `live_server` (a real HTTP server in a thread, on the test
database, flushed after each test). Every page a test opens is watched: a JavaScript error, or
anything the browser reports as an error in its console (a Content-Security-Policy violation,
a missing resource), fails the test at its end.
"""

import importlib
import os
import shutil
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

# Playwright's synchronous API runs an event loop in the test's thread; Django would then
# refuse the test's own database queries as if they were made from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Migrations that create the roles' groups: a flushed test database loses them.
GROUP_MIGRATIONS = (
    "territories.migrations.0002_region_officers_group",
    "territories.migrations.0004_region_officers_view_history",
    "poles.migrations.0007_cres_and_coordinator_groups",
)


def missing_browser():
    """Why the browser tests cannot run here, or None."""
    if sync_playwright is None:
        return "Playwright n'est pas installé (make install)."
    if CHROMIUM is None:
        return (
            "chromium introuvable (apt-get install -y chromium, ou CHROMIUM=/chemin/du/navigateur)."
        )
    return None


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser()
    if reason:
        pytest.skip(f"Tests dans le navigateur sautés : {reason}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page()` opens a page in a fresh browser context (its own cookies: one per
    person of a scenario), on the live server; relative URLs work (`page.goto("/poles/")`)."""
    contexts, problems = [], []

    def open_page(**options):
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", accept_downloads=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _record(problems, page, message))
        page.on("pageerror", lambda error: problems.append(f"{page.url} : {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "Erreurs dans la console du navigateur :\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()


def _record(problems, page, message):
    if message.type == "error":
        problems.append(f"{page.url} : {message.text}")


@pytest.fixture
def roles(transactional_db):
    """The groups of the three roles, as the migrations create them (the live server's
    database is flushed after each test, groups included)."""
    for name in GROUP_MIGRATIONS:
        migration = importlib.import_module(name)
        for function in _forward_functions(migration):
            function(apps, SimpleNamespace(connection=connection))


def _forward_functions(migration):
    from django.db.migrations import RunPython

    return [
        operation.code
        for operation in migration.Migration.operations
        if isinstance(operation, RunPython)
    ]

"""Tests in a real browser: Debian's chromium driven by Playwright for Python.

Playwright never downloads a browser here: it is pointed at the system's chromium with
`executable_path` (`apt-get install -y chromium`, which `.ci/run` does). Without Playwright or
chromium, every test of this folder is skipped with the reason (`make test` prints it, `-rs`).

The server is pytest-django's `live_server` (a real HTTP server in a thread, on the test
database, flushed after each test). Every page a test opens is watched: a JavaScript error, or
anything the browser reports as an error in its console (a Content-Security-Policy violation,
a missing stylesheet, script, image or icon), fails the test at its end. One « failed to load »
message is let through: a page itself answered with an error status (a test that opens a
forbidden or missing page checks that status and its text).
"""

import importlib
import os
import shutil
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection

from tests.prerequisites import missing

# Playwright's synchronous API runs an event loop in the test's thread; Django would then
# refuse the test's own database queries as if they were made from async code. Allowed only
# while a browser runs: in the environment, it would also reach the processes other tests
# start (`check --deploy` refuses it, rightly).
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = expect = None

# CHROMIUM=/path/to/the/browser (or a command name) chooses it; a path to no executable file
# is reported missing, not searched for elsewhere.
CHROMIUM_SETTING = os.environ.get("CHROMIUM")
if CHROMIUM_SETTING:
    CHROMIUM = shutil.which(CHROMIUM_SETTING)
else:
    CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The password of the accounts the `account` fixture creates.
ACCOUNT_PASSWORD = "Une phrase de passe pour le portail 2010"
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
        if CHROMIUM_SETTING:
            return f"CHROMIUM={CHROMIUM_SETTING} ne désigne aucun navigateur exécutable."
        return (
            "chromium introuvable (apt-get install -y chromium, ou CHROMIUM=/chemin/du/navigateur)."
        )
    return None


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module; Playwright's event loop ends with it."""
    reason = missing_browser()
    if reason:
        missing(f"Tests dans le navigateur sautés : {reason}")
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def new_page(browser, live_server):
    """`new_page()` opens a page in a fresh browser context (its own cookies: one per
    person of a scenario), on the live server; relative URLs work (`page.goto("/poles/")`)."""
    contexts, messages, error_pages = [], [], set()

    def open_page(**options):
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", accept_downloads=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _record(messages, page, message))
        page.on("pageerror", lambda error: messages.append((page.url, str(error), None)))
        page.on("response", lambda response: _note_error_page(error_pages, page, response))
        return page

    yield open_page
    for context in contexts:
        context.close()
    problems = [
        f"{page_url} : {text}"
        for page_url, text, resource in messages
        if not _expected_failure(text, resource, error_pages)
    ]
    assert not problems, "Erreurs dans la console du navigateur :\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()


def _record(messages, page, message):
    if message.type == "error":
        messages.append((page.url, message.text, message.location.get("url")))


def _note_error_page(error_pages, page, response):
    """A page (not a resource of a page) answered with an error status."""
    if response.status >= 400 and response.request.is_navigation_request():
        if response.frame == page.main_frame:
            error_pages.add(response.url)


def _expected_failure(text, resource, error_pages):
    if not text.startswith("Failed to load resource") or not resource:
        return False
    return resource in error_pages


@pytest.fixture
def roles(transactional_db):
    """The groups of the three roles, as the migrations create them (the live server's
    database is flushed after each test, groups included)."""
    for name in GROUP_MIGRATIONS:
        migration = importlib.import_module(name)
        for function in _forward_functions(migration):
            function(apps, SimpleNamespace(connection=connection))


@pytest.fixture
def account(roles, django_user_model):
    """`account(role, username)`: a staff account in the group of one of the three roles
    (poles/roles.py), whose password is ACCOUNT_PASSWORD."""

    def create(role, username):
        user = django_user_model.objects.create_user(
            username=username, password=ACCOUNT_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


@pytest.fixture
def log_in():
    """`log_in(page, user)`: types the account's name and password into the admin's login
    form and presses « Connexion », as a person does; the admin's index is then shown."""

    def log_in(page, user, password=ACCOUNT_PASSWORD):
        page.goto("/admin/login/")
        page.get_by_label("Nom d’utilisateur").fill(user.get_username())
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Connexion").click()
        expect(page.get_by_role("button", name="Déconnexion")).to_be_visible()

    return log_in


def _forward_functions(migration):
    from django.db.migrations import RunPython

    return [
        operation.code
        for operation in migration.Migration.operations
        if isinstance(operation, RunPython)
    ]

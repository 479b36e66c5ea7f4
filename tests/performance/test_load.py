"""`make load` (scripts/load.py): its pure parts, and short runs end to end when hey is
installed, on a temporary SQLite file holding the seed (a gunicorn process cannot see the
test database, which lives inside pytest): the seed's pages hold, a missing page fails."""

import os
import subprocess
import sys

import pytest

from poles.enums import PoleStatus
from scripts import load, perf
from scripts.perf.gunicorn import collectstatic, production_env
from scripts.perf.hey import HeyResult, hey_command
from tests.factories import PoleFactory

# Without hey: skipped, or failed in CI (tests/prerequisites.py).
needs_hey = pytest.mark.usefixtures("hey_installed")
sqlite_pass_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="ce passage utilise son propre fichier SQLite : la suite sur SQLite le fait",
)


def result(statuses=None, errors=None, slowest=0.8):
    statuses = {200: 500} if statuses is None else statuses
    return HeyResult(
        rps=100.0,
        total=sum(statuses.values()),
        slowest=slowest,
        statuses=statuses,
        errors=errors or {},
        percentiles={50: 0.1, 95: 0.4, 99: 0.6},
    )


def test_paths_come_from_the_data(db):
    PoleFactory(name="Zeste", slug="zeste", status=PoleStatus.OPERATING)
    PoleFactory(name="Adess", slug="adess", status=PoleStatus.INFORMAL)
    assert load.load_paths() == ["/poles/adess/", "/poles/", "/poles/?status=operating"]


def test_paths_from_load_urls():
    assert load.paths_from(" /poles/, /x/?a=1\n/") == ["/poles/", "/x/?a=1", "/"]
    assert load.paths_from("") == []
    with pytest.raises(perf.BenchError, match="LOAD_URLS : chaque adresse commence par « / »"):
        load.paths_from("/poles/ http://ailleurs/")


def test_hey_is_told_how_long_to_wait_for_one_answer():
    assert hey_command("http://x/", 64, seconds=30, timeout=20) == [
        "hey", "-c", "64", "-t", "20", "-disable-redirects", "-z", "30s", "http://x/"
    ]  # fmt: skip


def test_only_answers_200_count_as_held():
    assert result({200: 10, 204: 1, 302: 2}).not_ok == 3
    assert result({200: 10}, errors={"timeout": 4}).not_ok == 4


def test_failures_are_named_in_french():
    row = load.LoadRow(
        "/poles/x/",
        "sans cache",
        64,
        result({200: 90, 404: 1, 500: 3}, errors={"context deadline exceeded": 2}),
        log_errors=["[CRITICAL] WORKER TIMEOUT (pid:12)"],
    )
    assert row.failures() == [
        "1 réponse 404",
        "3 réponses 500",
        "2 requêtes sans réponse (context deadline exceeded)",
        "1 erreur dans le journal de gunicorn (« [CRITICAL] WORKER TIMEOUT (pid:12) »)",
    ]
    assert load.LoadRow("/", "avec cache", 64, result()).failures() == []
    assert load.LoadRow("/", "avec cache", 64, result({})).failures() == ["aucune réponse"]


def test_table_and_verdict_when_everything_held():
    rows = [
        load.LoadRow("/poles/", "avec cache", 64, result(), workers_booted=5),
        load.LoadRow("/poles/", "sans cache", 64, result(slowest=2.5)),
    ]
    table = load.load_table(rows).splitlines()
    assert table[0] == (
        "| URL | mode | requêtes | requêtes/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) "
        "| erreurs | workers remplacés |"
    )
    assert (
        table[2]
        == "| `/poles/` | avec cache | 500 | 100.0 | 100.0 | 400.0 | 600.0 | 800.0 | 0 | 5 |"
    )
    passed, lines = load.verdict(rows, 30, 64, 20)
    assert passed
    assert lines == [
        "Tenue en charge réussie : 64 connexions simultanées pendant 30 s sur chaque adresse, "
        "1000 réponses, toutes en 200 ; aucune requête sans réponse (délai 20 s), aucune erreur "
        "dans le journal de gunicorn ; la plus lente en 2500.0 ms ; 5 workers remplacés en "
        "cours de route (max_requests) sans perte."
    ]


def test_verdict_names_each_failing_url():
    rows = [
        load.LoadRow("/poles/", "avec cache", 64, result()),
        load.LoadRow("/poles/", "sans cache", 64, result({200: 7}, errors={"EOF": 1})),
    ]
    assert load.load_table(rows).splitlines()[3].split(" | ")[-2:] == ["1", "0 |"]
    assert load.verdict(rows, 5, 64, 20) == (
        False,
        [
            "ÉCHEC de la tenue en charge (64 connexions simultanées) :",
            "- `/poles/` (sans cache) : 1 requête sans réponse (EOF)",
        ],
    )


def test_gunicorn_settings_are_read_from_its_configuration(monkeypatch):
    settings = load.gunicorn_settings({"WEB_CONCURRENCY": "3"})
    assert settings["workers"] == 3
    assert settings["max_requests"] > 0
    assert "WEB_CONCURRENCY" not in os.environ or os.environ["WEB_CONCURRENCY"] != "3"
    line = load.describe_gunicorn({**settings, "backlog": 2048})
    assert line.startswith(
        "gunicorn : gunicorn.conf.py, 3 workers sync chargés d'avance (preload_app), "
        "chaque worker remplacé après 1000 requêtes (+ jusqu'à 500), gardé pendant l'essai"
    )
    assert "backlog) 2048" in line
    assert "jamais remplacés" in load.describe_gunicorn({"workers": 1, "max_requests": 0})


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory):
    """A temporary SQLite file, migrated, holding the seed; the static files collected once
    for both runs (collectstatic takes several seconds)."""
    folder = tmp_path_factory.mktemp("load")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'load.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
    }
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seed"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=perf.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
    collectstatic(production_env(env))
    return env


def run_load(env, **settings):
    return subprocess.run(
        [sys.executable, "scripts/load.py"],
        cwd=perf.BASE_DIR,
        # Two workers (gunicorn.conf.py reads WEB_CONCURRENCY): quicker to start and stop.
        env={**env, "WEB_CONCURRENCY": "2", **settings},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def table_rows(output):
    return [[cell.strip() for cell in line.split("|")[1:-1]] for line in output.splitlines()
            if line.startswith("| `/")]  # fmt: skip


@needs_hey
@sqlite_pass_only
def test_the_seed_holds_64_connections(seed_file):
    """One second per URL, cache on then off: every answer a 200, the table, exit 0."""
    done = run_load(seed_file, LOAD_SECONDS="1")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = table_rows(done.stdout)
    assert [(row[0], row[1]) for row in rows] == [
        (f"`{path}`", mode)
        for mode in ("avec cache", "sans cache")
        for path in ("/poles/adess-pays-de-brest/", "/poles/", "/poles/?status=operating")
    ]
    assert all(int(row[2]) > 0 and row[8] == "0" for row in rows), done.stdout
    assert "64 connexions simultanées" in done.stdout
    assert "Fichiers statiques : ceux déjà rassemblés" in done.stdout
    assert "Tenue en charge réussie" in done.stdout


@needs_hey
@sqlite_pass_only
def test_a_missing_page_fails_in_french(seed_file):
    """A page that answers 404, in both runs: exit 1 and the failures named; the URL that
    answers 200 is not among them."""
    done = run_load(seed_file, LOAD_SECONDS="0.5", LOAD_URLS="/ /poles/pas-de-pole-ici/")
    assert done.returncode == 1, done.stdout + done.stderr
    rows = {(row[0], row[1]): row for row in table_rows(done.stdout)}
    assert rows[("`/`", "avec cache")][8] == "0"
    assert int(rows[("`/poles/pas-de-pole-ici/`", "sans cache")][8]) > 0
    assert "ÉCHEC de la tenue en charge (64 connexions simultanées) :" in done.stderr
    failures = [line for line in done.stderr.splitlines() if line.startswith("- ")]
    assert [line.split(" : ")[0] for line in failures] == [
        "- `/poles/pas-de-pole-ici/` (avec cache)",
        "- `/poles/pas-de-pole-ici/` (sans cache)",
    ]
    assert all(" réponses 404" in line or " réponse 404" in line for line in failures)

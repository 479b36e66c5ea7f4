"""`make bench` (scripts/bench.py): its pure parts, and one short run end to end when hey is
installed, on a temporary SQLite file holding the seed (a gunicorn process cannot see the
test database, which lives inside pytest)."""

import os
import re
import subprocess
import sys

import pytest
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor

from poles.enums import PoleStatus
from scripts import bench, perf
from scripts.perf import data, gunicorn, hey, report
from tests.factories import PoleFactory

HEY_OUTPUT = """
Summary:
  Total:\t1.0020 secs
  Slowest:\t0.0132 secs
  Fastest:\t0.0010 secs
  Average:\t0.0038 secs
  Requests/sec:\t525.9600
  \n  Total data:\t1791800 bytes
  Size/request:\t3400 bytes

Latency distribution:
  10% in 0.0021 secs
  25% in 0.0026 secs
  50% in 0.0035 secs
  75% in 0.0046 secs
  90% in 0.0059 secs
  95% in 0.0068 secs
  99% in 0.0093 secs

Status code distribution:
  [200]\t520 responses
  [404]\t7 responses

"""

# Too few answers: hey writes "0% in 0.0000 secs" for the percentiles it cannot give.
HEY_FEW = """
Summary:
  Requests/sec:\t3.2438

Latency distribution:
  10% in 0.0013 secs
  25% in 0.0067 secs
  0% in 0.0000 secs
  0% in 0.0000 secs

Status code distribution:
  [200]\t3 responses
"""

HEY_ERRORS = """
Summary:
  Requests/sec:\t3057.5944

Latency distribution:

Status code distribution:

Error distribution:
  [4]\tGet "http://127.0.0.1:1/": dial tcp 127.0.0.1:1: connect: connection refused
"""


def test_parse_hey():
    result = hey.parse_hey(HEY_OUTPUT)
    assert result.rps == 525.96
    assert result.percentiles[50] == 0.0035
    assert result.percentiles[95] == 0.0068
    assert result.percentiles[99] == 0.0093
    assert result.statuses == {200: 520, 404: 7}
    assert result.total == 527
    assert result.slowest == 0.0132
    assert result.failures == 7


def test_parse_hey_leaves_out_the_percentiles_it_has_too_few_answers_for():
    result = hey.parse_hey(HEY_FEW)
    assert result.percentiles == {10: 0.0013, 25: 0.0067}
    assert result.failures == 0


def test_parse_hey_counts_requests_without_answer_as_failures():
    result = hey.parse_hey(HEY_ERRORS)
    assert result.total == 0
    assert result.slowest is None
    assert result.failures == 4
    assert "connection refused" in next(iter(result.errors))


def test_unreadable_hey_output_is_an_error_in_french():
    with pytest.raises(perf.BenchError, match="Sortie de hey illisible"):
        hey.parse_hey("panic: runtime error")


def test_hey_command():
    assert hey.hey_command("http://127.0.0.1:1/", 8, seconds=5) == [
        "hey", "-c", "8", "-t", "120", "-disable-redirects", "-z", "5s", "http://127.0.0.1:1/"
    ]  # fmt: skip
    assert hey.hey_command("http://x/", 2, seconds=0.5)[-2] == "0.5s"
    assert hey.hey_command("http://x/", 2, requests=2)[-3:] == ["-n", "2", "http://x/"]


def test_bench_env_is_production_like_on_the_same_database():
    env = gunicorn.production_env({"DATABASE_URL": "sqlite:////tmp/x.sqlite3", "DEBUG": "1"})
    assert env["DEBUG"] == "false"
    assert len(env["SECRET_KEY"]) >= 50
    assert env["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert env["DATABASE_URL"] == "sqlite:////tmp/x.sqlite3"
    assert gunicorn.production_env({})["SECRET_KEY"] != env["SECRET_KEY"]


def test_durations_and_clients_from_the_environment(monkeypatch):
    monkeypatch.setenv("BENCH_SECONDS", "0.5")
    assert perf.positive_number("BENCH_SECONDS", 5, float) == 0.5
    monkeypatch.delenv("BENCH_SECONDS")
    assert perf.positive_number("BENCH_SECONDS", 5, float) == 5
    monkeypatch.setenv("BENCH_CONCURRENCY", "huit")
    with pytest.raises(perf.BenchError, match="BENCH_CONCURRENCY doit être un entier positif"):
        perf.positive_number("BENCH_CONCURRENCY", 8)


def test_an_empty_database_is_refused(db):
    with pytest.raises(perf.BenchError, match="aucun pôle.*make run.*load_seed"):
        data.check_data()


def test_a_database_missing_migrations_is_refused(db, monkeypatch):
    pending = [(Migration("0042_futur", "poles"), False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: pending)
    with pytest.raises(perf.BenchError, match=r"1 à appliquer, dont poles\.0042_futur.*migrate"):
        data.check_data()


def test_targets_come_from_the_data(db):
    PoleFactory(name="Zeste", slug="zeste", status=PoleStatus.OPERATING)
    PoleFactory(name="Adess", slug="adess", status=PoleStatus.INFORMAL)
    data.check_data()
    paths = {target.label: target.path for target in bench.bench_targets()}
    assert paths == {
        "fichier statique": "/static/css/portal.css",
        "accueil": "/",
        "pôles filtrés": "/poles/?status=operating",
        "page d'un pôle": "/poles/adess/",
        "financements": "/financements/",
        "carte": "/carte/",
        "export CSV des pôles": "/poles/export.csv",
        "API : pôles": "/api/v1/poles/?limit=50",
        "API : un pôle": "/api/v1/poles/adess/",
        "API : acteurs": "/api/v1/acteurs/?limit=50&offset=1000",
        "API : financements": "/api/v1/financements/?limit=50",
        "export CSV des acteurs": "/acteurs/export.csv",
        "données ouvertes : acteurs.csv": "/donnees/acteurs.csv",
    }
    assert bench.bench_targets()[0].kind == "static"


def test_without_operating_pole_the_filter_takes_the_most_common_status(db):
    PoleFactory.create_batch(2, status=PoleStatus.PAUSED)
    PoleFactory(status=PoleStatus.INFORMAL)
    filtered = next(t for t in bench.bench_targets() if t.label == "pôles filtrés")
    assert filtered.path == "/poles/?status=paused"


def row(label, kind, rps, static_rps, p95=0.05, memory=None, mode="sans cache"):
    path = f"/{label}/"
    result = hey.HeyResult(
        rps=rps, total=100, slowest=0.2, statuses={200: 100}, percentiles={50: 0.01}
    )
    if p95 is not None:
        result.percentiles[95] = p95
    return report.Row(
        mode, report.Target(label, path, kind), result, static_rps, 8, memory, memory and 70 << 20
    )


def test_the_map_has_its_own_target(db):
    """The map is drawn under 30 ms uncached (issue 19), not 100 as the other pages."""
    carte = row("carte", "page", 500.0, 2000.0, p95=0.040)
    carte.target.p95_target = 0.030

    assert report.verdicts([carte]) == [
        "- carte, p95 sans cache 40.0 ms : objectif < 30 ms NON atteint"
    ]
    PoleFactory()
    assert next(t for t in bench.bench_targets() if t.label == "carte").p95_target == 0.030


def test_report_table_gives_each_page_as_a_share_of_the_static_file():
    rows = [
        row("fichier statique", "static", 2000.0, 2000.0),
        row("page d'un pôle", "page", 1300.0, 2000.0, p95=None),
    ]
    table = report.report_table(rows).splitlines()
    assert table[0] == (
        "| URL | mode | clients | réponses | requêtes/s | p50 (ms) | p95 (ms) | p99 (ms) "
        "| max (ms) | hors 2xx | / statique |"
    )
    static, pole = table[2].split(" | "), table[3].split(" | ")
    assert static == ["| `/fichier statique/`", "sans cache", "8", "100", "2000.0", "10.0", "50.0", "–", "200.0", "0", "réf. |"]  # fmt: skip
    assert pole == ["| `/page d'un pôle/`", "sans cache", "8", "100", "1300.0", "10.0", "–", "–", "200.0", "0", "65 % |"]  # fmt: skip


def test_verdicts_compare_with_the_targets():
    lines = report.verdicts(
        [
            row("fichier statique", "static", 2000.0, 2000.0),
            row("page d'un pôle", "page", 1000.0, 2000.0, p95=0.120),
            row("financements", "page", 1000.0, 2000.0, p95=0.020),
            row("accueil", "page", 1000.0, 2000.0, p95=None),
            row("export CSV des acteurs", "export", 5.0, 2000.0, memory=200 << 20),
        ]
    )
    assert lines == [
        "- page d'un pôle à 50 % du fichier statique (sans cache) : objectif ≥ 60 % NON atteint",
        "- page d'un pôle, p95 sans cache 120.0 ms : objectif < 100 ms NON atteint",
        "- financements, p95 sans cache 20.0 ms : objectif < 100 ms atteint",
        "- accueil, p95 non mesuré (100 réponses, la plus lente en 200.0 ms) : "
        "objectif < 100 ms non vérifié",
        "- export CSV des acteurs : pic mémoire d'un worker 200 Mo (au repos 70 Mo) : "
        "objectif < 150 Mo NON atteint",
    ]


@pytest.mark.usefixtures("hey_installed")  # skipped without hey, failed in CI
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="ce passage utilise son propre fichier SQLite : la suite sur SQLite le fait",
)
def test_a_short_run_end_to_end(tmp_path):
    """The seed in a temporary SQLite file, gunicorn, hey for 0.5 s per URL: every URL answers
    2xx and the table has a row for each. About 20 s, so once per CI run (not on PostgreSQL,
    where it would measure the same SQLite file again)."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seed"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=perf.BASE_DIR, env=env, check=True
        )
    done = subprocess.run(
        [sys.executable, "scripts/bench.py"],
        cwd=perf.BASE_DIR,
        # Two workers (gunicorn.conf.py reads WEB_CONCURRENCY): quicker to start and stop.
        env={**env, "BENCH_SECONDS": "0.5", "BENCH_CONCURRENCY": "2", "WEB_CONCURRENCY": "2"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| `/")]
    uncached = [row for row in rows if row[2].strip() == "sans cache"]
    assert len(uncached) == 13  # the static file, 5 pages, 4 of the API's, 3 downloads
    assert len(rows) in (13, 23)  # with the page cache, the static file and pages once more
    assert all(row[10].strip() == "0" for row in rows), done.stdout
    assert re.search(r"pic mémoire d'un worker \d+ Mo", done.stdout)


@pytest.mark.parametrize(
    ("percentiles", "slowest", "verdict"),
    [
        ({50: 0.02}, 0.08, "la plus lente des réponses en 80.0 ms : objectif < 100 ms atteint"),
        ({50: 0.4}, 0.9, "p50 sans cache 400.0 ms, donc p95 plus lent : objectif < 100 ms NON atteint"),
        ({}, 83.7, "p95 non mesuré (1 réponse, la plus lente en 83700.0 ms) : objectif < 100 ms non vérifié"),
    ],
)  # fmt: skip
def test_p95_verdict_with_too_few_answers_for_hey(percentiles, slowest, verdict):
    result = hey.HeyResult(rps=0.5, total=1, slowest=slowest, percentiles=percentiles)
    assert report.p95_verdict(result) == verdict

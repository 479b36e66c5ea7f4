"""`make bench-admin` (scripts/bench_admin.py) end to end, on the seed in a SQLite file."""

import os
import sqlite3
import subprocess
import sys

import pytest

from scripts import perf


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="ce passage utilise son propre fichier SQLite : la suite sur SQLite le fait",
)
def test_the_admin_bench_measures_the_pole_page_its_save_and_every_list(tmp_path):
    database = tmp_path / "bench.sqlite3"
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seed"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=perf.BASE_DIR, env=env, check=True
        )
    titles_before = (
        sqlite3.connect(database)
        .execute("SELECT id, title FROM poles_objective ORDER BY id")
        .fetchall()
    )

    done = subprocess.run(
        [sys.executable, "scripts/bench_admin.py"],
        cwd=perf.BASE_DIR,
        env={**env, "BENCH_ADMIN_RUNS": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode in (0, 1), done.stderr  # 1: a target not met on this machine
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert any(row.startswith("| page du pôle « ") for row in rows), done.stdout
    assert any(row.startswith("| enregistrer la page du pôle") for row in rows), done.stdout
    assert sum(row.startswith("| liste ") for row in rows) >= 20
    assert "- enregistrement < 500 ms : " in done.stdout
    # The run leaves the data as it found it: its account is gone, every title is back.
    connection = sqlite3.connect(database)
    assert (
        connection.execute("SELECT id, title FROM poles_objective ORDER BY id").fetchall()
        == titles_before
    )
    assert connection.execute(
        "SELECT count(*) FROM auth_user WHERE username = 'mesure-administration'"
    ).fetchone() == (0,)

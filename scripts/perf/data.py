"""Django in the script's own process: the database measured (migrated, not empty), what it
holds, and the machine the figures are meaningless without."""

import os
import platform
import subprocess
import sys
from pathlib import Path

from scripts.perf import BASE_DIR, BenchError


def setup_django():
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def check_data():
    """Refuse an unmigrated or empty database, in French."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    from poles.models import Pole

    advice = (
        "Lancez d'abord « make run » (base SQLite par défaut), ou "
        "« .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_seed » "
        "avec le même DATABASE_URL."
    )
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        has_poles = not pending and Pole.objects.exists()
    except DatabaseError as error:
        raise BenchError(f"La base de données n'est pas prête ({error}). {advice}") from error
    if pending:
        raise BenchError(
            f"La base de données n'a pas toutes les migrations ({len(pending)} à appliquer, "
            f"dont {pending[0][0]}). Lancez « .venv/bin/python manage.py migrate » "
            "avec le même DATABASE_URL."
        )
    if not has_poles:
        raise BenchError(f"La base de données ne contient aucun pôle : rien à mesurer. {advice}")


def common_status():
    """The status `/poles/?status=…` is measured with: « operating » when some pole has it,
    else the most common one."""
    from django.db.models import Count

    from poles.enums import PoleStatus
    from poles.models import Pole

    statuses = Pole.objects.values("status").annotate(count=Count("id")).order_by("-count")
    status_values = [row["status"] for row in statuses]
    return PoleStatus.OPERATING if PoleStatus.OPERATING in status_values else status_values[0]


def machine_description():
    """The lines the results are meaningless without."""
    import django
    from django.db import connection

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = (
                f"PostgreSQL {cursor.fetchone()[0]} (base {connection.settings_dict['NAME']})"
            )
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"
    hey = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "hey"], capture_output=True, text=True, check=False
    ).stdout.strip()
    load = ", ".join(Path("/proc/loadavg").read_text().split()[:3])
    return [
        f"processeurs : {os.cpu_count()} × {cpu} ; charge au départ (1, 5, 15 min) : {load}",
        f"mémoire : {memory}",
        f"système : {os_name}",
        f"Python {platform.python_version()}, Django {django.get_version()}, {database}",
        f"hey {hey or '?'} (même machine que gunicorn : ils se partagent les processeurs)",
    ]


def data_volume():
    from actors.models import Actor
    from poles.models import FundingLine, Pole

    return (
        f"{Pole.objects.count()} pôles, {Actor.objects.count()} acteurs, "
        f"{FundingLine.objects.count()} lignes de financement"
    )

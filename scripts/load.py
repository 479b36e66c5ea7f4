"""`make load`: does the portal, served as in production, hold many connections at once?

    DATABASE_URL=… .venv/bin/python scripts/load.py      (or: make load)

1. Production-like settings, as `make bench` (DEBUG off, a throwaway SECRET_KEY, whitenoise's
   manifest static files collected into a temporary STATIC_ROOT, or the STATIC_ROOT given,
   used as it is when it already holds them), on the current database, refused if empty or
   not migrated.
2. gunicorn with the repository's `gunicorn.conf.py` as it is, worker recycling
   (max_requests) included: a worker replaced under load must not cost a single request.
3. For each URL (the first pole's page by name, `/poles/`, `/poles/?status=…`, found in the
   data; or the paths of LOAD_URLS), `hey -c LOAD_CONCURRENCY -z LOAD_SECONDS` (64 clients,
   30 s by default), each request given up after LOAD_TIMEOUT seconds (20).
4. Twice: with the page cache, as anonymous visitors get the pages, then in a second gunicorn
   run with PAGE_CACHE=false, so that the application itself is under load.

It passes when every request got an answer, every answer was a 200, and gunicorn logged no
error meanwhile; otherwise it names the failures and exits with status 1. One Markdown table
either way, with the workers gunicorn started during each URL (those replaced after their
max_requests). gunicorn is stopped whatever happens (error, Ctrl-C, SIGTERM).
"""

import os
import re
import runpy
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# `python scripts/load.py` puts scripts/ first on the path, not the repository.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.perf import BenchError, positive_number, run_script  # noqa: E402
from scripts.perf.data import (  # noqa: E402
    check_data,
    common_status,
    data_volume,
    machine_description,
    setup_django,
)
from scripts.perf.gunicorn import GUNICORN_CONF, Gunicorn, collectstatic, production_env  # noqa: E402
from scripts.perf.hey import HeyResult, ensure_hey, run_hey  # noqa: E402
from scripts.perf.report import milliseconds  # noqa: E402

DEFAULT_SECONDS = 30
DEFAULT_CONCURRENCY = 64
DEFAULT_TIMEOUT = 20  # seconds hey waits for one answer
MANIFEST = "staticfiles.json"  # written by collectstatic with whitenoise's manifest storage

MODES = [
    # (name in the table, PAGE_CACHE, what it means)
    ("avec cache", "true", "cache des pages actif, comme en production pour un visiteur anonyme"),
    ("sans cache", "false", "PAGE_CACHE=false : chaque page est calculée par l'application"),
]

BOOTED_RE = re.compile(r"Booting worker with pid")
# gunicorn's own errors (a worker timed out, killed, a request it could not handle) and
# Django's (an exception in a view is logged as « Internal Server Error: /path »).
LOG_ERROR_RE = re.compile(r"\[(ERROR|CRITICAL)\]|Internal Server Error|^Traceback", re.MULTILINE)


@dataclass
class LoadRow:
    path: str
    mode: str
    concurrency: int
    result: HeyResult
    workers_booted: int = 0  # workers gunicorn started while hey ran: recycled ones
    log_errors: list = field(default_factory=list)  # lines of gunicorn's log

    def failures(self):
        """What went wrong, in French; empty when the URL held."""
        problems = []
        for status, count in sorted(self.result.statuses.items()):
            if status != 200:
                problems.append(f"{count} réponse{plural(count)} {status}")
        for error, count in self.result.errors.items():
            problems.append(f"{count} requête{plural(count)} sans réponse ({error})")
        if self.result.total == 0 and not self.result.errors:
            problems.append("aucune réponse")
        if self.log_errors:
            problems.append(
                f"{len(self.log_errors)} erreur{plural(len(self.log_errors))} dans le journal "
                f"de gunicorn (« {self.log_errors[0]} »)"
            )
        return problems


def plural(count):
    return "s" if count > 1 else ""


def load_paths():
    """The URLs to load, found in the data: the first pole's page by name, the list of
    poles, and the list filtered by a status some poles have."""
    from django.urls import reverse

    from poles.models import Pole

    pole = Pole.objects.order_by("name").first()
    poles = reverse("poles:list")
    return [pole.get_absolute_url(), poles, f"{poles}?status={common_status()}"]


def paths_from(value):
    """LOAD_URLS: paths separated by spaces or commas, each starting with « / »."""
    paths = [path for path in re.split(r"[\s,]+", value) if path]
    wrong = [path for path in paths if not path.startswith("/")]
    if wrong:
        raise BenchError(f"LOAD_URLS : chaque adresse commence par « / » (pas {wrong[0]!r}).")
    return paths


def gunicorn_settings(env):
    """What gunicorn.conf.py sets, read as gunicorn reads it (same environment)."""
    if not GUNICORN_CONF.exists():
        return {}
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        settings = runpy.run_path(str(GUNICORN_CONF))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {key: value for key, value in settings.items() if not key.startswith("_")}


def describe_gunicorn(settings):
    """One French line: workers, recycling, backlog, as the load test runs them."""
    if not settings:
        return "gunicorn : pas de gunicorn.conf.py, réglages par défaut du script"
    max_requests = settings.get("max_requests", 0)
    recycling = (
        f"chaque worker remplacé après {max_requests} requêtes "
        f"(+ jusqu'à {settings.get('max_requests_jitter', 0)}), gardé pendant l'essai"
        if max_requests
        else "workers jamais remplacés (max_requests = 0)"
    )
    backlog = settings.get("backlog", 2048)
    try:
        somaxconn = Path("/proc/sys/net/core/somaxconn").read_text().strip()
        backlog = f"{backlog} (plafonnée par le noyau à net.core.somaxconn = {somaxconn})"
    except OSError:
        pass
    preload = " chargés d'avance (preload_app)" if settings.get("preload_app") else ""
    return (
        f"gunicorn : {GUNICORN_CONF.name}, {settings.get('workers', '?')} workers "
        f"{settings.get('worker_class', 'sync')}{preload}, {recycling} ; file d'attente des connexions "
        f"(backlog) {backlog} ; délai par requête {settings.get('timeout', 30)} s"
    )


def hammer(server, mode, paths, seconds, concurrency, timeout):
    rows = []
    for path in paths:
        print(f"  {mode} · {path} : {concurrency} connexions pendant {seconds:g} s…", flush=True)
        log_start = server.log_size()
        result = run_hey(f"{server.url}{path}", concurrency, seconds=seconds, timeout=timeout)
        log = server.log_text(since=log_start)
        rows.append(
            LoadRow(
                path,
                mode,
                concurrency,
                result,
                workers_booted=len(BOOTED_RE.findall(log)),
                log_errors=[line.strip() for line in log.splitlines() if LOG_ERROR_RE.search(line)],
            )
        )
    return rows


def load_table(rows):
    """The results as a Markdown table (readable as it is in a terminal)."""
    lines = [
        "| URL | mode | requêtes | requêtes/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) "
        "| erreurs | workers remplacés |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        result = row.result
        requests = result.total + sum(result.errors.values())
        errors = result.not_ok + len(row.log_errors)
        lines.append(
            f"| `{row.path}` | {row.mode} | {requests} | {result.rps:.1f} "
            f"| {milliseconds(result.percentiles.get(50))} "
            f"| {milliseconds(result.percentiles.get(95))} "
            f"| {milliseconds(result.percentiles.get(99))} "
            f"| {milliseconds(result.slowest)} | {errors} | {row.workers_booted} |"
        )
    return "\n".join(lines)


def verdict(rows, seconds, concurrency, timeout):
    """(passed, French lines): the failures named, or what held."""
    failing = [(row, row.failures()) for row in rows]
    failing = [(row, problems) for row, problems in failing if problems]
    if failing:
        lines = [f"ÉCHEC de la tenue en charge ({concurrency} connexions simultanées) :"]
        lines += [f"- `{row.path}` ({row.mode}) : {' ; '.join(p)}" for row, p in failing]
        return False, lines
    answers = sum(row.result.total for row in rows)
    booted = sum(row.workers_booted for row in rows)
    slowest = max((row.result.slowest or 0 for row in rows), default=0)
    return True, [
        f"Tenue en charge réussie : {concurrency} connexions simultanées pendant {seconds:g} s "
        f"sur chaque adresse, {answers} réponses, toutes en 200 ; aucune requête sans réponse "
        f"(délai {timeout:g} s), aucune erreur dans le journal de gunicorn ; la plus lente "
        f"en {milliseconds(slowest)} ms ; {booted} worker{plural(booted)} remplacé{plural(booted)} "
        "en cours de route (max_requests) sans perte."
    ]


def main():
    seconds = positive_number("LOAD_SECONDS", DEFAULT_SECONDS, float)
    concurrency = positive_number("LOAD_CONCURRENCY", DEFAULT_CONCURRENCY)
    timeout = positive_number("LOAD_TIMEOUT", DEFAULT_TIMEOUT, float)
    # Static files collected for this run only, unless STATIC_ROOT names a folder: they are
    # collected there, or, when it already holds them (its manifest), served as they are.
    with tempfile.TemporaryDirectory(prefix="ess_load_static_") as static_root:
        env = production_env({"STATIC_ROOT": static_root, **os.environ})
        os.environ.update(env)
        setup_django()
        check_data()
        ensure_hey("make load")
        paths = paths_from(os.environ.get("LOAD_URLS", "")) or load_paths()
        if (Path(env["STATIC_ROOT"]) / MANIFEST).exists():
            print(f"Fichiers statiques : ceux déjà rassemblés dans {env['STATIC_ROOT']}.")
        else:
            collectstatic(env)
        return load_all(env, paths, seconds, concurrency, timeout)


def load_all(env, paths, seconds, concurrency, timeout):
    print("Machine :")
    for line in machine_description():
        print(f"  {line}")
    print(f"Données : {data_volume()}")
    print(describe_gunicorn(gunicorn_settings(env)))
    print(
        f"Charge : {concurrency} connexions simultanées, {seconds:g} s par adresse, "
        f"requête abandonnée après {timeout:g} s ; deux passages de gunicorn :"
    )
    for mode, _, meaning in MODES:
        print(f"  - {mode} : {meaning}")
    print()
    rows = []
    for mode, switch, _ in MODES:
        with Gunicorn({**env, "PAGE_CACHE": switch}, recycle_workers=True) as server:
            print(f"gunicorn {mode} : prêt sur {server.url}", flush=True)
            rows += hammer(server, mode, paths, seconds, concurrency, timeout)
    print()
    print(load_table(rows))
    print()
    passed, lines = verdict(rows, seconds, concurrency, timeout)
    print("\n".join(lines), file=sys.stdout if passed else sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    run_script(main, "make load")

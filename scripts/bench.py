"""`make bench`: the portal under load, served as in production, on the current database.

    DATABASE_URL=… .venv/bin/python scripts/bench.py      (or: make bench)

1. Production-like settings (DEBUG off, a throwaway SECRET_KEY, manifest static files collected
   into a temporary STATIC_ROOT, no SSL redirect since there is no proxy), and a refusal if the
   database is empty or not migrated.
2. gunicorn with the repository's `gunicorn.conf.py` on a free port of 127.0.0.1, without
   recycling its workers during the run (see `Gunicorn.command`).
3. For each URL, found in the data, `hey` (Debian package, installed if missing) sends requests
   for BENCH_SECONDS seconds (default 5) with BENCH_CONCURRENCY clients (default 8) after a
   short warm-up; the big CSV export runs one request at a time, and the peak memory (VmHWM) of
   the gunicorn workers is read meanwhile.
4. One Markdown table: requests per second, latency percentiles, non-2xx answers, throughput as
   a share of the static file's measured in the same gunicorn run; then the targets, met or not.

When the page cache exists, every page is measured twice: cache on, then cache off (a second
gunicorn run with the cache's switch), each with its own static file measurement.
gunicorn is stopped whatever happens (error, Ctrl-C, SIGTERM).
"""

import os
import sys
import tempfile
from pathlib import Path

# `python scripts/bench.py` puts scripts/ first on the path, not the repository.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.perf import positive_number, run_script  # noqa: E402
from scripts.perf.data import (  # noqa: E402
    check_data,
    common_status,
    data_volume,
    machine_description,
    setup_django,
)
from scripts.perf.gunicorn import GUNICORN_CONF, Gunicorn, PeakMemory, collectstatic, production_env  # noqa: E402
from scripts.perf.hey import ensure_hey, run_hey  # noqa: E402
from scripts.perf.report import Row, Target, report_table, verdicts  # noqa: E402

STATIC_FILE = "css/portal.css"

# The page cache's switch (core/page_cache/): settings.PAGE_CACHE, read from this variable.
CACHE_SWITCH = "PAGE_CACHE"


def bench_targets():
    """The URLs to measure, found in the data: the static file first (the reference)."""
    from django.templatetags.static import static
    from django.urls import reverse

    from poles.models import Pole

    status = common_status()
    pole = Pole.objects.order_by("name").first()
    return [
        Target("fichier statique", static(STATIC_FILE), "static"),
        Target("accueil", reverse("home"), "page"),
        Target("pôles filtrés", f"{reverse('poles:list')}?status={status}", "page"),
        Target("page d'un pôle", pole.get_absolute_url(), "page"),
        Target("financements", reverse("funding:list"), "page"),
        # The map, drawn by the server (issue 19: under 30 ms uncached).
        Target("carte", reverse("map"), "page", p95_target=0.030),
        Target("export CSV des pôles", reverse("poles:export_csv"), "export"),
        # The API: a page of 50, as a reuser reads it (issue 18: p95 < 100 ms uncached).
        Target("API : pôles", f"{reverse('api:pole-list')}?limit=50", "page"),
        Target("API : un pôle", reverse("api:pole-detail", args=[pole.slug]), "page"),
        Target("API : acteurs", f"{reverse('api:actor-list')}?limit=50&offset=1000", "page"),
        Target("API : financements", f"{reverse('api:fundingline-list')}?limit=50", "page"),
        # The big one at national scale: one at a time, to read one export's memory.
        Target(
            "export CSV des acteurs",
            reverse("actors:export_csv"),
            "export",
            concurrency=1,
            measure_memory=True,
        ),
        # The data package's biggest file (/donnees/): streamed, one at a time, its memory read.
        Target(
            "données ouvertes : acteurs.csv",
            reverse("data:csv", args=["acteurs"]),
            "export",
            concurrency=1,
            measure_memory=True,
        ),
    ]


def measure(server, mode, targets, seconds, concurrency):
    rows = []
    static_rps = None
    for target in targets:
        clients = target.concurrency or concurrency
        url = f"{server.url}{target.path}"
        print(f"  {mode} · {target.label} ({target.path}), {clients} client(s)…", flush=True)
        if target.measure_memory:
            # No warm-up: the workers' memory at rest is read before the first export.
            with PeakMemory(server) as memory:
                result = run_hey(url, clients, seconds=seconds)
        else:
            memory = None
            run_hey(url, clients, requests=clients)  # warm-up: templates, connections, cache
            result = run_hey(url, clients, seconds=seconds)
        if target.kind == "static":
            static_rps = result.rps
        rows.append(
            Row(
                mode,
                target,
                result,
                static_rps,
                clients,
                peak_memory=memory.peak if memory else None,
                idle_memory=memory.idle if memory else None,
            )
        )
    return rows


def runs(env):
    """(mode, environment, whether exports are measured) of each gunicorn run: cache on, then
    off, when the portal has a page cache (exports are never cached: measured once)."""
    from django.conf import settings

    if not hasattr(settings, CACHE_SWITCH):
        return [("sans cache", env, True)]
    return [
        ("avec cache", {**env, CACHE_SWITCH: "true"}, False),
        ("sans cache", {**env, CACHE_SWITCH: "false"}, True),
    ]


def main():
    seconds = positive_number("BENCH_SECONDS", 5, float)
    concurrency = positive_number("BENCH_CONCURRENCY", 8)
    # Static files collected for this run only, unless STATIC_ROOT names a folder.
    with tempfile.TemporaryDirectory(prefix="ess_bench_static_") as static_root:
        # The API's rate limit is not what is measured: hey asks far faster than a reuser.
        env = production_env(
            {"STATIC_ROOT": static_root, "API_RATE_LIMIT": "1000000/s", **os.environ}
        )
        os.environ.update(env)
        setup_django()
        check_data()
        ensure_hey()
        collectstatic(env)
        return measure_all(env, seconds, concurrency)


def measure_all(env, seconds, concurrency):
    targets = bench_targets()
    print("Machine :")
    for line in machine_description():
        print(f"  {line}")
    print(f"Données : {data_volume()}")
    conf = GUNICORN_CONF.name if GUNICORN_CONF.exists() else "arguments par défaut du script"
    print(f"gunicorn : {conf} ; {seconds:g} s par URL, {concurrency} clients simultanés\n")
    rows = []
    for mode, run_env, with_exports in runs(env):
        measured = [target for target in targets if with_exports or target.kind != "export"]
        with Gunicorn(run_env) as server:
            print(f"gunicorn {mode} : {len(server.worker_pids())} workers", flush=True)
            rows += measure(server, mode, measured, seconds, concurrency)
    print()
    print(report_table(rows))
    print()
    print("Objectifs :")
    print("\n".join(verdicts(rows)))
    return 0


if __name__ == "__main__":
    run_script(main, "make bench")

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
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN_CONF = BASE_DIR / "gunicorn.conf.py"
STATIC_FILE = "css/portal.css"
HEY_TIMEOUT = 120  # seconds for one request: the national CSV export takes a few
START_TIMEOUT = 30  # seconds for gunicorn to answer
STOP_TIMEOUT = 30  # seconds for gunicorn to stop after SIGTERM

# The page cache's switch (ess_portal/page_cache/): settings.PAGE_CACHE, read from this variable.
CACHE_SWITCH = "PAGE_CACHE"

# Targets of issue 6.
POLE_RATIO_TARGET = 0.60  # a pole's page: at least 60 % of the static file's throughput
P95_TARGET = 0.100  # seconds, every page uncached
EXPORT_MEMORY_TARGET = 150 * 1024 * 1024  # bytes, peak of a worker during the actors export


class BenchError(Exception):
    """A reason to stop, in French, for the person who ran `make bench`."""


@dataclass
class Target:
    label: str
    path: str
    kind: str  # "static", "page" or "export"
    concurrency: int | None = None  # None: BENCH_CONCURRENCY
    measure_memory: bool = False


@dataclass
class HeyResult:
    rps: float
    total: int  # answers received
    slowest: float | None = None  # seconds
    statuses: dict = field(default_factory=dict)  # {200: 527}
    errors: dict = field(default_factory=dict)  # {"context deadline exceeded": 3}
    percentiles: dict = field(default_factory=dict)  # {50: 0.0035} in seconds

    @property
    def failures(self):
        """Answers outside 2xx, plus requests that got no answer."""
        bad = sum(count for status, count in self.statuses.items() if not 200 <= status < 300)
        return bad + sum(self.errors.values())


@dataclass
class Row:
    mode: str  # "avec cache", "sans cache"
    target: Target
    result: HeyResult
    static_rps: float | None = None
    concurrency: int = 0
    peak_memory: int | None = None  # bytes
    idle_memory: int | None = None  # bytes

    @property
    def ratio(self):
        if not self.static_rps:
            return None
        return self.result.rps / self.static_rps


# --- hey -------------------------------------------------------------------------------------

RPS_RE = re.compile(r"^\s*Requests/sec:\s*([\d.]+)", re.MULTILINE)
SLOWEST_RE = re.compile(r"^\s*Slowest:\s*([\d.]+) secs", re.MULTILINE)
PERCENTILE_RE = re.compile(r"^\s*(\d+)% in ([\d.]+) secs", re.MULTILINE)
STATUS_RE = re.compile(r"^\s*\[(\d{3})\]\s+(\d+) responses", re.MULTILINE)
ERROR_RE = re.compile(r"^\s*\[(\d+)\]\s+(.*\S)\s*$")


def parse_hey(output):
    """hey's summary → HeyResult. hey leaves out (or writes `0% in 0.0000 secs` for) the
    percentiles it has too few answers for: ~20 for p95, ~100 for p99; they stay absent."""
    match = RPS_RE.search(output)
    if not match:
        raise BenchError(f"Sortie de hey illisible :\n{output}")
    percentiles = {
        int(p): float(seconds) for p, seconds in PERCENTILE_RE.findall(output) if int(p) > 0
    }
    statuses = {int(code): int(count) for code, count in STATUS_RE.findall(output)}
    errors = {}
    if "Error distribution:" in output:
        for line in output.split("Error distribution:", 1)[1].splitlines():
            error = ERROR_RE.match(line)
            if error:
                errors[error.group(2)] = errors.get(error.group(2), 0) + int(error.group(1))
    slowest = SLOWEST_RE.search(output)
    return HeyResult(
        rps=float(match.group(1)),
        total=sum(statuses.values()),
        slowest=float(slowest.group(1)) if slowest and statuses else None,
        statuses=statuses,
        errors=errors,
        percentiles=percentiles,
    )


def hey_command(url, concurrency, seconds=None, requests=None):
    command = ["hey", "-c", str(concurrency), "-t", str(HEY_TIMEOUT), "-disable-redirects"]
    if seconds is not None:
        command += ["-z", f"{seconds:g}s"]
    else:
        command += ["-n", str(requests)]
    return [*command, url]


def run_hey(url, concurrency, seconds=None, requests=None):
    command = hey_command(url, concurrency, seconds, requests)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"hey a échoué ({' '.join(command)}) :\n{done.stderr or done.stdout}")
    return parse_hey(done.stdout)


def ensure_hey():
    """hey on the PATH, installed from Debian's packages when missing and we are root."""
    if shutil.which("hey"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(
            "Le générateur de charge « hey » est introuvable. "
            "Installez-le (Debian/Ubuntu : sudo apt-get install hey) puis relancez make bench."
        )
    print("Installation de hey (apt-get install hey)…", flush=True)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "hey"]):
        if subprocess.run(command, check=False).returncode != 0:
            raise BenchError(f"Échec de « {' '.join(command)} » : installez hey à la main.")
    if not shutil.which("hey"):
        raise BenchError("hey reste introuvable après son installation.")


# --- environment, data, URLs -------------------------------------------------------------------


def bench_env(environ):
    """The environment of a production run, on the database `environ` names."""
    env = dict(environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No TLS proxy in front of gunicorn here: an SSL redirect would answer every page.
        SECURE_SSL_REDIRECT="false",
        DJANGO_SETTINGS_MODULE="ess_portal.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


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


def bench_targets():
    """The URLs to measure, found in the data: the static file first (the reference)."""
    from django.db.models import Count
    from django.templatetags.static import static
    from django.urls import reverse

    from poles.enums import PoleStatus
    from poles.models import Pole

    statuses = Pole.objects.values("status").annotate(count=Count("id")).order_by("-count")
    status_values = [row["status"] for row in statuses]
    status = PoleStatus.OPERATING if PoleStatus.OPERATING in status_values else status_values[0]
    pole = Pole.objects.order_by("name").first()
    return [
        Target("fichier statique", static(STATIC_FILE), "static"),
        Target("accueil", reverse("home"), "page"),
        Target("pôles filtrés", f"{reverse('poles:list')}?status={status}", "page"),
        Target("page d'un pôle", pole.get_absolute_url(), "page"),
        Target("financements", reverse("funding:list"), "page"),
        Target("export CSV des pôles", reverse("poles:export_csv"), "export"),
        # The big one at national scale: one at a time, to read one export's memory.
        Target(
            "export CSV des acteurs",
            reverse("actors:export_csv"),
            "export",
            concurrency=1,
            measure_memory=True,
        ),
    ]


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
    from poles.models import Actor, FundingLine, Pole

    return (
        f"{Pole.objects.count()} pôles, {Actor.objects.count()} acteurs, "
        f"{FundingLine.objects.count()} lignes de financement"
    )


# --- gunicorn ----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn as in production, on a free port; `with Gunicorn(env) as server: server.url`."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = None

    def command(self):
        command = [sys.executable, "-m", "gunicorn"]
        if GUNICORN_CONF.exists():
            command += ["--config", str(GUNICORN_CONF)]
        else:
            command += ["--workers", str(2 * (os.cpu_count() or 1) + 1)]
        # The command line wins over the configuration file. Only the address changes, and
        # workers are not recycled during the run: a worker replaced after its max_requests
        # (about 1 000, reached by each worker within one static file measurement) loads
        # Django again and starts with an empty page cache, in the middle of the next URL.
        return [
            *command,
            *("--bind", f"127.0.0.1:{self.port}", "--max-requests", "0"),
            "ess_portal.wsgi",
        ]

    def __enter__(self):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            self.command(), cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn s'est arrêté au démarrage :\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # it answers; the page's status is measured later
            except OSError:
                time.sleep(0.2)
        raise BenchError(f"gunicorn ne répond pas après {START_TIMEOUT} s :\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines=30):
        self.log.seek(0)
        return "\n".join(self.log.read().splitlines()[-lines:])

    def worker_pids(self):
        """The worker processes: children of the gunicorn master."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …; comm may hold spaces and parentheses.
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return pids


def memory_of(pid, key):
    """VmHWM (peak resident memory) or VmRSS of a process, in bytes; None if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class PeakMemory:
    """The highest VmHWM of gunicorn's workers while the block runs, their peaks reset first
    (`clear_refs`), read every 0.1 s so that a worker replaced meanwhile is counted too."""

    def __init__(self, server):
        self.server = server
        self.peak = 0
        self.idle = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        for pid in self.server.worker_pids():
            self.idle = max(self.idle, memory_of(pid, "VmRSS") or 0)
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to VmRSS
            except OSError:
                pass
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        self._read()

    def _read(self):
        for pid in self.server.worker_pids():
            self.peak = max(self.peak, memory_of(pid, "VmHWM") or 0)

    def _watch(self):
        while not self._stop.wait(0.1):
            self._read()


# --- the run -----------------------------------------------------------------------------------


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


def milliseconds(seconds):
    return "–" if seconds is None else f"{seconds * 1000:.1f}"


def percent(ratio):
    return f"{ratio * 100:.0f} %"


def mebibytes(size):
    return f"{size / 1024 / 1024:.0f} Mo"


def report_table(rows):
    """The results as a Markdown table (readable as it is in a terminal)."""
    header = (
        "| URL | mode | clients | réponses | requêtes/s | p50 (ms) | p95 (ms) | p99 (ms) "
        "| max (ms) | hors 2xx | / statique |"
    )
    lines = [header, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for row in rows:
        result = row.result
        if row.target.kind == "static":
            ratio = "réf."
        else:
            ratio = "–" if row.ratio is None else percent(row.ratio)
        lines.append(
            f"| `{row.target.path}` | {row.mode} | {row.concurrency} | {result.total} "
            f"| {result.rps:.{1 if result.rps >= 1 else 3}f} "
            f"| {milliseconds(result.percentiles.get(50))} "
            f"| {milliseconds(result.percentiles.get(95))} "
            f"| {milliseconds(result.percentiles.get(99))} "
            f"| {milliseconds(result.slowest)} | {result.failures} | {ratio} |"
        )
    return "\n".join(lines)


def met(ok):
    return "atteint" if ok else "NON atteint"


def verdicts(rows):
    """Each target of issue 6, met or not, from the rows."""

    lines = []
    cached = any(row.mode == "avec cache" for row in rows)
    for row in rows:
        if row.target.label == "page d'un pôle" and (row.mode == "avec cache" or not cached):
            lines.append(
                f"- page d'un pôle à {percent(row.ratio)} du fichier statique ({row.mode}) : "
                f"objectif ≥ {percent(POLE_RATIO_TARGET)} {met(row.ratio >= POLE_RATIO_TARGET)}"
            )
    for row in rows:
        if row.target.kind == "page" and row.mode == "sans cache":
            lines.append(f"- {row.target.label}, {p95_verdict(row.result)}")
    for row in rows:
        if row.peak_memory is not None:
            lines.append(
                f"- {row.target.label} : pic mémoire d'un worker {mebibytes(row.peak_memory)} "
                f"(au repos {mebibytes(row.idle_memory)}) : objectif < "
                f"{mebibytes(EXPORT_MEMORY_TARGET)} {met(row.peak_memory < EXPORT_MEMORY_TARGET)}"
            )
    failures = [row for row in rows if row.result.failures]
    for row in failures:
        details = {**{str(k): v for k, v in row.result.statuses.items()}, **row.result.errors}
        lines.append(f"- ATTENTION {row.target.path} ({row.mode}) : réponses {details}")
    return lines


def p95_verdict(result):
    """hey gives no p95 under ~20 answers; the slowest answer still bounds it from above,
    and the median from below."""
    target = f"objectif < {P95_TARGET * 1000:.0f} ms"
    p95 = result.percentiles.get(95)
    if p95 is not None:
        return f"p95 sans cache {milliseconds(p95)} ms : {target} {met(p95 < P95_TARGET)}"
    if result.slowest is not None and result.slowest < P95_TARGET:
        return f"la plus lente des réponses en {milliseconds(result.slowest)} ms : {target} atteint"
    p50 = result.percentiles.get(50)
    if p50 is not None and p50 >= P95_TARGET:  # p95 ≥ p50
        return f"p50 sans cache {milliseconds(p50)} ms, donc p95 plus lent : {target} NON atteint"
    return (
        f"p95 non mesuré ({result.total} réponse{'s' if result.total > 1 else ''}, la plus lente en "
        f"{milliseconds(result.slowest)} ms) : {target} non vérifié"
    )


def collectstatic(env):
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"collectstatic a échoué :\n{done.stderr}")


def positive_number(name, default, kind=int):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if value <= 0:
        what = "un entier positif" if kind is int else "un nombre positif"
        raise BenchError(f"{name} doit être {what}, pas {raw!r}.")
    return value


def main():
    seconds = positive_number("BENCH_SECONDS", 5, float)
    concurrency = positive_number("BENCH_CONCURRENCY", 8)
    # Static files collected for this run only, unless STATIC_ROOT names a folder.
    with tempfile.TemporaryDirectory(prefix="ess_bench_static_") as static_root:
        env = bench_env({"STATIC_ROOT": static_root, **os.environ})
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


def interrupted(signum, frame):
    raise SystemExit(128 + signum)  # so that gunicorn is stopped by the `with` blocks


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, interrupted)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"make bench : {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)

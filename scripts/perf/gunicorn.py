"""gunicorn as in production (the repository's gunicorn.conf.py, DEBUG off, whitenoise's
manifest static files) on a free port of 127.0.0.1, and the memory of its workers."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.perf import BASE_DIR, BenchError

GUNICORN_CONF = BASE_DIR / "gunicorn.conf.py"
START_TIMEOUT = 30  # seconds for gunicorn to answer
STOP_TIMEOUT = 30  # seconds for gunicorn to stop after SIGTERM


def production_env(environ):
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn as in production, on a free port; `with Gunicorn(env) as server: server.url`.

    `recycle_workers=False` (the bench) turns max_requests off; `make load` keeps it."""

    def __init__(self, env, recycle_workers=False):
        self.env = env
        self.recycle_workers = recycle_workers
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
        # The command line wins over the configuration file. Only the address changes, and,
        # for the bench, workers are not recycled during the run: a worker replaced after its
        # max_requests (about 1 000, reached by each worker within one static file
        # measurement) loads Django again and starts with an empty page cache, in the middle
        # of the next URL.
        command += ["--bind", f"127.0.0.1:{self.port}"]
        if not self.recycle_workers:
            command += ["--max-requests", "0"]
        return [*command, "ess_portal.wsgi"]

    def __enter__(self):
        # Read through its name only: gunicorn writes through the same open file, whose
        # position a seek of ours would move under its feet.
        self.log = tempfile.NamedTemporaryFile(prefix="ess_gunicorn_", suffix=".log")
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
        self.log.close()

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

    def log_size(self):
        """Where the log ends now: `log_text(since=…)` reads what came after."""
        return os.path.getsize(self.log.name)

    def log_text(self, since=0):
        with open(self.log.name, "rb") as log:
            log.seek(since)
            return log.read().decode(errors="replace")

    def log_tail(self, lines=30):
        return "\n".join(self.log_text().splitlines()[-lines:])

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

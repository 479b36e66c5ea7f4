"""The load generator `hey` (Debian package): installed if missing, run, its summary read."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from scripts.perf import BenchError

HEY_TIMEOUT = 120  # seconds for one request: the national CSV export takes a few


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

    @property
    def not_ok(self):
        """Answers other than 200, plus requests that got no answer (`make load`)."""
        return self.total - self.statuses.get(200, 0) + sum(self.errors.values())


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


def hey_command(url, concurrency, seconds=None, requests=None, timeout=HEY_TIMEOUT):
    """`timeout`: seconds hey waits for one answer before counting the request as failed."""
    command = ["hey", "-c", str(concurrency), "-t", f"{timeout:g}", "-disable-redirects"]
    if seconds is not None:
        command += ["-z", f"{seconds:g}s"]
    else:
        command += ["-n", str(requests)]
    return [*command, url]


def run_hey(url, concurrency, seconds=None, requests=None, timeout=HEY_TIMEOUT):
    command = hey_command(url, concurrency, seconds, requests, timeout)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"hey a échoué ({' '.join(command)}) :\n{done.stderr or done.stdout}")
    return parse_hey(done.stdout)


def ensure_hey(script="make bench"):
    """hey on the PATH, installed from Debian's packages when missing and we are root."""
    if shutil.which("hey"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(
            "Le générateur de charge « hey » est introuvable. "
            "Installez-le (Debian/Ubuntu : sudo apt-get install hey) "
            f"puis relancez {script}."
        )
    print("Installation de hey (apt-get install hey)…", flush=True)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "hey"]):
        if subprocess.run(command, check=False).returncode != 0:
            raise BenchError(f"Échec de « {' '.join(command)} » : installez hey à la main.")
    if not shutil.which("hey"):
        raise BenchError("hey reste introuvable après son installation.")

"""The bench's rows, its Markdown table and its verdicts against the targets of issue 6."""

from dataclasses import dataclass

from scripts.perf.hey import HeyResult

# Targets of issue 6.
POLE_RATIO_TARGET = 0.60  # a pole's page: at least 60 % of the static file's throughput
P95_TARGET = 0.100  # seconds, every page uncached
EXPORT_MEMORY_TARGET = 150 * 1024 * 1024  # bytes, peak of a worker during the actors export


@dataclass
class Target:
    label: str
    path: str
    kind: str  # "static", "page" or "export"
    concurrency: int | None = None  # None: BENCH_CONCURRENCY
    measure_memory: bool = False
    p95_target: float = P95_TARGET  # seconds, uncached (the map: 30 ms, issue 19)


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
            lines.append(f"- {row.target.label}, {p95_verdict(row.result, row.target.p95_target)}")
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


def p95_verdict(result, goal=P95_TARGET):
    """hey gives no p95 under ~20 answers; the slowest answer still bounds it from above,
    and the median from below."""
    target = f"objectif < {goal * 1000:.0f} ms"
    p95 = result.percentiles.get(95)
    if p95 is not None:
        return f"p95 sans cache {milliseconds(p95)} ms : {target} {met(p95 < goal)}"
    if result.slowest is not None and result.slowest < goal:
        return f"la plus lente des réponses en {milliseconds(result.slowest)} ms : {target} atteint"
    p50 = result.percentiles.get(50)
    if p50 is not None and p50 >= goal:  # p95 ≥ p50
        return f"p50 sans cache {milliseconds(p50)} ms, donc p95 plus lent : {target} NON atteint"
    return (
        f"p95 non mesuré ({result.total} réponse{'s' if result.total > 1 else ''}, la plus lente en "
        f"{milliseconds(result.slowest)} ms) : {target} non vérifié"
    )

"""What `make bench` (scripts/bench.py) and `make load` (scripts/load.py) share: gunicorn as in
production (`gunicorn`), the load generator `hey` (`hey`), the database and the machine
(`data`), and the bench's table (`report`)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class BenchError(Exception):
    """A reason to stop, in French, for the person who ran the script."""


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


def run_script(main, name):
    """The entry point of a script: its exit status, a BenchError as one French line on the
    standard error (`make bench : …`), and SIGTERM or Ctrl-C leaving through the `with`
    blocks, so that gunicorn is stopped whatever happens."""
    import signal
    import sys

    def interrupted(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"{name} : {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)

"""gunicorn, as in production: `gunicorn -c gunicorn.conf.py ess_portal.wsgi` (`make serve`).

Environment (a bad value stops start-up with « Configuration invalide : … »):
- HOST: `127.0.0.1` (default: only a proxy on this machine reaches it) or `0.0.0.0`
  (every interface);
- PORT: 8000 by default;
- WEB_CONCURRENCY: the number of workers; default 2 × processors + 1 (5 on 2 cores). The
  workers are synchronous: one request at a time each, so a worker waiting on PostgreSQL
  leaves its processor to another; about two per processor keeps both busy, and the spare
  one covers a worker streaming a long export. Measured on 2 cores (README).
- GUNICORN_TIMEOUT: seconds a worker may spend on one request before it is restarted;
  120 by default, for the exports of national lists, which stream for a while;
- ACCESS_LOG: `true` writes one line per request to the standard output.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from ess_portal.env import env_bool, env_int


def processors():
    """The processors this process may run on (a container's share, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


try:
    bind = [f"{os.environ.get('HOST') or '127.0.0.1'}:{env_int('PORT', 8000, minimum=1)}"]
    workers = env_int("WEB_CONCURRENCY", 2 * processors() + 1, minimum=1)
    timeout = env_int("GUNICORN_TIMEOUT", 120, minimum=1)
    accesslog = "-" if env_bool("ACCESS_LOG", False) else None
except ImproperlyConfigured as error:
    sys.exit(f"Configuration invalide : {error}")

worker_class = "sync"
graceful_timeout = 30
# A worker is replaced after 1 000 to 1 500 requests: memory a request left behind (a big
# export) is given back. The workers share the requests evenly, so they reach their limit
# together unless the jitter is wide: with 100, `make load` saw all five replaced within a
# second or two, and no request started for 3 to 8 s (p99 up to 11 s, 64 clients).
max_requests = 1000
max_requests_jitter = 500
# Django is loaded once, in the master, before the workers are forked: a replacement worker
# starts in milliseconds instead of importing everything again (seconds on a busy machine,
# the stall above). Nothing opens a database connection or a socket at import time (each
# worker opens its own on its first request). New code needs a restart of gunicorn, not a
# HUP: the master keeps the code it loaded.
preload_app = True

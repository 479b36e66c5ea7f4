"""Redis unreachable: pages are rendered without the cache, never a 500.

After a failed call, this process leaves Redis alone for RETRY_AFTER seconds (so that a
Redis that does not answer costs each request nothing, not a connection timeout), then
tries again. It says so in the log at most once every LOG_EVERY seconds, not at every
request. The state is each process's own."""

import logging
import math
import time

from redis.exceptions import RedisError

logger = logging.getLogger("core.page_cache")

CACHE_ERRORS = (RedisError,)
RETRY_AFTER = 10  # seconds
LOG_EVERY = 5 * 60  # seconds

_state = {"retry_at": -math.inf, "logged_at": -math.inf}


def cache_usable():
    """False while this process leaves an unreachable Redis alone."""
    return time.monotonic() >= _state["retry_at"]


def cache_failed(error, what="pages publiques servies sans cache"):
    now = time.monotonic()
    _state["retry_at"] = now + RETRY_AFTER
    if now - _state["logged_at"] >= LOG_EVERY:
        _state["logged_at"] = now
        logger.warning(
            "Cache Redis injoignable (%s : %s) : %s ; nouvel essai toutes les %s s, "
            "prochain message dans %s min au plus tôt.",
            type(error).__name__,
            error,
            what,
            RETRY_AFTER,
            LOG_EVERY // 60,
        )


def reset():
    """Forget past failures (tests)."""
    _state.update(retry_at=-math.inf, logged_at=-math.inf)

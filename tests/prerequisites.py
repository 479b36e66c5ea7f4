"""What a test needs from the machine (Redis, hey…): missing, the test is skipped with the
reason outside CI, and fails with it in CI (`CI` set, as `.ci/run` does), so that a CI run
never passes while leaving a whole area untested."""

import os
import shutil

import pytest
import redis

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# The Redis tests empty their database: database 0 (the usual one) is never used, each
# pytest-xdist worker gets its own (gw0 → 1, gw1 → 2…), so that two workers never empty
# each other's.
FIRST_TEST_DATABASE = 1


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason):
    """Skip the test with `reason`, or fail it in CI."""
    if in_ci():
        pytest.fail(f"{reason} — requis en CI (variable CI définie).", pytrace=False)
    pytest.skip(reason)


def require_program(name, package=None):
    if not shutil.which(name):
        missing(f"{name} n'est pas installé (apt-get install {package or name})")


def worker_database(worker=None):
    """The Redis database of this pytest-xdist worker (PYTEST_XDIST_WORKER, gw0, gw1…;
    unset without xdist: the first one)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "") if worker is None else worker
    index = int(worker.removeprefix("gw") or 0)
    return FIRST_TEST_DATABASE + index


def redis_test_url():
    """redis://127.0.0.1:6379/<this worker's database>, once Redis answers there (skipped,
    or failed in CI, otherwise)."""
    database = worker_database()
    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{database}"
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=1)
    try:
        client.ping()
        databases = int(client.config_get("databases").get("databases", 16))
    except redis.ConnectionError as error:
        missing(
            f"Redis ne répond pas sur {REDIS_HOST}:{REDIS_PORT} ({error}) : cache partagé non testé"
        )
    except redis.ResponseError:
        databases = 16  # CONFIG refused (renamed or disabled): Redis's default
    finally:
        client.close()
    if database >= databases:
        missing(
            f"Redis n'a que {databases} bases : pas de base libre pour le worker "
            f"{os.environ.get('PYTEST_XDIST_WORKER')} (moins de workers, ou « databases » plus grand)"
        )
    return url

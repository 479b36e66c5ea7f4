"""Read settings from the environment; a bad value stops start-up naming the variable."""

import os
import re
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name} doit valoir true ou false (ou 1/0, yes/no, on/off), pas {raw!r}."
    )


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if not all(items):
        raise ImproperlyConfigured(
            f"{name} doit être une liste séparée par des virgules, sans élément vide : {raw!r}."
        )
    return items


def env_secret_key(name, debug):
    value = os.environ.get(name, "")
    if value:
        if not debug and len(value) < 50:
            raise ImproperlyConfigured(f"{name} doit compter au moins 50 caractères en production.")
        return value
    if debug:
        return "dev-only-insecure-key-never-use-in-production"
    raise ImproperlyConfigured(f"{name} est obligatoire quand DEBUG est désactivé.")


def env_int(name, default, minimum=0):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ImproperlyConfigured(
            f"{name} doit être un nombre entier d'au moins {minimum}, pas {raw!r}."
        )
    return value


def env_site_url(name, default):
    """The portal's public address (`https://poles.example.org`), for the links it writes
    outside a page (exports): never read from a request's Host header. Returned without a
    final slash."""
    raw = os.environ.get(name, "").strip() or default
    try:
        url = urlsplit(raw)
        url.port  # noqa: B018  (a port that is not a number raises ValueError)
    except ValueError:
        url = None
    if (
        url is None
        or url.scheme not in ("http", "https")
        or not url.hostname
        or url.path not in ("", "/")
        or url.query
        or url.fragment
        or url.username
        or url.password
    ):
        # An address holding a password is not repeated.
        shown = "" if "@" in raw else f", pas {raw!r}"
        raise ImproperlyConfigured(
            f"{name} doit être l'adresse publique du portail, par exemple "
            f"https://poles.example.org (sans chemin){shown}."
        )
    return raw.rstrip("/")


def env_database(name, default, conn_max_age=0):
    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(
            raw, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0
        )
    except (ValueError, KeyError) as error:
        # The value is not repeated: it may hold a password.
        raise ImproperlyConfigured(
            f"{name} n'est pas une adresse de base de données reconnue "
            "(attendu : sqlite:///chemin ou postgres://utilisateur@hôte:port/base)."
        ) from error
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"{name} doit désigner SQLite ou PostgreSQL, pas {engine.rsplit('.', 1)[-1]!r}."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} ne nomme aucune base de données.")
    return config


def env_cache(name):
    """The cache: unset, each process keeps its own in memory; `redis://[:mot-de-passe@]hôte
    [:port][/base]` (or `rediss://…`, `unix:///chemin?db=N`) selects a Redis shared by every
    process and app server."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not _is_redis_url(raw):
        # The value is not repeated: it may hold a password.
        raise ImproperlyConfigured(
            f"{name} n'est pas une adresse Redis reconnue (attendu : "
            "redis://hôte:6379/0, rediss://… ou unix:///chemin/redis.sock)."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}


def _is_redis_url(raw):
    try:
        url = urlsplit(raw)
        url.port  # noqa: B018  (a port that is not a number raises ValueError)
    except ValueError:
        return False
    if url.scheme == "unix":
        return bool(url.path)
    return (
        url.scheme in ("redis", "rediss")
        and bool(url.hostname)
        and re.fullmatch(r"/?|/\d+", url.path) is not None
    )

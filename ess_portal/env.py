"""Read settings from the environment; a bad value stops start-up naming the variable."""

import os
import re
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

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


EMAIL_CONSOLE = "django.core.mail.backends.console.EmailBackend"
EMAIL_SMTP = "django.core.mail.backends.smtp.EmailBackend"
# Django's own variables, the other way to name the server.
EMAIL_VARIABLES = (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
)
SUBMISSION_PORT = 587  # where servers expect STARTTLS
SMTPS_PORT = 465  # TLS from the first byte


def env_email():
    """How the portal sends its e-mails: Django's EMAIL_* settings, as a dict.

    - nothing set: each message is printed on the console (`make run`, tests by hand);
    - `EMAIL_URL=smtp://utilisateur:mot-de-passe@hôte:587`: SMTP, with STARTTLS on port 587
      or with `?tls=1` (`?tls=0` turns it off), port 25 when none is given;
      `smtps://…` for TLS from the connection on (port 465 when none is given); `console:`
      for the console. User and password are percent-encoded (`%40` for `@`, `%3A` for `:`);
    - or Django's own variables `EMAIL_HOST`, `EMAIL_PORT` (25; 587 with `EMAIL_USE_TLS`, 465
      with `EMAIL_USE_SSL`), `EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS`,
      `EMAIL_USE_SSL`; not both ways at once.
    """
    url = os.environ.get("EMAIL_URL", "").strip()
    given = [name for name in EMAIL_VARIABLES if os.environ.get(name, "").strip()]
    if url and given:
        raise ImproperlyConfigured(
            f"EMAIL_URL et {given[0]} sont donnés ensemble : nommez le serveur d'envoi "
            "d'une seule façon."
        )
    if url:
        return _email_url("EMAIL_URL", url)
    if given:
        return _email_variables(given)
    return _email_settings(EMAIL_CONSOLE)


def _email_settings(backend, host="localhost", port=25, user="", password="", tls=False, ssl=False):
    return {
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": host,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": user,
        "EMAIL_HOST_PASSWORD": password,
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }


def _email_url(name, raw):
    # The value is never repeated: it may hold a password.
    expected = ImproperlyConfigured(
        f"{name} n'est pas une adresse de serveur d'envoi reconnue (attendu : "
        "smtp://utilisateur:mot-de-passe@hôte:587, smtps://utilisateur:mot-de-passe@hôte:465 "
        "ou console:)."
    )
    try:
        url = urlsplit(raw)
        port = url.port
    except ValueError:
        raise expected from None
    if url.scheme == "console" and not (url.netloc or url.path or url.query or url.fragment):
        return _email_settings(EMAIL_CONSOLE)
    if (
        url.scheme not in ("smtp", "smtps")
        or not url.hostname
        or url.path not in ("", "/")
        or url.fragment
        or port == 0
    ):
        raise expected
    options = parse_qs(url.query, keep_blank_values=True)
    unknown = sorted(set(options) - {"tls"})
    if unknown:
        raise ImproperlyConfigured(
            f"{name} : paramètre {unknown[0]!r} inconnu (seul tls=1 ou tls=0 est reconnu)."
        )
    ssl = url.scheme == "smtps"
    port = port or (SMTPS_PORT if ssl else 25)
    tls = not ssl and port == SUBMISSION_PORT
    if "tls" in options:
        tls = options["tls"][-1].strip().lower()
        if tls not in TRUE_VALUES | FALSE_VALUES:
            raise ImproperlyConfigured(f"{name} : tls doit valoir 1 ou 0 (true ou false).")
        tls = tls in TRUE_VALUES
    if tls and ssl:
        raise ImproperlyConfigured(
            f"{name} : smtps:// chiffre déjà la connexion, tls=1 ne s'y ajoute pas "
            "(smtp://…:587 pour STARTTLS)."
        )
    return _email_settings(
        EMAIL_SMTP,
        host=url.hostname,
        port=port,
        user=unquote(url.username or ""),
        password=unquote(url.password or ""),
        tls=tls,
        ssl=ssl,
    )


def _email_variables(given):
    host = os.environ.get("EMAIL_HOST", "").strip()
    if not host:
        raise ImproperlyConfigured(
            f"{given[0]} est donné sans EMAIL_HOST : nommez le serveur d'envoi "
            "(ou donnez EMAIL_URL)."
        )
    if not re.fullmatch(r"[^\s/@]+", host):
        raise ImproperlyConfigured(
            f"EMAIL_HOST doit être le nom ou l'adresse IP du serveur d'envoi, pas {host!r} "
            "(une adresse smtp://… va dans EMAIL_URL)."
        )
    tls = env_bool("EMAIL_USE_TLS", False)
    ssl = env_bool("EMAIL_USE_SSL", False)
    if tls and ssl:
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS et EMAIL_USE_SSL s'excluent : STARTTLS (port 587) ou TLS dès la "
            "connexion (port 465), pas les deux."
        )
    port = env_int("EMAIL_PORT", SMTPS_PORT if ssl else SUBMISSION_PORT if tls else 25, 1)
    if port > 65535:
        raise ImproperlyConfigured(f"EMAIL_PORT doit être un port de 1 à 65535, pas {port}.")
    return _email_settings(
        EMAIL_SMTP,
        host=host,
        port=port,
        user=os.environ.get("EMAIL_HOST_USER", ""),
        password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        tls=tls,
        ssl=ssl,
    )


ADDRESS = re.compile(r"\s*(?:(?P<name>[^<>]*?)\s*<(?P<address>[^<>\s]+)>|(?P<bare>[^<>\s]+))\s*")


def env_address(name, default=""):
    """One e-mail address, `adresse@exemple.org` or `Nom <adresse@exemple.org>`; '' when
    neither the variable nor the default gives one."""
    raw = os.environ.get(name, "").strip() or default
    if not raw:
        return ""
    match = ADDRESS.fullmatch(raw)
    try:
        if match is None:
            raise ValidationError("")
        validate_email(match["address"] or match["bare"])
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} doit être une adresse électronique (adresse@exemple.org ou "
            f"« Nom <adresse@exemple.org> »), pas {raw!r}."
        ) from None
    return raw


RATE = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")


def env_rate(name, default):
    """A rate of Django REST Framework's throttles: « 20/s », « 600/min », « 10000/day »."""
    raw = os.environ.get(name, "").strip() or default
    if not RATE.match(raw):
        raise ImproperlyConfigured(
            f"{name} doit être un nombre de requêtes par période, par exemple 20/s, 600/min "
            f"ou 10000/day, pas {raw!r}."
        )
    return raw

"""How the portal sends e-mail, read from the environment (ess_portal/env.py): EMAIL_URL or
Django's EMAIL_HOST… variables, the console when nothing is set; a bad value stops start-up
naming the variable, never repeating a password; `check --deploy` warns while production
would print its e-mails on the console (core/checks.py)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.checks import email_backend_check
from ess_portal.env import EMAIL_VARIABLES, env_address, env_email

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def environ(monkeypatch):
    """`environ(NAME="value", …)`: exactly these e-mail variables in the environment."""
    for name in ("EMAIL_URL", *EMAIL_VARIABLES, "DEFAULT_FROM_EMAIL", "CAMPAIGN_CRES_EMAIL"):
        monkeypatch.delenv(name, raising=False)

    def set_variables(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_variables


def smtp(host, port, user="", password="", tls=False, ssl=False):
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": host,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": user,
        "EMAIL_HOST_PASSWORD": password,
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }


@pytest.mark.parametrize("variables", [{}, {"EMAIL_URL": "console:"}, {"EMAIL_URL": "  "}])
def test_nothing_set_prints_the_e_mails_on_the_console(environ, variables):
    environ(**variables)

    assert env_email()["EMAIL_BACKEND"] == CONSOLE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.org", smtp("mail.example.org", 25)),
        ("smtp://relais:2525", smtp("relais", 2525)),
        (
            "smtp://portail:s3cret@smtp.example.org:587",
            smtp("smtp.example.org", 587, "portail", "s3cret", tls=True),
        ),
        ("smtp://smtp.example.org:587?tls=0", smtp("smtp.example.org", 587)),
        ("smtp://smtp.example.org:2525?tls=1", smtp("smtp.example.org", 2525, tls=True)),
        ("smtp://smtp.example.org?tls=true", smtp("smtp.example.org", 25, tls=True)),
        (
            "smtps://portail:s3cret@smtp.example.org",
            smtp("smtp.example.org", 465, "portail", "s3cret", ssl=True),
        ),
        ("smtps://smtp.example.org:2465/", smtp("smtp.example.org", 2465, ssl=True)),
        (
            # user and password percent-encoded: « portail@cres.example.org », « p@ss:w/rd% »
            "smtp://portail%40cres.example.org:p%40ss%3Aw%2Frd%25@smtp.example.org:587",
            smtp("smtp.example.org", 587, "portail@cres.example.org", "p@ss:w/rd%", tls=True),
        ),
        ("smtp://[::1]:25", smtp("::1", 25)),
    ],
)
def test_email_url(environ, url, expected):
    environ(EMAIL_URL=url)

    assert env_email() == expected


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"EMAIL_HOST": "smtp.example.org"}, smtp("smtp.example.org", 25)),
        (
            {
                "EMAIL_HOST": "smtp.example.org",
                "EMAIL_HOST_USER": "portail@cres.example.org",
                "EMAIL_HOST_PASSWORD": "p@ss:w/rd",
                "EMAIL_USE_TLS": "true",
            },
            smtp("smtp.example.org", 587, "portail@cres.example.org", "p@ss:w/rd", tls=True),
        ),
        (
            {"EMAIL_HOST": "smtp.example.org", "EMAIL_USE_SSL": "1"},
            smtp("smtp.example.org", 465, ssl=True),
        ),
        (
            {"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "yes"},
            smtp("smtp.example.org", 2525, tls=True),
        ),
    ],
)
def test_django_s_own_variables(environ, variables, expected):
    environ(**variables)

    assert env_email() == expected


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"EMAIL_URL": "smtp.example.org"}, "EMAIL_URL"),
        ({"EMAIL_URL": "https://smtp.example.org"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://portail:s3cret@smtp.example.org:port"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://portail:s3cret@smtp.example.org:99999"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://portail:s3cret@smtp.example.org/boite"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://portail:s3cret@smtp.example.org?tls=parfois"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://portail:s3cret@smtp.example.org?ssl=1"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtps://portail:s3cret@smtp.example.org?tls=1"}, "EMAIL_URL"),
        ({"EMAIL_URL": "console://portail:s3cret@ailleurs"}, "EMAIL_URL"),
        ({"EMAIL_URL": "console:", "EMAIL_HOST": "smtp.example.org"}, "EMAIL_HOST"),
        ({"EMAIL_PORT": "587"}, "EMAIL_PORT"),
        ({"EMAIL_HOST_PASSWORD": "s3cret"}, "EMAIL_HOST_PASSWORD"),
        ({"EMAIL_HOST": "smtp://smtp.example.org"}, "EMAIL_HOST"),
        ({"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "vingt-cinq"}, "EMAIL_PORT"),
        ({"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "70000"}, "EMAIL_PORT"),
        ({"EMAIL_HOST": "smtp.example.org", "EMAIL_USE_TLS": "parfois"}, "EMAIL_USE_TLS"),
        (
            {"EMAIL_HOST": "smtp.example.org", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
            "EMAIL_USE_SSL",
        ),
    ],
)
def test_a_bad_value_names_its_variable_in_french_never_the_password(environ, variables, named):
    environ(**variables)

    with pytest.raises(ImproperlyConfigured) as error:
        env_email()

    message = str(error.value)
    assert named in message
    assert "s3cret" not in message


def test_the_sender_and_the_cres_mailbox(environ):
    assert env_address("DEFAULT_FROM_EMAIL", "Pôles ESS <noreply@localhost>") == (
        "Pôles ESS <noreply@localhost>"
    )
    assert env_address("CAMPAIGN_CRES_EMAIL") == ""

    environ(
        DEFAULT_FROM_EMAIL="Portail des pôles ESS <portail@cres-bretagne.example.org>",
        CAMPAIGN_CRES_EMAIL="fiches@cres-bretagne.example.org",
    )
    assert env_address("DEFAULT_FROM_EMAIL", "x@localhost") == (
        "Portail des pôles ESS <portail@cres-bretagne.example.org>"
    )
    assert env_address("CAMPAIGN_CRES_EMAIL") == "fiches@cres-bretagne.example.org"


@pytest.mark.parametrize(
    "value",
    ["cres", "fiches@", "Nom <pas-une-adresse>", "a@example.org, b@example.org", "a@b.org x"],
)
def test_a_bad_address_names_its_variable(environ, value):
    environ(CAMPAIGN_CRES_EMAIL=value)

    with pytest.raises(ImproperlyConfigured, match="^CAMPAIGN_CRES_EMAIL doit être une adresse"):
        env_address("CAMPAIGN_CRES_EMAIL")


@pytest.mark.parametrize(
    ("debug", "backend", "warned"),
    [(False, CONSOLE, True), (False, SMTP, False), (True, CONSOLE, False)],
)
def test_the_deployment_check_warns_about_the_console_in_production(
    settings, debug, backend, warned
):
    settings.DEBUG = debug
    settings.EMAIL_BACKEND = backend

    warnings = email_backend_check(None)

    assert [warning.id for warning in warnings] == (["ess_portal.W002"] if warned else [])


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("EMAIL_")
        and key not in ("DEFAULT_FROM_EMAIL", "CAMPAIGN_CRES_EMAIL", "DATABASE_URL", "SITE_URL")
    }
    environment.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="poles.example.org",
        SITE_URL="https://poles.example.org",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bad_email_url_stops_start_up():
    result = manage("check", EMAIL_URL="smtp://portail:s3cret@smtp.example.org:port")

    assert result.returncode != 0
    assert result.stderr.startswith("Configuration invalide : EMAIL_URL ")
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_a_mail_server_passes_the_deployment_checklist_without_one_not():
    command = ("check", "--deploy", "--fail-level", "WARNING")

    configured = manage(*command, EMAIL_URL="smtp://portail:s3cret@smtp.example.org:587")
    console = manage(*command)

    assert configured.returncode == 0, configured.stderr + configured.stdout
    assert console.returncode != 0
    assert "ess_portal.W002" in console.stderr
    assert "Aucun serveur d'envoi n'est configuré" in console.stderr

"""Django's deployment checklist passes with production values: `manage.py check --deploy`
run as production runs it (DEBUG off, a real secret key, a host name), in a process of its
own, reports nothing at all (`make check-deploy`, run by .ci/run)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**settings):
    """`manage.py check --deploy --fail-level WARNING` with production values and `settings`."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portail.example.org",
        "EMAIL_URL": "smtp://smtp.example.org:587",
        "SITE_URL": "https://portail.example.org",
        **settings,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warning():
    result = check_deploy()

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output and "?: (" not in output


def test_check_deploy_would_catch_a_missing_production_setting():
    """The same command fails on a warning: without HTTPS redirect it names security.W008."""
    result = check_deploy(SECURE_SSL_REDIRECT="false")

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_check_deploy_asks_for_the_public_address():
    """Exports write the fiches' addresses from SITE_URL: unset (the local default) or not in
    https, the checklist fails naming it."""
    for value in ("", "http://portail.example.org"):
        result = check_deploy(SITE_URL=value)

        assert result.returncode != 0
        assert "ess_portal.W001" in result.stderr
        assert "SITE_URL" in result.stderr

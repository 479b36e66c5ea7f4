"""The admin login is throttled (django-axes): five wrong passwords for one username from one
address lock that pair out for 15 minutes, and thirty failures from one address, whatever the
usernames, lock the address out for 15 minutes, with a French page; everything goes through
the real login form."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.pages import page_text

PASSWORD = "mot-de-passe-solide-2010"
LOCKOUT_TITLE = "Trop de tentatives de connexion"

pytestmark = pytest.mark.django_db


@pytest.fixture
def marie(django_user_model):
    return django_user_model.objects.create_user(
        username="marie", password=PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def paul(django_user_model):
    return django_user_model.objects.create_user(
        username="paul", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, username, password, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **headers,
    )


def logged_in(client):
    return SESSION_KEY in client.session


def fail_five_times(client, username="marie", **headers):
    for attempt in range(1, 6):
        response = log_in(client, username, "pas-le-bon", **headers)
        if attempt < 5:
            # An ordinary failure: the login form again, with Django's French message.
            assert response.status_code == 200
            assert "d'un compte autorisé" in page_text(response)
    return response


def assert_locked_out(response, client):
    assert response.status_code == 429
    text = page_text(response)
    assert LOCKOUT_TITLE in text
    assert "bloqué pendant 15 minutes depuis cette adresse" in text
    assert "CRES" in text
    assert not logged_in(client)


def test_the_fifth_wrong_password_locks_the_username_out_from_this_address(client, marie):
    response = fail_five_times(client)

    assert_locked_out(response, client)


def test_once_locked_out_even_the_right_password_is_refused(client, marie):
    fail_five_times(client)

    response = log_in(client, "marie", PASSWORD)

    assert_locked_out(response, client)
    assert "sessionid" not in response.cookies
    # The admin still sends her to the login page.
    assert client.get(reverse("admin:index")).status_code == 302


def test_another_username_from_the_same_address_can_still_log_in(client, marie, paul):
    fail_five_times(client)

    response = log_in(client, "paul", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert logged_in(client)


def test_a_success_before_the_limit_clears_the_count(client, marie):
    for _ in range(4):
        log_in(client, "marie", "pas-le-bon")
    assert log_in(client, "marie", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        response = log_in(client, "marie", "pas-le-bon")
    assert response.status_code == 200
    assert log_in(client, "marie", PASSWORD).status_code == 302


def test_axes_reset_unlocks(client, marie):
    fail_five_times(client)
    assert log_in(client, "marie", PASSWORD).status_code == 429

    call_command("axes_reset", verbosity=0)

    response = log_in(client, "marie", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_lockout_ends_after_15_minutes(client, marie):
    fail_five_times(client)
    # The attempts as if made 14 minutes ago: still locked out.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert log_in(client, "marie", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert log_in(client, "marie", PASSWORD).status_code == 302


def test_without_trusted_proxy_x_forwarded_for_is_ignored(client, marie, settings):
    """Directly exposed, a client that changes X-Forwarded-For at each attempt is still the
    same address (REMOTE_ADDR)."""
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(5):
        response = log_in(
            client, "marie", "pas-le-bon", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}"
        )

    assert_locked_out(response, client)


def test_behind_a_proxy_the_address_it_forwarded_is_the_client(client, marie, settings):
    """Behind one proxy, the right-most X-Forwarded-For address is the client's: what the
    client put to its left cannot change it, and another client behind the same proxy
    (same REMOTE_ADDR) is not locked out."""
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        response = log_in(
            client,
            "marie",
            "pas-le-bon",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{attempt}, 203.0.113.7",
        )
    assert_locked_out(response, client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}

    assert log_in(client, "marie", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    response = log_in(client, "marie", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 302


# Many usernames from one address: 30 failures within 15 minutes, whatever the usernames,
# lock the address out (AXES_ADDRESS_FAILURE_LIMIT, core/login_throttling.py).

ADDRESS_LOCKOUT = "les connexions depuis cette adresse sont bloquées pendant 15 minutes"


def try_usernames(client, count, **headers):
    """One wrong password for each of `count` usernames nobody has: the pair limit is never
    reached."""
    for number in range(count):
        response = log_in(client, f"essai{number}", "pas-le-bon", **headers)
    return response


def test_thirty_failures_on_as_many_usernames_lock_the_address_out(client, marie):
    response = try_usernames(client, 29)
    assert response.status_code == 200
    assert "d'un compte autorisé" in page_text(response)

    response = try_usernames(client, 1)

    assert response.status_code == 429
    text = page_text(response)
    assert LOCKOUT_TITLE in text
    assert ADDRESS_LOCKOUT in text
    assert "après 30 échecs de connexion, tous identifiants confondus" in text
    # Every account is refused from this address, the right password too …
    response = log_in(client, "marie", PASSWORD)
    assert response.status_code == 429 and ADDRESS_LOCKOUT in page_text(response)
    assert not logged_in(client)
    # … not from another one.
    assert log_in(client, "marie", PASSWORD, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_a_few_failures_per_username_add_up_for_the_address(client, marie):
    """Seven usernames tried four times each (28 failures, every pair under its limit of 5),
    then an eighth twice: the address reaches 30."""
    for number in range(7):
        for _ in range(4):
            response = log_in(client, f"essai{number}", "pas-le-bon")
    assert response.status_code == 200  # 28 failures

    log_in(client, "essai7", "pas-le-bon")
    response = log_in(client, "essai7", "pas-le-bon")

    assert response.status_code == 429
    assert ADDRESS_LOCKOUT in page_text(response)


def test_a_success_does_not_clear_the_address_count(client, marie, paul):
    """The attacker's own account, logged in between two series, clears its own failures
    only."""
    try_usernames(client, 29)
    assert log_in(client, "paul", PASSWORD).status_code == 302
    client.logout()

    response = log_in(client, "quelquun", "pas-le-bon")

    assert response.status_code == 429
    assert ADDRESS_LOCKOUT in page_text(response)


def test_the_address_lockout_ends_after_15_minutes(client, marie):
    try_usernames(client, 30)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert log_in(client, "marie", PASSWORD).status_code == 302

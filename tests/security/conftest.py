import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The login tests check dozens of passwords: a fast hasher keeps them quick (the
    throttling does not depend on the hasher)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

"""Web addresses (a website, a document online): only http:// and https:// ones.

An address typed without its scheme (`c2sol.fr`) is completed to `https://c2sol.fr`, by the
admin's forms as by the model field itself (validation, imports, fixtures, every save): what
is stored is the completed address. Anything else (`javascript:…`, `ftp://…`, `mailto:…`) is refused in French, and a
page shows a stored address as a link only when it is an http(s) one (`web_address`)."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

SCHEMES = ("http", "https")
MESSAGE = (
    "Saisissez l'adresse d'un site internet, commençant par https:// ou http:// "
    "(par exemple https://c2sol.fr)."
)
validate_web_address = URLValidator(schemes=list(SCHEMES), message=MESSAGE)


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]
    default_error_messages = {"invalid": MESSAGE}

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})


def completed(value):
    """`value` as the admin's forms store it: trimmed, `https://` added when it has no scheme.
    Raises ValidationError (in French) for what cannot be read as an address."""
    return WebAddressFormField(required=False).to_python(value)


def web_address(value):
    """The http(s) address `value` stands for, or '' when it is none (never a link then)."""
    try:
        address = completed(value or "")
        if address:
            validate_web_address(address)
    except ValidationError:
        return ""
    return address


def shown(address):
    """An address as a page writes it: `c2sol.fr` for https://c2sol.fr/."""
    parts = urlsplit(address)
    rest = address.split("://", 1)[1] if parts.scheme.lower() == "https" else address
    return rest.removesuffix("/") if rest.count("/") == 1 else rest


class WebAddressField(models.URLField):
    """An http or https address, completed to https:// when typed without its scheme."""

    default_validators = [validate_web_address]

    def to_python(self, value):
        """Completed when read from a form, a fixture or an import, and when saved (a
        CharField's get_prep_value calls it): what cannot be read is left to the validator."""
        value = super().to_python(value)
        try:
            return completed(value) if value else value
        except ValidationError:
            return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})

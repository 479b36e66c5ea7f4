"""Checks of `manage.py check --deploy` that Django does not make for the portal's own settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    """Exports write the fiches' addresses from SITE_URL: production must set it, in https."""
    if settings.DEBUG or settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"SITE_URL vaut {settings.SITE_URL!r} : les exports y renverraient les lecteurs.",
            hint="Donnez l'adresse publique du portail en https, par exemple "
            "SITE_URL=https://poles.example.org.",
            id="ess_portal.W001",
        )
    ]

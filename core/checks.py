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


@register(Tags.security, deploy=True)
def email_backend_check(app_configs, **kwargs):
    """In production, the console backend prints the campaigns' e-mails in a log nobody reads,
    and records them as sent."""
    if settings.DEBUG or settings.EMAIL_BACKEND != "django.core.mail.backends.console.EmailBackend":
        return []
    return [
        Warning(
            "Aucun serveur d'envoi n'est configuré : les courriels des campagnes (ouverture, "
            "rappels, soumissions, décisions) seraient écrits dans le journal, pas envoyés.",
            hint="Donnez le serveur d'envoi, par exemple "
            "EMAIL_URL=smtp://utilisateur:mot-de-passe@smtp.example.org:587 (voir le README).",
            id="ess_portal.W002",
        )
    ]

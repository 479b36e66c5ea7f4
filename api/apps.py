from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public API (/api/v1/): what the public pages show, as JSON, for reusers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API publique"

from django.apps import AppConfig


class PolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "poles"
    verbose_name = "pôles, acteurs et financements"

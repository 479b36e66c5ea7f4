from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "territories"
    verbose_name = "territoires"

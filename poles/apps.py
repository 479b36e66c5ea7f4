from django.apps import AppConfig


class PolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "poles"
    verbose_name = "pôles et leurs fiches"

    def ready(self):
        from poles import signals
        from poles.search import document

        signals.connect()
        document.connect()  # the search documents follow the texts they are made of

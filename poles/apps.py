from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "poles"
    verbose_name = "pôles, acteurs et financements"

    def ready(self):
        from ess_portal import checks  # noqa: F401  (registers the portal's deploy checks)
        from poles import signals
        from poles.search import document
        from poles.sqlite_functions import register_sqlite_functions

        signals.connect()
        document.connect()  # the search documents follow the texts they are made of

        connection_created.connect(
            register_sqlite_functions, dispatch_uid="poles.sqlite_functions.register"
        )

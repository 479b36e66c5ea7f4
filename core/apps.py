from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    """What every app shares and that knows no domain: formats, lists, exports, history,
    imports, backups and their commands. The page cache is an app of its own (core.page_cache)."""

    name = "core"
    verbose_name = "socle commun"

    def ready(self):
        from core import checks  # noqa: F401  (registers the portal's deploy checks)
        from core.sqlite_functions import register_sqlite_functions

        connection_created.connect(
            register_sqlite_functions, dispatch_uid="core.sqlite_functions.register"
        )

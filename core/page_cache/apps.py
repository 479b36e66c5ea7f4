from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core.page_cache"
    label = "page_cache"
    verbose_name = "cache des pages publiques"

    def ready(self):
        from core.page_cache import versions

        versions.connect_signals()

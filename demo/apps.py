from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic data at national scale, apart from the product: the product never imports
    it; `make bench` and the performance tests use it."""

    name = "demo"
    verbose_name = "données de démonstration"

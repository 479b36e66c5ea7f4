from django.apps import AppConfig


class WwwConfig(AppConfig):
    """The public site: the views, filters, totals, charts, downloads and addresses of `/`,
    `/poles/`, `/territoires/`, `/acteurs/` and `/financements/`, on top of the domain apps."""

    name = "www"
    verbose_name = "site public"

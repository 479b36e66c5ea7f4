from django.apps import AppConfig


class WwwConfig(AppConfig):
    """The public site: the views, filters, totals, charts, downloads and addresses of `/`,
    `/poles/`, `/territoires/`, `/acteurs/` and `/financements/`, on top of the domain apps."""

    name = "www"
    verbose_name = "site public"

    def ready(self):
        from campaigns import freeze
        from www.poles.detail import render_fiche

        # A validated fiche is kept as its page shows it (campaigns/freeze.py).
        freeze.renderer = render_fiche

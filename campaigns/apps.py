from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "campagnes annuelles des fiches"

    def ready(self):
        from campaigns.receivers import freeze_seed_fiches
        from core.backup.schema import MIGRATION_ROWS

        # The checklist campaigns/0002 starts from: a restore puts the archive's in its place.
        MIGRATION_ROWS.add("campaigns.checklistitem")
        from poles.signals import seed_loaded

        seed_loaded.connect(freeze_seed_fiches, dispatch_uid="campaigns_freeze_seed_fiches")

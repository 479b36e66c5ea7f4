"""Load fixtures/seed.json into a database that does not hold it yet.

`make run` calls this on every start: the seed is loaded once, and records staff have
edited since are never overwritten. `--force` reloads it (records keep their ids, so
nothing is duplicated, but seeded records get back the seed's values).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.page_cache import bump_data_version
from poles.search import refresh_search_documents
from poles.signals import seed_loaded
from territories.models import Region

SEED_FIXTURE = "seed"


class Command(BaseCommand):
    help = "Charge les données initiales (fixtures/seed.json) si la base ne les contient pas."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Recharger même si la base contient déjà des données "
            "(les fiches issues des documents reprennent leurs valeurs d'origine).",
        )

    def handle(self, *args, force=False, **options):
        if Region.objects.exists() and not force:
            self.stdout.write("Données initiales déjà présentes : rien à charger.")
            return
        with transaction.atomic():
            call_command("loaddata", SEED_FIXTURE, verbosity=0)
            seed_loaded.send(sender=self.__class__)
            # loaddata's saves send post_save: the loaded poles' search documents are
            # refreshed once this commits. A forced reload may also give a seeded row back to
            # another pole than the one staff moved it to: every pole is refreshed.
            if force:
                refresh_search_documents()
            bump_data_version()  # cached pages are stale once this commits
        self.stdout.write(self.style.SUCCESS("Données initiales chargées."))

"""`manage.py clean_import_files [--older-than HEURES] [--dry-run]`: removes the files sent to
« Importer » whose import was neither confirmed nor cancelled (core/imports/storage.py).
Meant for cron."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from core.formats import number
from core.imports.storage import DEFAULT_AGE, remove_stale

DEFAULT_HOURS = int(DEFAULT_AGE.total_seconds() // 3600)


class Command(BaseCommand):
    help = (
        "Supprime les fichiers envoyés à « Importer » dont l'import n'a été ni confirmé ni "
        f"annulé, envoyés il y a plus de {DEFAULT_HOURS} heures (ou --older-than)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=DEFAULT_HOURS,
            metavar="HEURES",
            help=f"âge minimal des fichiers à supprimer, en heures (par défaut {DEFAULT_HOURS})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="dire ce qui serait supprimé, sans supprimer"
        )

    def handle(self, *args, older_than=DEFAULT_HOURS, dry_run=False, **options):
        if older_than < 0:
            raise CommandError("--older-than : un nombre d'heures positif ou nul.")
        names = remove_stale(timedelta(hours=older_than), dry_run=dry_run)
        files = "fichier d'import" if len(names) <= 1 else "fichiers d'import"
        done = "à supprimer" if dry_run else ("supprimé" if len(names) <= 1 else "supprimés")
        self.stdout.write(
            f"{number(len(names))} {files} {done} (envoyés il y a plus de {older_than} h)."
        )

"""`manage.py backup [--output PATH]`: the data and the uploaded files in one archive
(core/backup/; README, « Sauvegarde et restauration »)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, default_output, write_backup
from core.formats import number


class Erreur(CommandError):
    """Shown as « Erreur: … » (Django prints the exception's class name before it)."""


def size(octets):
    """« 812 octets », « 3,4 Mo »."""
    if octets < 1024:
        return f"{octets} octets"
    for unit in ("Ko", "Mo", "Go", "To"):
        octets /= 1024
        if octets < 1024 or unit == "To":
            return f"{octets:.1f} {unit}".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Sauvegarde les données du portail et les fichiers déposés (MEDIA_ROOT) dans une "
        "archive zip, restaurable par « manage.py restore » sur SQLite comme sur PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="chemin de l'archive à écrire (par défaut "
            "backups/portail-ess-AAAAMMJJ-HHMMSS.zip dans le dossier du projet)",
        )
        parser.add_argument(
            "--database", default="default", help="base à sauvegarder (par défaut « default »)"
        )

    def handle(self, *args, output=None, database="default", **options):
        output = Path(output) if output else default_output()
        try:
            manifest = write_backup(output, using=database)
        except BackupError as error:
            raise Erreur(str(error)) from None
        objects = sum(manifest["objets"].values())
        files = len(manifest["fichiers"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite : {output} ({number(objects)} objets, {number(files)} "
                f"fichier(s) déposé(s), {size(output.stat().st_size)})."
            )
        )

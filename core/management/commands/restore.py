"""`manage.py restore ARCHIVE`: an archive of `manage.py backup` back into an empty database
(core/backup/load.py; README, « Sauvegarde et restauration »)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import BackupError, restore_backup
from core.formats import number
from core.management.commands.backup import Erreur


class Command(BaseCommand):
    help = (
        "Restaure une archive de « manage.py backup » dans une base de données vide : "
        "données, fichiers déposés, puis migrations jusqu'à la version du code."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="chemin de l'archive (.zip)")
        parser.add_argument(
            "--database", default="default", help="base où restaurer (par défaut « default »)"
        )

    def handle(self, *args, archive, database="default", **options):
        try:
            manifest = restore_backup(archive, using=database, say=self.stdout.write)
        except BackupError as error:
            raise Erreur(str(error)) from None
        objects = sum(manifest["objets"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde du {made_on(manifest['cree_le'])} restaurée : {number(objects)} "
                f"objets, {number(len(manifest['fichiers']))} fichier(s) déposé(s)."
            )
        )


def made_on(moment):
    """« 24/11/2026 à 03:25 » (local time) from the manifest's ISO 8601 date."""
    try:
        moment = timezone.localtime(datetime.datetime.fromisoformat(moment))
    except (TypeError, ValueError):
        return str(moment)
    return f"{moment:%d/%m/%Y à %H:%M}"

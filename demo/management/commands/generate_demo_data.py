"""Generate demo data at national scale, or delete it (`--delete`).

    python manage.py generate_demo_data --poles 500 --actors 200000 --funding 20000 --seed 1
    python manage.py generate_demo_data --delete

The data is synthetic (demo/generate.py says what it looks like), marked as demo data
(`is_demo`) and removed by `--delete` without touching anything else (demo/delete.py).
A database holding demo data already is refused: delete it first, then generate anew.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors.models import Actor
from core.formats import number
from core.page_cache import bump_data_version
from demo.delete import DemoDataInUse, delete_demo_data
from demo.generate import DemoNetwork, Sizes
from funding.models import Funder
from poles.models import FundingLine, Pole
from territories.models import Department, Region, Territory

DEFAULTS = {"poles": 500, "actors": 200_000, "funding": 20_000, "seed": 1}
SIZES = ("poles", "actors", "funding")
MAXIMUM = 1_000_000
ROOTS = (Region, Department, Territory, Actor, Pole, Funder)


def seconds(duration):
    return f"{duration:.1f}".replace(".", ",") + " s"


# The links of many-to-many fields, which Django names in English.
LINKS = {
    Pole.territories.through: "liens entre pôles et territoires",
    Pole.functions.through: "liens entre pôles et fonctions",
    Pole.coordinators.through: "liens entre pôles et coordinateurs",
    Territory.departments.through: "liens entre territoires et départements",
}


def plural(model):
    return LINKS.get(model) or str(model._meta.verbose_name_plural)


def counted(count, model):
    """« 0 pôle », « 1 pôle », « 500 pôles »."""
    name = model._meta.verbose_name if count < 2 else model._meta.verbose_name_plural
    return f"{number(count)} {name}"


class Command(BaseCommand):
    help = (
        "Génère des données de démonstration à l'échelle nationale (pôles, acteurs, "
        "financements), marquées comme telles, ou les supprime (--delete)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--poles", help=f"nombre de pôles (par défaut {number(DEFAULTS['poles'])})"
        )
        parser.add_argument(
            "--actors", help=f"nombre d'acteurs (par défaut {number(DEFAULTS['actors'])})"
        )
        parser.add_argument(
            "--funding",
            help=f"nombre de lignes de financement (par défaut {number(DEFAULTS['funding'])})",
        )
        parser.add_argument(
            "--seed",
            help="graine du hasard : la même graine donne les mêmes données (par défaut 1)",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="supprimer toutes les données de démonstration, et elles seules",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="tout faire puis tout annuler : affiche ce qui serait écrit ou supprimé",
        )

    def handle(self, *args, delete=False, dry_run=False, **options):
        if delete:
            given = [f"--{name}" for name in DEFAULTS if options.get(name) is not None]
            if given:
                raise CommandError(
                    f"--delete ne prend pas {', '.join(given)} : "
                    "il supprime toutes les données de démonstration."
                )
        else:
            sizes = Sizes(**{name: self.count(name, options[name]) for name in SIZES})
            seed = self.integer("seed", options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            if delete:
                self.delete()
            else:
                self.generate(sizes, seed)
            if dry_run:
                transaction.set_rollback(True)
            else:
                bump_data_version()  # the public pages' cache, once committed
        done = f"Terminé en {seconds(time.monotonic() - started)}"
        if dry_run:
            done += " ; rien n'a été enregistré (--dry-run)"
        self.stdout.write(self.style.SUCCESS(f"{done}."))

    def integer(self, name, value):
        value = DEFAULTS[name] if value is None else value
        try:
            return int(str(value).strip())
        except ValueError:
            raise CommandError(f"--{name} attend un nombre entier (reçu : « {value} »).") from None

    def count(self, name, value):
        value = self.integer(name, value)
        if value < 0:
            raise CommandError(f"--{name} ne peut pas être négatif (reçu : {value}).")
        if value > MAXIMUM:
            raise CommandError(f"--{name} : {number(MAXIMUM)} au plus (reçu : {number(value)}).")
        return value

    def generate(self, sizes, seed):
        if not (sizes.poles or sizes.actors):
            self.stdout.write("Ni pôle ni acteur demandé : rien à générer.")
            return
        if sizes.funding and not sizes.poles:
            raise CommandError(
                "Une ligne de financement se rattache à un pôle : --funding demande --poles "
                "supérieur à 0."
            )
        existing = [
            counted(count, model)
            for model in ROOTS
            if (count := model.objects.filter(is_demo=True).count())
        ]
        if existing:
            raise CommandError(
                "La base contient déjà des données de démonstration ("
                + ", ".join(existing)
                + "). Supprimez-les d'abord : python manage.py generate_demo_data --delete"
            )
        if not Region.objects.exists():
            self.stdout.write(
                "Attention : les données initiales ne sont pas chargées ; chargez-les avant "
                "les données de démonstration (manage.py load_seed ne charge rien dans une "
                "base qui contient déjà des régions)."
            )
        asked = (sizes.poles, Pole), (sizes.actors, Actor), (sizes.funding, FundingLine)
        self.stdout.write(
            f"Génération (graine {seed}) : "
            + ", ".join(counted(count, model) for count, model in asked)
            + "…"
        )
        network = DemoNetwork(sizes, seed, progress=self.step)
        counts = network.build()
        self.summary("Écrit", counts)

    def step(self, label, duration):
        self.stdout.write(f"  {label} : {seconds(duration)}")

    def delete(self):
        try:
            deleted = delete_demo_data()
        except DemoDataInUse as error:
            raise CommandError(str(error)) from None
        self.summary("Supprimé", deleted)

    def summary(self, verb, rows):
        lines = [f"  {plural(model)} : {number(count)}" for model, count in rows.items() if count]
        if not lines:
            self.stdout.write(f"{verb} : rien.")
            return
        self.stdout.write(f"{verb} :\n" + "\n".join(lines))

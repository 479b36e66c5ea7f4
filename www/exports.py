"""/poles/export.csv|xlsx and /acteurs/export.csv|xlsx: what the list pages show, every page.

Both read their rows as they are written (core/exports.py): memory stays flat whatever
their number. The actors, who may be hundreds of thousands, come with their poles from one
query (a row per actor and membership, grouped here); the poles, a few hundred, are read
CHUNK_SIZE at a time with what their columns need."""

from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import timezone

from actors.models import Actor
from campaigns.freshness import annotate_freshness
from core.exports import CHUNK_SIZE, DATE, DECIMAL, INTEGER, Column, ExportMixin, in_chunks
from poles.enums import MembershipRole
from poles.models import Pole
from territories.models import Territory
from www.actors.views import ActorListView
from www.poles.listing import PoleListView
from www.queries import with_figures


def joined(values):
    return ", ".join(values) or None


def unique(values):
    """In order of first appearance, once each."""
    return list(dict.fromkeys(values))


def actors_count(pole):
    """100, or 'environ 100' when the source says « une centaine »."""
    if pole.actors_count is None or not pole.actors_count_is_approximate:
        return pole.actors_count
    return f"environ {pole.actors_count}"


def figure(name):
    """A value of the key figures the pole's card shows (see Pole.key_figures)."""
    return lambda pole: getattr(pole.figures, name) if pole.figures else None


def last_validation(pole):
    """The day the CRES last validated the pole's fiche (campaigns/freshness.py)."""
    if pole.last_validated_at is None:
        return None
    return timezone.localdate(pole.last_validated_at)


class PoleExport(ExportMixin, PoleListView):
    export_filename = "poles"
    export_sheet_title = "Pôles"

    def get_queryset(self):
        poles = Pole.objects.select_related(
            "figures_territory", "carrying_structure"
        ).prefetch_related(
            Prefetch(
                "territories",
                queryset=Territory.objects.select_related("region")
                .prefetch_related("departments")
                .order_by("name"),
            )
        )
        return annotate_freshness(poles)

    def get_export_rows(self, queryset):
        # Three queries per CHUNK_SIZE poles: territories, their departments, key figures.
        for chunk in in_chunks(super().get_export_rows(queryset)):
            for pole in with_figures(chunk):
                pole.figures = pole.key_figures()
                pole.territory_list = list(pole.territories.all())
                yield pole

    def get_export_columns(self):
        # The public address, not the request's Host header (which the client writes).
        site_url = settings.SITE_URL
        return [
            Column("Nom", lambda pole: pole.name, width=30),
            Column("Nom développé", lambda pole: pole.full_name or None, width=40),
            Column("Nom descriptif", lambda pole: "oui" if pole.name_is_descriptive else "non"),
            Column("Statut", lambda pole: pole.get_status_display(), width=25),
            Column(
                "Territoires", lambda pole: joined(t.name for t in pole.territory_list), width=30
            ),
            Column(
                "Région(s)",
                lambda pole: joined(unique(t.region.name for t in pole.territory_list)),
                width=20,
            ),
            Column(
                "Départements",
                lambda pole: joined(
                    str(department)
                    for department in sorted(
                        unique(d for t in pole.territory_list for d in t.departments.all()),
                        key=lambda department: department.code,
                    )
                ),
                width=30,
            ),
            Column("Date de création", lambda pole: pole.fuzzy("created_on") or None, width=18),
            Column("Précision sur la création", lambda pole: pole.created_on_note or None),
            Column(
                "Structure porteuse",
                lambda pole: pole.carrying_structure.name if pole.carrying_structure else None,
                width=25,
            ),
            Column("Acteurs impliqués", actors_count, INTEGER),
            Column("Établissements ESS", figure("establishments"), INTEGER),
            Column("Emplois salariés ESS", figure("salaried_jobs"), INTEGER),
            Column("Part des effectifs salariés (%)", figure("salaried_jobs_share"), DECIMAL),
            Column("Année des chiffres", figure("year")),
            Column("Source des chiffres", figure("source"), width=40),
            Column("Fiche à actualiser", lambda pole: "oui" if pole.fiche_to_update else "non"),
            Column("Dernière validation", last_validation, DATE, width=18),
            Column(
                "Adresse de la fiche",
                lambda pole: f"{site_url}{pole.get_absolute_url()}",
                width=50,
            ),
        ]


def poles_with_roles(actor):
    """'C2SOL (fondateur), CADES (membre, partenaire)': the page's memberships, by pole."""
    roles = {}
    for pole, role in actor.pole_roles:
        roles.setdefault(pole, []).append(MembershipRole(role).label)
    return joined(f"{pole} ({', '.join(labels)})" for pole, labels in roles.items())


class ActorExport(ExportMixin, ActorListView):
    export_filename = "acteurs"
    export_sheet_title = "Acteurs"

    def get_export_rows(self, queryset):
        """One query: the filtered actors, each on as many rows as it has memberships (in the
        page's order, then by pole and role), read as they come and grouped by actor."""
        rows = (
            Actor.objects.filter(pk__in=queryset.values("pk"))
            .select_related("territory")
            .only(
                "name",
                "acronym",
                "kind",
                "territory__name",
                "founded_on",
                "founded_on_precision",
                "website",
            )
            .annotate(pole_name=F("memberships__pole__name"), role=F("memberships__role"))
            .order_by("name", "pk", "pole_name", "role")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for _pk, memberships in groupby(rows, key=attrgetter("pk")):
            memberships = list(memberships)
            actor = memberships[0]
            actor.pole_roles = [(row.pole_name, row.role) for row in memberships if row.role]
            yield actor

    def get_export_columns(self):
        return [
            Column("Nom", lambda actor: actor.name, width=35),
            Column("Sigle", lambda actor: actor.acronym or None),
            Column("Nature", lambda actor: actor.get_kind_display(), width=25),
            Column(
                "Territoire",
                lambda actor: actor.territory.name if actor.territory else None,
                width=30,
            ),
            Column("Pôles", poles_with_roles, width=50),
            Column("Date de création", lambda actor: actor.fuzzy("founded_on") or None, width=18),
            Column("Site internet", lambda actor: actor.website or None, width=30),
        ]

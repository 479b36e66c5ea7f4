"""Actors from and to spreadsheets (the admin's « Importer » and « Exporter »).

One row per actor: its name, nature, territory (slug, may be empty), website and its part in
the poles. An actor is known by its name and territory; as a name is unique, a row naming an
actor of another territory is an error (change the territory in the actor's page).

The « participations » column lists `pole : rôle` pairs separated by `;`, the pole by its slug
and the role by its label (or code):

    c2sol : fondateur ; les-ecosolies : membre de l'instance de gouvernance

Importing adds the pairs the actor does not have yet; the actor's other memberships (and their
dates and notes) are left as they are: nothing is removed by an import.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from import_export import widgets
from import_export.fields import Field

from actors.enums import ActorKind
from actors.models import Actor
from core.imports.formats import is_blank
from core.imports.resources import PortalResource
from core.imports.widgets import BySlug, Choice, Text
from core.slugs import french_slugify
from core.web_addresses import completed
from poles.enums import MembershipRole
from poles.models import Membership, Pole
from territories.models import Territory

FIELDS = ["name", "kind", "territory", "website", "participations"]
PAIRS = ";"
POLE_AND_ROLE = ":"
ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


class Participations(widgets.Widget):
    """`c2sol : fondateur ; les-ecosolies : membre` ↔ [(pole, role code), …]."""

    def __init__(self, **kwargs):
        self.poles = BySlug(Pole)
        self.roles = Choice(MembershipRole)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        pairs, errors = [], []
        for part in ("" if is_blank(value) else str(value)).split(PAIRS):
            if is_blank(part):
                continue
            slug, separator, role = part.partition(POLE_AND_ROLE)
            if not separator or is_blank(slug) or is_blank(role):
                errors.append(
                    f"« {part.strip()} » : écrire l'identifiant du pôle, « : » puis le rôle "
                    "(par exemple « c2sol : membre »)."
                )
                continue
            try:
                pair = (self.poles.clean(slug, row), self.roles.clean(role.strip(), row))
            except ValueError as error:
                errors.append(str(error))
                continue
            if pair not in pairs:
                pairs.append(pair)
        if errors:
            raise ValueError(" ".join(errors))
        return pairs

    def render(self, value, obj=None, **kwargs):
        """`value`: the actor's memberships, with their poles (by name in the preview)."""
        memberships = sorted(value or [], key=lambda m: (m.pole.slug, ROLE_ORDER[m.role]))
        return f" {PAIRS} ".join(
            f"{self.poles.render(m.pole, **kwargs)} {POLE_AND_ROLE} {m.get_role_display()}"
            for m in memberships
        )


class WebAddress(Text):
    """A website, completed to https:// as the admin does (`c2sol.fr`); the model's validation
    refuses what is no http(s) address, under the column's header."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        try:
            return completed(text)
        except ValidationError:
            return text


class ParticipationsField(Field):
    """An actor's memberships. Not set by the library: ActorResource adds the missing ones."""

    def get_value(self, actor):
        return list(actor.memberships.all()) if actor.pk else []


class ActorResource(PortalResource):
    name = Field("name", "nom", Text())
    kind = Field("kind", "nature", Choice(ActorKind))
    territory = Field("territory", "territoire", BySlug(Territory))
    website = Field("website", "site internet", WebAddress())
    participations = ParticipationsField(column_name="participations", widget=Participations())

    required_fields = ("name", "territory")
    help = (
        "Une ligne par acteur, désigné par son nom et son territoire (l'identifiant du "
        "territoire, par exemple pays-de-lorient, affiché dans la liste des territoires ; vide "
        "si l'acteur n'en a pas). "
        "« nature » : l'une de celles de l'administration (association, SCOP, collectivité "
        "territoriale…).\n\n"
        "« participations » : les pôles de l'acteur et son rôle dans chacun, sous la forme "
        "« identifiant-du-pôle : rôle », séparés par « ; » ; par exemple "
        "« c2sol : fondateur ; c2sol : membre de l'instance de gouvernance ». L'import ajoute "
        "les participations qui manquent et n'en retire aucune.\n\n"
        "Une ligne met à jour l'acteur qu'elle désigne, ou l'ajoute ; une ligne identique à ce "
        "qui est enregistré ne change rien."
    )
    template_help = "Les acteurs enregistrés, tels que l'export les écrit."
    error_fields = {"slug": "name"}

    class Meta:
        model = Actor
        fields = import_order = export_order = FIELDS
        import_id_fields = ["name", "territory"]

    @classmethod
    def get_display_name(cls):
        return "acteurs"

    def get_instance(self, instance_loader, row):
        try:
            name = self.fields["name"].clean(row)
            territory = self.fields["territory"].clean(row)
        except (KeyError, ValueError):
            return None  # a new record, whose import reports what is wrong with the row
        actor = Actor.objects.select_related("territory").filter(name=name).first()
        if actor is None:
            return None
        if actor.territory_id != (territory.pk if territory else None):
            where = (
                f"au territoire « {actor.territory.slug} »"
                if actor.territory
                else "à aucun territoire"
            )
            raise self.row_error(
                "territory",
                f"L'acteur « {name} » existe déjà, rattaché {where} : un acteur est désigné par "
                "son nom et son territoire. Reprenez son territoire, ou changez-le d'abord "
                "dans la page de l'acteur.",
            )
        self.already_imported(actor, f"L'acteur « {name} »")
        return actor

    def row_errors(self, actor, row):
        if actor.pk is None and actor.name:
            # A new actor's slug (its page's address) comes from its name and must be free.
            actor.slug = french_slugify(actor.name)[: Actor._meta.get_field("slug").max_length]
            taken = Actor.objects.filter(slug=actor.slug).first() if actor.slug else None
            if taken is not None:
                yield (
                    "name",
                    f"Le nom « {actor.name} » donne l'adresse « {actor.slug} », déjà celle de "
                    f"l'acteur « {taken.name} » : reprenez exactement son nom, ou choisissez-en "
                    "un autre.",
                )
        actor._new_participations = []
        if self.fields["participations"].column_name not in row:
            return
        try:
            pairs = self.fields["participations"].clean(row)
        except ValueError as error:
            yield "participations", str(error)
            return
        existing = set()
        if actor.pk is not None:
            existing = set(actor.memberships.values_list("pole_id", "role"))
        actor._new_participations = [
            (pole, role) for pole, role in pairs if (pole.pk, role) not in existing
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        instance._unchanged = super().skip_row(instance, original, row, import_validation_errors)
        return instance._unchanged and not instance._new_participations

    def do_instance_save(self, instance, is_create):
        # Only participations to add: the actor itself is not saved again (no history row).
        if is_create or not instance._unchanged:
            super().do_instance_save(instance, is_create)

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return  # nothing was saved
        for pole, role in instance._new_participations:
            membership = Membership(pole=pole, actor=instance, role=role)
            membership._change_reason = self.change_reason()
            membership.save()

    def filter_export(self, queryset, **kwargs):
        memberships = Membership.objects.select_related("pole")
        return queryset.select_related("territory").prefetch_related(
            Prefetch("memberships", queryset=memberships)
        )

"""Key figures and territories' compositions from and to spreadsheets (the admin's
« Importer » and « Exporter »).

One row per territory and year: the territory by its slug (`pays-de-lorient`), the year
(empty: « année non communiquée »), the source, the counts and the shares the source states
(empty: computed from the counts). The row is about the territory's figures for that year;
when the territory has several for that year (several sources), the source says which.
"""

import tablib
from import_export.fields import Field

from core.imports import limits
from core.imports.resources import PortalResource
from core.imports.widgets import BySlug, Choice, Integer, Share, Text, quoted
from territories.models import KeyFigures, Territory, TerritoryPart

FIELDS = [
    "territory",
    "year",
    "source",
    "establishments",
    "salaried_jobs",
    "salaried_jobs_share",
    "associations",
    "associations_share_stated",
    "cooperatives",
    "cooperatives_share_stated",
]


class KeyFiguresResource(PortalResource):
    territory = Field("territory", "territoire", BySlug(Territory))
    year = Field("year", "année", Integer(bounds=(1900, 2100)))
    source = Field("source", "source", Text())
    establishments = Field("establishments", "établissements employeurs", Integer())
    salaried_jobs = Field("salaried_jobs", "emplois salariés", Integer())
    salaried_jobs_share = Field(
        "salaried_jobs_share", "part des emplois salariés du territoire (%)", Share()
    )
    associations = Field("associations", "associations", Integer())
    associations_share_stated = Field(
        "associations_share_stated", "part des associations indiquée (%)", Share()
    )
    cooperatives = Field("cooperatives", "coopératives", Integer())
    cooperatives_share_stated = Field(
        "cooperatives_share_stated", "part des coopératives indiquée (%)", Share()
    )

    required_fields = ("territory", "year", "source")
    template_fields = ("territory",)
    help = (
        "Une ligne par territoire et par année. « territoire » : l'identifiant du territoire "
        "(par exemple pays-de-lorient), affiché dans la liste des territoires. « année » : "
        "vide si la source ne la dit pas. Si le territoire a plusieurs chiffres clés pour "
        "cette année, la « source » dit lesquels.\n\n"
        "Les parts sont en pourcentage (11,5). Laisser vide une part que la source "
        "n'indique pas : elle est calculée à partir des nombres.\n\n"
        "Une ligne met à jour les chiffres clés qu'elle désigne, ou les ajoute ; une ligne "
        "identique à ce qui est enregistré ne change rien. Une ligne qui ne donne que le "
        "territoire est ignorée."
    )
    template_help = (
        "Une ligne par territoire, avec son identifiant ; les autres colonnes sont à remplir."
    )

    class Meta:
        model = KeyFigures
        fields = import_order = export_order = FIELDS
        import_id_fields = ["territory", "year"]

    @classmethod
    def get_display_name(cls):
        return "chiffres clés"

    def get_instance(self, instance_loader, row):
        try:
            territory = self.fields["territory"].clean(row)
            year = self.fields["year"].clean(row)
            source = self.fields["source"].clean(row)
        except (KeyError, ValueError):
            return None  # a new record, whose import reports what is wrong with the row
        if territory is None:
            return None
        figures = list(KeyFigures.objects.filter(territory=territory, year=year))
        same_source = [record for record in figures if record.source == source]
        # The row is about the figures of its territory and year that no earlier row was about.
        candidates = same_source or [record for record in figures if record.pk not in self.imported]
        if not candidates:
            return None
        if len(candidates) > 1:
            when = f"pour {year}" if year else "sans année"
            raise self.row_error(
                "source",
                f"Le territoire « {territory.slug} » a {len(candidates)} chiffres clés {when}, "
                f"de sources différentes ({quoted(r.source for r in candidates)}) : la colonne "
                "« source » doit reprendre exactement l'une d'elles.",
            )
        record = candidates[0]
        self.already_imported(
            record,
            f"Les chiffres clés du territoire « {territory.slug} » "
            f"{f'pour {year}' if year else 'sans année'} (source « {record.source} »)",
        )
        return record

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("territory")

    def template(self):
        """One row per territory (at most as many as an import reads): its identifier."""
        dataset = tablib.Dataset(headers=self.get_export_headers())
        blank = [None] * (len(dataset.headers) - 1)
        for slug in Territory.objects.order_by("name").values_list("slug", flat=True)[
            : limits.MAX_ROWS
        ]:
            dataset.append([slug, *blank])
        return dataset


class TerritoryPartResource(PortalResource):
    """What a territory's outline is made of (territories/geo/): one row per piece."""

    territory = Field("territory", "territoire", BySlug(Territory))
    kind = Field("kind", "nature", Choice(TerritoryPart.Kind))
    code = Field("code", "code", Text())
    name = Field("name", "nom", Text(), readonly=True)

    required_fields = ("territory", "kind", "code")
    help = (
        "Une ligne par pièce d'un territoire : « territoire » : l'identifiant du territoire "
        "(par exemple pays-de-broceliande) ; « nature » : intercommunalité (EPCI), département "
        "entier, commune ajoutée ou commune retirée ; « code » : le SIREN de "
        "l'intercommunalité (9 chiffres), le code INSEE de la commune ou le numéro du "
        "département. « nom » est écrit par l'export et ignoré à l'import.\n\n"
        "Une ligne ajoute la pièce si le territoire ne l'a pas encore ; l'import n'en retire "
        "aucune (retirez-les depuis la page du territoire)."
    )
    template_help = "Les compositions enregistrées, telles que l'export les écrit."

    class Meta:
        model = TerritoryPart
        fields = import_order = export_order = ["territory", "kind", "code", "name"]
        import_id_fields = ["territory", "kind", "code"]

    @classmethod
    def get_display_name(cls):
        return "compositions des territoires"

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("territory")

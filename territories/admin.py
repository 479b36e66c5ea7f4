from django.contrib import admin, messages

from core.admin.base import PortalAdmin
from core.admin.export import export_selection_csv
from core.admin.inlines import PortalInline
from core.formats import number, percent
from territories.models import Department, KeyFigures, Region, Territory, TerritoryPart
from territories.resources import KeyFiguresResource, TerritoryPartResource


def warn_about_shares(request, figures):
    for warning in figures.share_disagreements():
        messages.warning(request, f"Chiffres clés « {figures} » : {warning}")


@admin.register(Region)
class RegionAdmin(PortalAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(PortalAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


class KeyFiguresInline(PortalInline, admin.StackedInline):
    model = KeyFigures
    add_label = "Ajouter les chiffres d'une année"
    extra = 0

    fields = [
        ("year", "source"),
        ("establishments", "salaried_jobs", "salaried_jobs_share"),
        ("associations", "associations_share_stated"),
        ("cooperatives", "cooperatives_share_stated"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("territory")


class TerritoryPartInline(PortalInline, admin.TabularInline):
    model = TerritoryPart
    add_label = "Ajouter une intercommunalité ou une commune"
    extra = 0
    fields = ["kind", "code", "part_name"]
    readonly_fields = ["part_name"]
    verbose_name = "pièce de la carte"
    verbose_name_plural = "composition sur la carte (intercommunalités, communes)"

    @admin.display(description="nom")
    def part_name(self, part):
        return (part.name or "—") if part.code else "—"


@admin.register(Territory)
class TerritoryAdmin(PortalAdmin):
    actions = [export_selection_csv]
    # The identifier is what the imports' « territoire » column expects.
    list_display = ["name", "identifier", "kind", "region", "department_codes"]
    list_filter = ["kind", "region", "departments"]
    list_select_related = ["region"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["departments"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TerritoryPartInline, KeyFiguresInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description="identifiant (imports)", ordering="slug")
    def identifier(self, territory):
        return territory.slug

    @admin.display(description="départements")
    def department_codes(self, territory):
        return ", ".join(department.code for department in territory.departments.all()) or "—"

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is KeyFigures:
            for figures in KeyFigures.objects.filter(territory=form.instance):
                warn_about_shares(request, figures)


@admin.register(KeyFigures)
class KeyFiguresAdmin(PortalAdmin):
    resource_classes = [KeyFiguresResource]
    list_display = [
        "territory",
        "year_display",
        "source",
        "establishments_display",
        "jobs_display",
        "associations_share_display",
        "cooperatives_share_display",
        "coherence",
    ]
    list_filter = ["territory__region", "territory__kind", "year"]
    list_select_related = ["territory"]
    search_fields = ["territory__name", "source"]
    autocomplete_fields = ["territory"]
    fieldsets = [
        (None, {"fields": ["territory", ("year", "source")]}),
        (
            "Établissements et emplois",
            {"fields": [("establishments", "salaried_jobs", "salaried_jobs_share")]},
        ),
        (
            "Familles de l'ESS",
            {
                "description": "Les parts se calculent à partir des nombres ; ne saisir une "
                "part que si la source l'indique. Un écart au-delà de l'arrondi est signalé.",
                "fields": [
                    ("associations", "associations_share_stated"),
                    ("cooperatives", "cooperatives_share_stated"),
                ],
            },
        ),
    ]

    @admin.display(description="année", ordering="year")
    def year_display(self, figures):
        return str(figures.year) if figures.year else "non communiquée"

    @admin.display(description="établissements", ordering="establishments")
    def establishments_display(self, figures):
        return number(figures.establishments, "—")

    @admin.display(description="emplois salariés", ordering="salaried_jobs")
    def jobs_display(self, figures):
        return number(figures.salaried_jobs, "—")

    @admin.display(description="associations")
    def associations_share_display(self, figures):
        return f"{number(figures.associations, '—')} ({percent(figures.associations_share, '—')})"

    @admin.display(description="coopératives")
    def cooperatives_share_display(self, figures):
        return f"{number(figures.cooperatives, '—')} ({percent(figures.cooperatives_share, '—')})"

    @admin.display(description="parts cohérentes", boolean=True)
    def coherence(self, figures):
        return not figures.share_disagreements()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_shares(request, obj)

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if not (result.has_errors() or result.has_validation_errors()):
            for row in result.valid_rows():
                if row.is_new() or row.is_update():
                    warn_about_shares(request, row.instance)
        return response


@admin.register(TerritoryPart)
class TerritoryPartAdmin(PortalAdmin):
    """Every territory's pieces, for the spreadsheet import and export; each territory's own
    are edited on its page."""

    resource_classes = [TerritoryPartResource]
    list_display = ["territory", "kind", "code", "part_name"]
    list_filter = ["kind", "territory__region"]
    list_select_related = ["territory"]
    search_fields = ["territory__name", "code"]
    autocomplete_fields = ["territory"]
    fields = ["territory", "kind", "code"]

    @admin.display(description="nom")
    def part_name(self, part):
        return part.name or "inconnu du fond de carte"

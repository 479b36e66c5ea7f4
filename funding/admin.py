from django.contrib import admin

from core.admin.base import PortalAdmin
from core.formats import euros
from funding.models import Funder, Programme


@admin.register(Funder)
class FunderAdmin(PortalAdmin):
    list_display = ["name", "kind", "region", "department"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "department"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(PortalAdmin):
    list_display = ["name", "funder", "study_cap", "operating_rule"]
    list_filter = ["funder"]
    list_select_related = ["funder"]
    search_fields = ["name", "funder__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "funder"]}),
        (
            "Règles vérifiées sur chaque ligne de financement",
            {
                "description": "Laisser vide une règle que le programme ne pose pas.",
                "fields": [
                    "study_max_amount",
                    ("operating_amount_per_post_year", "operating_max_years"),
                    ("operating_min_posts", "operating_max_posts"),
                ],
            },
        ),
        (
            "Présentation",
            {
                "fields": [
                    "action",
                    "objectives",
                    "targets",
                    "implementation",
                    "resources",
                    "other_partners",
                    "evaluation",
                    "context",
                    "more_info",
                ]
            },
        ),
    ]

    @admin.display(description="plafond d'une étude")
    def study_cap(self, programme):
        return euros(programme.study_max_amount) if programme.study_max_amount else "—"

    @admin.display(description="aide au fonctionnement")
    def operating_rule(self, programme):
        if programme.operating_amount_per_post_year is None:
            return "—"
        return f"{euros(programme.operating_amount_per_post_year)} par an et par poste"

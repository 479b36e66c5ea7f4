from django.contrib import admin
from django.db.models import F, Min
from django.urls import reverse
from django.utils import timezone

from core.admin.base import PortalAdmin
from core.admin.export import export_selection_csv
from core.fuzzy_dates import DatePrecision
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.admin.inlines import (
    ActionInline,
    ContactInline,
    DifficultyInline,
    DocumentInline,
    FundingLineInline,
    MembershipInline,
    ObjectiveInline,
    PoleNetworkInline,
    StatusChangeInline,
    StrengthInline,
    StudyInline,
)
from poles.admin.pole_form import PoleForm
from poles.models import Document, FundingLine, Pole, StatusChange, Study

# The source of the status lines the admin writes: shown on the public page.
STATUS_SOURCE = "CRES"
# What a pole's page links to, to be added with the pole filled in.
QUICK_ADDS = [
    (Study, "Ajouter son étude de préfiguration"),
    (FundingLine, "Ajouter une ligne de financement"),
    (Document, "Ajouter un document"),
]


# Functions (request, pole id) -> (template name, context) or None: panels shown at the top of
# a pole's page (campaigns/admin/panels.py: the fiche of the year, what it misses).
PAGE_PANELS = []


@admin.register(Pole)
class PoleAdmin(CoordinatorScopeMixin, PortalAdmin):
    """A coordinator sees their poles only, and every field of the pole itself read-only: they
    save the page for its inlines. Who coordinates a pole is the CRES's to say."""

    pole_field = "pk"
    coordinator_fields_readonly = True
    cres_only_fields = ["status_changed_on", "status_reason", "coordinators"]
    actions = [export_selection_csv]
    form = PoleForm
    list_display = [
        "name",
        "status",
        "territory_names",
        "carrying_structure",
        "created",
        "updated_at",
    ]
    list_filter = [
        "status",
        "territories__region",
        "territories__departments",
        "funding_lines__funder",
        "funding_lines__programme",
        "is_demo",
    ]
    list_select_related = ["carrying_structure"]
    search_fields = ["name", "full_name", "territories__name"]
    autocomplete_fields = [
        "territories",
        "figures_territory",
        "carrying_structure",
        "functions",
        "coordinators",
    ]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            "Nom, statut et territoires",
            {
                "fields": [
                    ("name", "slug"),
                    ("full_name", "name_is_descriptive"),
                    "status",
                    ("status_changed_on", "status_reason"),
                    ("created_on", "created_on_precision"),
                    "created_on_note",
                    "carrying_structure",
                    "territories",
                    "figures_territory",
                    "website",
                ]
            },
        ),
        ("Raison d'être", {"fields": ["purpose", "motivations", "history"]}),
        (
            "Acteurs et gouvernance",
            {
                "fields": [
                    ("actors_count", "actors_count_is_approximate"),
                    ("governance_body", "governance_actors_count"),
                    ("member_structures_count", "individual_members_count"),
                ]
            },
        ),
        (
            "Moyens",
            {
                "fields": [
                    ("staff_count", "staff_fte"),
                    ("facilitators_count", "facilitators_fte"),
                    "facilitators_note",
                    ("budget", "subsidy_share"),
                    "functions",
                ]
            },
        ),
        ("Notes de la CRES", {"fields": [("size_score", "structuration_score")]}),
        ("Accès à l'administration", {"fields": ["coordinators"]}),
    ]
    inlines = [
        ContactInline,
        ObjectiveInline,
        ActionInline,
        DifficultyInline,
        StrengthInline,
        MembershipInline,
        PoleNetworkInline,
        StudyInline,
        FundingLineInline,
        DocumentInline,
        StatusChangeInline,
    ]
    # The page as a person reads the fiche (core/admin/sections.py): a section is closed
    # while it holds nothing.
    sections = [
        ("Identité", ["Nom, statut et territoires", ContactInline]),
        (
            "Contenu de la fiche",
            ["Raison d'être", ObjectiveInline, ActionInline, DifficultyInline, StrengthInline],
        ),
        ("Membres", ["Acteurs et gouvernance", MembershipInline, PoleNetworkInline]),
        ("Étude de préfiguration", [StudyInline]),
        ("Financement", ["Moyens", FundingLineInline]),
        ("Documents", [DocumentInline]),
        ("Historique des statuts", [StatusChangeInline]),
        ("Réservé à la CRES", ["Notes de la CRES", "Accès à l'administration"]),
    ]

    def get_queryset(self, request):
        # Sorting by territory: by the first of the pole's territories, in name order.
        return (
            super()
            .get_queryset(request)
            .annotate(first_territory=Min("territories__name"))
            .prefetch_related("territories")
            # The aggregate drops the default ordering (autocompletes paginate by name).
            .order_by("name")
        )

    @admin.display(description="territoires", ordering="first_territory")
    def territory_names(self, pole):
        return ", ".join(territory.name for territory in pole.territories.all())

    @admin.display(description="création", ordering="created_on")
    def created(self, pole):
        return pole.fuzzy("created_on") or "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Links to add the pole's study, a funding line or a document on their own page, the
        pole filled in (the admin reads it from the address), for who may add them."""
        links = []
        for model, label in QUICK_ADDS:
            model_admin = self.admin_site.get_model_admin(model)
            if model_admin.has_add_permission(request):
                url = reverse(f"admin:poles_{model._meta.model_name}_add")
                links.append((label, f"{url}?pole={object_id}"))
        panels = [panel for show in PAGE_PANELS if (panel := show(request, object_id))]
        extra_context = {**(extra_context or {}), "quick_add_links": links, "page_panels": panels}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """A new pole's status, or a status changed by hand, gets a dated line, with its reason,
        in the status history, unless staff added that line themselves in the inline. The
        history is public: its source names the CRES, never the account that made the change."""
        super().save_related(request, form, formsets, change)
        if change and "status" not in form.changed_data:
            return
        pole = form.instance
        latest = pole.status_changes.order_by(F("changed_on").desc(nulls_last=True), "-pk").first()
        if latest is None or latest.status != pole.status:
            default_note = (
                "Statut modifié dans l'administration (motif non indiqué)."
                if change
                else "Statut à la création de la fiche dans l'administration."
            )
            StatusChange.objects.create(
                pole=pole,
                status=pole.status,
                changed_on=form.cleaned_data.get("status_changed_on") or timezone.localdate(),
                changed_on_precision=DatePrecision.DAY,
                note=form.cleaned_data.get("status_reason") or default_note,
                source=STATUS_SOURCE,
            )

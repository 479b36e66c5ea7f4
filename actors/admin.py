from django.contrib import admin

from actors.models import Actor
from core.admin.base import PortalAdmin
from core.admin.export import export_selection_csv


@admin.register(Actor)
class ActorAdmin(PortalAdmin):
    actions = [export_selection_csv]
    list_display = ["name", "acronym", "kind", "territory"]
    list_filter = ["kind", "territory__region", "territory", "is_demo"]
    list_select_related = ["territory"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["territory"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "slug"),
        ("acronym", "kind"),
        "territory",
        ("founded_on", "founded_on_precision"),
        "website",
        "description",
    ]

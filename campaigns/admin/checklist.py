from django.contrib import admin

from campaigns.models import ChecklistItem
from core.admin.base import PortalAdmin


@admin.register(ChecklistItem)
class ChecklistItemAdmin(PortalAdmin):
    """What the fiche of a pole should hold at each stage: the CRES chooses among the checks the
    portal knows how to read from the data (campaigns/checks.py)."""

    list_display = ["item", "stage", "position"]
    list_display_links = ["item"]
    list_filter = ["stage"]
    ordering = ["stage", "position", "pk"]
    fields = ["stage", "item", "position"]

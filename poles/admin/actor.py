from django.contrib import admin

import actors.admin
from actors.models import Actor
from core.admin.base import PortalAdmin
from core.admin.inlines import PortalInline
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.models import Function, Membership, PoleNetwork
from poles.resources import ActorResource


class ActorMembershipInline(CoordinatorScopeMixin, PortalInline, admin.TabularInline):
    """An actor's part in the poles (a coordinator sees those of their own poles only)."""

    model = Membership
    add_label = "Ajouter une participation"
    extra = 0
    fields = ["pole", "role", "started_on", "started_on_precision", "ended_on", "note"]
    autocomplete_fields = ["pole"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pole", "actor")


class ActorAdmin(actors.admin.ActorAdmin):
    """The actor's page with its parts in the poles, and the actors' import, which adds
    participations: poles extends the screen of the app below it."""

    resource_classes = [ActorResource]
    import_permissions = ["poles.add_membership"]
    inlines = [ActorMembershipInline]


admin.site.unregister(Actor)
admin.site.register(Actor, ActorAdmin)


@admin.register(Membership)
class MembershipAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["actor", "role", "pole", "started"]
    list_filter = ["role", "pole__status"]
    list_select_related = ["actor", "pole"]
    search_fields = ["actor__name", "pole__name"]
    autocomplete_fields = ["actor", "pole"]

    @admin.display(description="depuis", ordering="started_on")
    def started(self, membership):
        return membership.fuzzy("started_on") or "—"


@admin.register(PoleNetwork)
class PoleNetworkAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["pole", "network", "status", "note"]
    list_filter = ["status"]
    list_select_related = ["pole", "network"]
    search_fields = ["pole__name", "network__name"]
    autocomplete_fields = ["pole", "network"]


@admin.register(Function)
class FunctionAdmin(PortalAdmin):
    list_display = ["name"]
    search_fields = ["name"]

"""The fiches of the year: the CRES's list of every pole's progress (filter by state, by what is
missing), and each fiche's page with its checklist, its log and the moves the user may make
(submit; validate or send back with a comment). Nobody edits a fiche's fields: it changes
through campaigns/workflow.py only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from campaigns import checks, workflow
from campaigns.admin.progress import annotate_progress, missing_list
from campaigns.models import Fiche
from core.admin.base import PortalAdmin
from poles.admin.coordinators import CoordinatorScopeMixin, coordinated_pole_ids


class MissingFilter(admin.SimpleListFilter):
    title = "ce qui manque"
    parameter_name = "manque"

    def lookups(self, request, model_admin):
        return [(check.code, check.short) for check in checks.CHECKS]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in checks.BY_CODE:
            return queryset
        stages = [stage for stage, codes in checks.stage_items().items() if code in codes]
        return queryset.filter(pole__status__in=stages, **{checks.annotation(code): False})


@admin.register(Fiche)
class FicheAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["pole", "year", "state", "progress", "missing", "submitted_at"]
    list_filter = ["campaign", "state", MissingFilter, "pole__status"]
    list_select_related = ["pole", "campaign"]
    search_fields = ["pole__name"]
    fields = ["campaign", "pole", "state", "comment", "submitted_at", "validated_at"]
    change_form_template = "admin/campaigns/fiche/change_form.html"

    def get_queryset(self, request):
        return annotate_progress(super().get_queryset(request))

    @admin.display(description="campagne", ordering="campaign__year")
    def year(self, fiche):
        return str(fiche.campaign.year)

    @admin.display(description="avancement", ordering="progress_ratio")
    def progress(self, fiche):
        if not fiche.expected_count:
            return "rien d'attendu"
        return f"{fiche.done_count} / {fiche.expected_count}"

    @admin.display(description="il manque")
    def missing(self, fiche):
        return " ; ".join(missing_list(fiche)) or "—"

    # Nobody adds, edits or deletes a fiche by hand: the campaign gives them, the moves change
    # them (the superuser may still delete one, as any record).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        moves = [
            ("submit", "soumettre"),
            ("validate", "valider"),
            ("send_back", "renvoyer"),
        ]
        return [
            path(
                f"<int:fiche_id>/{slug}/",
                self.admin_site.admin_view(require_POST(self._move_view(name))),
                name=f"campaigns_fiche_{name}",
            )
            for name, slug in moves
        ] + super().get_urls()

    def _move_view(self, name):
        def view(request, fiche_id):
            fiche = get_object_or_404(Fiche.objects.select_related("campaign", "pole"), pk=fiche_id)
            # A move of another role (a crafted POST) is forbidden, whatever the fiche's state.
            may = workflow.may_submit if name == "submit" else workflow.may_review
            if not self.has_view_permission(request, fiche) or not may(request.user, fiche.pole):
                raise PermissionDenied
            try:
                if name == "submit":
                    workflow.submit(fiche, request.user)
                    done = f"La fiche {fiche.campaign.year} de {fiche.pole} est soumise à la CRES."
                elif name == "validate":
                    workflow.validate(fiche, request.user, request.POST.get("comment", ""))
                    done = f"La fiche {fiche.campaign.year} de {fiche.pole} est validée et publiée."
                else:
                    workflow.send_back(fiche, request.user, request.POST.get("comment", ""))
                    done = f"La fiche {fiche.campaign.year} de {fiche.pole} est renvoyée au coordinateur."
            except workflow.TransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
            return redirect(reverse("admin:campaigns_fiche_change", args=[fiche.pk]))

        return view

    def change_view(self, request, object_id, form_url="", extra_context=None):
        fiche = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if fiche is not None:
            context.update(fiche_panel(request, fiche))
            context["events"] = fiche.events.select_related("by")
        return super().change_view(request, object_id, form_url, context)


def fiche_panel(request, fiche):
    """What the fiche's page and its pole's page show of it: its checklist (done and missing),
    and the moves the user may make."""
    items = checks.stage_items().get(fiche.pole.status, [])
    missing = set(missing_list(fiche))
    return {
        "fiche": fiche,
        "checklist": [
            (checks.BY_CODE[code], checks.BY_CODE[code].short not in missing) for code in items
        ],
        # A coordinator is told which missing items to ask the CRES for.
        "for_coordinator": coordinated_pole_ids(request) is not None,
        "can_submit": fiche.campaign.is_open and workflow.can_submit(request.user, fiche),
        "can_review": fiche.campaign.is_open and workflow.can_review(request.user, fiche),
    }

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from campaigns import mail, workflow
from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche
from core.admin.base import PortalAdmin
from core.admin.concurrency import VersionCheckedForm
from poles.models import Pole


class CampaignForm(VersionCheckedForm):
    poles = forms.ModelMultipleChoiceField(
        label="pôles concernés",
        queryset=Pole.objects.order_by("name"),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple("pôles", is_stacked=False),
        help_text=(
            "Par défaut, tous les pôles qui ne sont pas arrêtés. Un pôle retiré perd sa fiche "
            "de la campagne tant qu'elle est « à faire »."
        ),
    )

    class Meta:
        model = Campaign
        fields = ["year", "opens_on", "submission_deadline", "review_deadline", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["poles"].initial = list(
                self.instance.fiches.values_list("pole_id", flat=True)
            )
        else:
            self.fields["poles"].initial = list(
                workflow.default_poles().values_list("pk", flat=True)
            )

    def clean_poles(self):
        poles = self.cleaned_data["poles"]
        if not self.instance.pk:
            return poles
        kept = {pole.pk for pole in poles}
        advanced = (
            self.instance.fiches.exclude(pole_id__in=kept)
            .exclude(state=FicheState.TODO)
            .select_related("pole")
        )
        if advanced:
            names = ", ".join(fiche.pole.name for fiche in advanced)
            raise ValidationError(
                f"Ces pôles ont déjà avancé leur fiche et restent dans la campagne : {names}."
            )
        return poles


@admin.register(Campaign)
class CampaignAdmin(PortalAdmin):
    """The CRES opens a campaign for a year and chooses the poles it covers; each gets its fiche
    of the year. The Region's officers and the coordinators see the campaigns read-only."""

    form = CampaignForm
    list_display = [
        "name",
        "opens_on",
        "submission_deadline",
        "review_deadline",
        "state",
        "progress",
    ]
    fieldsets = [
        (
            "Calendrier",
            {"fields": ["year", ("opens_on", "submission_deadline", "review_deadline")]},
        ),
        ("Message d'ouverture", {"fields": ["message"]}),
        ("Pôles", {"fields": ["poles"]}),
    ]
    readonly_fields = ["closed_on"]
    actions = ["close_campaigns"]

    def get_queryset(self, request):
        counts = {
            f"count_{state}": Count("fiches", filter=Q(fiches__state=state))
            for state in FicheState.values
        }
        return super().get_queryset(request).annotate(count_all=Count("fiches"), **counts)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.closed_on:
            fieldsets = [*fieldsets, ("Clôture", {"fields": ["closed_on"]})]
        return fieldsets

    @admin.display(description="campagne", ordering="year")
    def name(self, campaign):
        return str(campaign)  # « Campagne 2026 », the year not written « 2 026 »

    @admin.display(description="état")
    def state(self, campaign):
        return campaign.state_label

    @admin.display(description="fiches")
    def progress(self, campaign):
        url = reverse("admin:campaigns_fiche_changelist")
        parts = [
            format_html(
                '<a href="{}?campaign__id__exact={}&state__exact={}">{} {}</a>',
                url,
                campaign.pk,
                state,
                count,
                label,
            )
            for state, label in FicheState.choices
            if (count := getattr(campaign, f"count_{state}"))
        ]
        total = format_html(
            '<a href="{}?campaign__id__exact={}">{} fiche{}</a>',
            url,
            campaign.pk,
            campaign.count_all,
            "s" if campaign.count_all > 1 else "",
        )
        if not parts:
            return total
        return format_html("{} : {}", total, format_html(", ".join(["{}"] * len(parts)), *parts))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        campaign = form.instance
        poles = form.cleaned_data["poles"]
        kept = {pole.pk for pole in poles}
        campaign.fiches.exclude(pole_id__in=kept).filter(state=FicheState.TODO).delete()
        workflow.cover(campaign, poles)
        if campaign.is_open:  # the coordinators are told now, not at the next reminders' run
            transaction.on_commit(lambda: mail.send_due(Fiche.objects.filter(campaign=campaign)))

    @admin.action(description="Clôturer les campagnes sélectionnées", permissions=["change"])
    def close_campaigns(self, request, queryset):
        for campaign in queryset:
            try:
                workflow.close(campaign, request.user)
            except workflow.TransitionError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                self.message_user(request, f"La campagne {campaign.year} est clôturée.")

from django import forms
from django.utils import timezone

from core.admin.concurrency import VersionCheckedForm
from poles.models import Pole


class PoleForm(VersionCheckedForm):
    """The pole's form, with the date and reason of a status change for its history."""

    status_changed_on = forms.DateField(
        label="Date du changement de statut",
        required=False,
        help_text="Si vous changez le statut ; aujourd'hui si vide.",
    )
    status_reason = forms.CharField(
        label="Motif du changement de statut",
        required=False,
        max_length=300,
        help_text="Par exemple : « étude de préfiguration validée par les acteurs ».",
    )

    class Meta:
        model = Pole
        # The admin gives the form the fields of PoleAdmin.fieldsets.
        fields = ["name", "status"]

    def clean_status_changed_on(self):
        value = self.cleaned_data.get("status_changed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Un changement de statut ne peut pas être daté du futur.")
        return value

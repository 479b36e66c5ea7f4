"""The filters of /acteurs/: kind, territory, pole (by slug) and a name search."""

import django_filters
from django.db.models import Q

from actors.enums import ActorKind
from actors.models import Actor
from core.lists import ModelChoiceFilter
from poles.models import Pole
from territories.models import Territory


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Nom", method="search", max_length=200, help_text="Nom ou sigle de l'acteur"
    )
    kind = django_filters.ChoiceFilter(
        label="Nature", choices=ActorKind.choices, empty_label="Toutes les natures"
    )
    territory = ModelChoiceFilter(
        label="Territoire",
        queryset=Territory.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Tous les territoires",
    )
    pole = ModelChoiceFilter(
        label="Pôle",
        queryset=Pole.objects.order_by("name"),
        to_field_name="slug",
        field_name="memberships__pole",
        empty_label="Tous les pôles",
        distinct=True,
    )

    class Meta:
        model = Actor
        fields = ["q", "kind", "territory", "pole"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

"""Funding filters, shared by /poles/ and /financements/.

All funding conditions apply to the same funding line: "a granted study line" is not
"a granted line and a study line". `FundingFilterSet` applies them so, in one place."""

import django_filters
from django.db.models import Q
from django_filters.constants import EMPTY_VALUES

from core.lists import ModelChoiceFilter, NumberInput
from funding.enums import FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.models import FundingLine

YEAR_BOUNDS = {"min_value": 1990, "max_value": 2100}


def amount_digits(invalid):
    """An amount the column could hold: at most its digits, cents at most. A value beyond is
    no amount a visitor means, and PostgreSQL refuses some outright: compared with
    `1e-999999`, the column gives « value overflows numeric format » (a 500). The form
    says so instead, in French (a 400 showing the form)."""
    field = FundingLine._meta.get_field("amount")
    whole = field.max_digits - field.decimal_places
    message = (
        f"Indiquez un montant d'au plus {whole} chiffres avant la virgule et "
        f"{field.decimal_places} après, par exemple 25000."
    )
    return {
        "max_digits": field.max_digits,
        "decimal_places": field.decimal_places,
        "error_messages": {
            "max_digits": message,
            "max_whole_digits": message,
            "max_decimal_places": message,
            "invalid": invalid,
        },
    }


def related(label, model, path, all_label, none_label, to_field_name="slug", **extra):
    """A filter on a related record named in the URL by its slug (or code)."""
    return ModelChoiceFilter(
        label=label,
        queryset=model.objects.all(),
        field_name=path,
        to_field_name=to_field_name,
        empty_label=all_label,
        distinct=True,
        error_messages={"invalid_choice": f"« %(value)s » ne correspond à {none_label}."},
        **extra,
    )


def choice(label, choices, all_label, what, **extra):
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices,
        empty_label=all_label,
        error_messages={"invalid_choice": f"« %(value)s » n'est pas {what}."},
        **extra,
    )


class YearFilter(django_filters.NumberFilter):
    def line_condition(self, year):
        """Lines whose years include `year` (a line without a last year covers its first)."""
        year = int(year)
        return Q(start_year__lte=year) & (
            Q(end_year__gte=year) | Q(end_year__isnull=True, start_year=year)
        )


def line_condition(filter_, value):
    """The condition a funding filter's value puts on a funding line."""
    if isinstance(filter_, YearFilter):
        return filter_.line_condition(value)
    return Q(**{f"{filter_.field_name}__{filter_.lookup_expr}": value})


def funding_filters():
    """The funding filters, by name; a `FundingFilterSet` declares them where its form shows
    them, and applies them."""
    return {
        "funder": related("Financeur", Funder, "funder", "Tous les financeurs", "aucun financeur"),
        "programme": related(
            "Programme", Programme, "programme", "Tous les programmes", "aucun programme"
        ),
        "kind": choice(
            "Nature de l'aide", FundingKind.choices, "Toutes les aides", "une nature d'aide"
        ),
        "funding_status": choice(
            "État du financement",
            FundingStatus.choices,
            "Tous les états",
            "un état de financement",
            field_name="status",
        ),
        "year": YearFilter(
            label="Année financée",
            error_messages={
                "invalid": "Indiquez une année (par exemple 2010).",
                "min_value": "Indiquez une année à partir de 1990.",
                "max_value": "Indiquez une année jusqu'à 2100.",
            },
            widget=NumberInput(attrs={"inputmode": "numeric"}),
            **YEAR_BOUNDS,
        ),
        "amount_min": django_filters.NumberFilter(
            label="Montant minimal (€)",
            field_name="amount",
            lookup_expr="gte",
            min_value=0,
            widget=NumberInput(),
            **amount_digits(invalid="Indiquez un montant en euros, par exemple 25000."),
        ),
        "amount_max": django_filters.NumberFilter(
            label="Montant maximal (€)",
            field_name="amount",
            lookup_expr="lte",
            min_value=0,
            widget=NumberInput(),
            **amount_digits(invalid="Indiquez un montant en euros, par exemple 35000."),
        ),
    }


FUNDING_FILTERS = tuple(funding_filters())


class FundingFilterSet(django_filters.FilterSet):
    """A filter set with the funding filters: the other filters apply one by one, the
    funding ones together, as one condition on one funding line (`filter_lines`)."""

    def filter_queryset(self, queryset):
        condition = Q()
        for name, value in self.form.cleaned_data.items():
            if name not in FUNDING_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
            elif value not in EMPTY_VALUES:
                condition &= line_condition(self.filters[name], value)
        return self.filter_lines(queryset, condition) if condition else queryset

    def filter_lines(self, queryset, condition):
        """`queryset` narrowed to what has a funding line meeting `condition`."""
        raise NotImplementedError

"""Funding filters, shared by /poles/ and /financements/.

All funding conditions apply to the same funding line: "a granted study line" is not
"a granted line and a study line"."""

import django_filters
from django.db.models import Q

from ess_portal.lists import ModelChoiceFilter, NumberInput
from poles.enums import FundingKind, FundingStatus
from poles.models import Funder, FundingLine, Programme

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


def funding_filters():
    """The funding filters' declarations. They only collect their values: the filter set
    applies them together through `funding_condition`."""
    extra = {"method": "collect"}
    return {
        "funder": related(
            "Financeur", Funder, "funder", "Tous les financeurs", "aucun financeur", **extra
        ),
        "programme": related(
            "Programme", Programme, "programme", "Tous les programmes", "aucun programme", **extra
        ),
        "kind": choice(
            "Nature de l'aide",
            FundingKind.choices,
            "Toutes les aides",
            "une nature d'aide",
            **extra,
        ),
        "funding_status": choice(
            "État du financement",
            FundingStatus.choices,
            "Tous les états",
            "un état de financement",
            field_name="status",
            **extra,
        ),
        "year": django_filters.NumberFilter(
            label="Année financée",
            error_messages={
                "invalid": "Indiquez une année (par exemple 2010).",
                "min_value": "Indiquez une année à partir de 1990.",
                "max_value": "Indiquez une année jusqu'à 2100.",
            },
            widget=NumberInput(attrs={"inputmode": "numeric"}),
            **YEAR_BOUNDS,
            **extra,
        ),
        "amount_min": django_filters.NumberFilter(
            label="Montant minimal (€)",
            field_name="amount",
            lookup_expr="gte",
            min_value=0,
            widget=NumberInput(),
            **amount_digits(invalid="Indiquez un montant en euros, par exemple 25000."),
            **extra,
        ),
        "amount_max": django_filters.NumberFilter(
            label="Montant maximal (€)",
            field_name="amount",
            lookup_expr="lte",
            min_value=0,
            widget=NumberInput(),
            **amount_digits(invalid="Indiquez un montant en euros, par exemple 35000."),
            **extra,
        ),
    }


def year_condition(year, prefix=""):
    """Lines whose years include `year` (a line without a last year covers its first)."""
    return Q(**{f"{prefix}start_year__lte": year}) & (
        Q(**{f"{prefix}end_year__gte": year})
        | Q(**{f"{prefix}end_year__isnull": True, f"{prefix}start_year": year})
    )


def funding_condition(data):
    """One Q over FundingLine for the funding filters' cleaned values (None: no condition)."""
    condition = Q()
    if data.get("funder"):
        condition &= Q(funder=data["funder"])
    if data.get("programme"):
        condition &= Q(programme=data["programme"])
    if data.get("kind"):
        condition &= Q(kind=data["kind"])
    if data.get("funding_status"):
        condition &= Q(status=data["funding_status"])
    if data.get("year") is not None:
        condition &= year_condition(int(data["year"]))
    if data.get("amount_min") is not None:
        condition &= Q(amount__gte=data["amount_min"])
    if data.get("amount_max") is not None:
        condition &= Q(amount__lte=data["amount_max"])
    return condition if condition.children else None

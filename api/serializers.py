"""What the API says of each record: exactly what its public page shows, machine-readable
(codes beside French labels, ISO dates with their precision, decimals as strings), with the
slugs as identifiers and links (`url`: the API's, `page`: the public page's).

Never an account, a staff name, a CRES comment: the serializers name their fields one by one,
and tests/api/test_api_privacy.py searches every answer for them."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fuzzy_dates import format_fuzzy_date

FUZZY_DATE = {
    "type": "object",
    "nullable": True,
    "description": "Date connue au jour, au mois ou à l'année (`precision`), ou null.",
    "properties": {
        "date": {"type": "string", "format": "date"},
        "precision": {"type": "string", "enum": ["day", "month", "year"]},
        "label": {"type": "string"},
    },
    "required": ["date", "precision", "label"],
}
CHOICE = {
    "type": "object",
    "nullable": True,
    "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
    "required": ["code", "label"],
}
LINK = {
    "type": "object",
    "nullable": True,
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "page": {"type": "string", "format": "uri"},
    },
    "required": ["slug", "name", "url", "page"],
}


LINK_ITEM = {key: value for key, value in LINK.items() if key != "nullable"}


def links(route, records, parent, name):
    """Records as a list of links (a pole's territories), for the serializer `parent`."""
    link = Link(route)
    link.bind(field_name=name, parent=parent)
    return [link.to_representation(record) for record in records]


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(FUZZY_DATE)
class FuzzyDate(serializers.Field):
    """A fuzzy date (core/fuzzy_dates.py): {"date": "2009-05-01", "precision": "month",
    "label": "mai 2009"}, or null when unknown."""

    def __init__(self, field, **kwargs):
        self.date_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        value = getattr(record, self.date_field)
        if value is None:
            return None
        precision = getattr(record, f"{self.date_field}_precision")
        label = format_fuzzy_date(value, precision)
        return {"date": value.isoformat(), "precision": precision, "label": label}


@extend_schema_field(CHOICE)
class Choice(serializers.Field):
    """A choice as its code and its French label: {"code": "operating", "label": "…"}."""

    def __init__(self, field, **kwargs):
        self.choice_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        code = getattr(record, self.choice_field)
        if code in (None, ""):
            return None
        return {"code": code, "label": getattr(record, f"get_{self.choice_field}_display")()}


@extend_schema_field(LINK)
class Link(serializers.Field):
    """A related record named by its slug, with its address in the API and its public page."""

    def __init__(self, route, **kwargs):
        self.route = route
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, record):
        request = self.context.get("request")
        return {
            "slug": record.slug,
            "name": record.name,
            "url": absolute(request, reverse(f"api:{self.route}-detail", args=[record.slug])),
            "page": absolute(request, record.get_absolute_url()),
        }


class Addresses(serializers.Serializer):
    """`url` (the record in the API) and `page` (its public page), for a record with a slug."""

    route = None
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, record):
        path = reverse(f"api:{self.route}-detail", args=[record.slug])
        return absolute(self.context.get("request"), path)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, record):
        return absolute(self.context.get("request"), record.get_absolute_url())

"""What the API says of each record: exactly what its public page shows, machine-readable
(codes beside French labels, ISO dates with their precision, decimals as strings), with the
slugs as identifiers and links (`url`: the API's, `page`: the public page's).

Never an account, a staff name, a CRES comment: the serializers name their fields one by one,
and tests/api/test_api_privacy.py searches every answer for them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fuzzy_dates import format_fuzzy_date
from core.slugs import slug_url

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


def links(route, records, request):
    """Records as a list of links (a pole's territories)."""
    return [link(request, route, record) for record in records]


def link(request, route, record):
    """A record with a slug: its slug and name, its address in the API and its public page."""
    return {
        "slug": record.slug,
        "name": record.name,
        "url": absolute(request, slug_url(f"api:{route}-detail", record.slug)),
        "page": absolute(request, record.get_absolute_url()),
    }


def absolute(request, path):
    """`request.build_absolute_uri(path)` for a path: the origin is read once per request
    (a page of 50 poles links 150 records or more)."""
    if request is None:
        return path
    origin = getattr(request, "_absolute_origin", None)
    if origin is None:
        origin = request._absolute_origin = request.build_absolute_uri("/")[:-1]
    return origin + path


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
        return link(self.context.get("request"), self.route, record)


class Addresses(serializers.Serializer):
    """`url` (the record in the API) and `page` (its public page), for a record with a slug."""

    route = None
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, record):
        path = slug_url(f"api:{self.route}-detail", record.slug)
        return absolute(self.context.get("request"), path)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, record):
        return absolute(self.context.get("request"), record.get_absolute_url())

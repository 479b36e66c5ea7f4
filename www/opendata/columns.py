"""A file of the data package described once: its columns give both the CSV's cells and
its Table Schema (https://specs.frictionlessdata.io/table-schema/).

    Resource(
        "poles",
        title="Pôles",
        queryset=lambda: Pole.objects.order_by("slug"),
        fields=[
            Field("identifiant", STRING, "Identifiant du pôle.", "slug", required=True),
            Field("nom", STRING, "Nom du pôle.", "name"),
        ],
        primary_key=["identifiant"],
    )

A column reads a lookup of the queryset (`source`, read with `values()`: one query for the
whole file, read CHUNK_SIZE rows at a time) or computes its value from the row (`value`,
given the dict of the sources). Cells are written for machines: ISO dates, `.` decimals
without thousands separator, `true`/`false`, an empty cell for what is not known.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from core.exports import CHUNK_SIZE, in_chunks
from core.fuzzy_dates import DatePrecision

STRING = "string"
INTEGER = "integer"
NUMBER = "number"
BOOLEAN = "boolean"
DATE = "date"

CSV_BUFFER = 64 * 1024  # characters sent at a time


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    source: str | None = None  # a lookup of the resource's queryset
    value: Callable[[dict], object] | None = None  # else computed from the row
    reads: tuple = ()  # the lookups `value` reads
    required: bool = False
    enum: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    format: str | None = None  # "uri"

    def read(self, row):
        return self.value(row) if self.value is not None else row[self.source]

    def schema(self):
        descriptor = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            descriptor["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


def choice(name, source, description, choices, required=False):
    """A column of codes (`operating`), the codes and their French labels in its description."""
    values = "; ".join(f"{value} ({label})" for value, label in choices.choices)
    return Field(
        name,
        STRING,
        f"{description} Valeurs : {values}.",
        source,
        required=required,
        enum=tuple(choices.values),
    )


def fuzzy_date(name, source, description):
    """A date known to the day, the month or the year: the date (its first day when only the
    month or the year is known) and its precision, both empty when the date is not known."""
    precision = f"{source}_precision"
    labels = "; ".join(f"{value} ({label})" for value, label in DatePrecision.choices)
    return [
        Field(
            name,
            DATE,
            f"{description} Quand seuls le mois ou l'année sont connus, le premier jour de "
            f"ceux-ci (voir {name}_precision).",
            source,
        ),
        Field(
            f"{name}_precision",
            STRING,
            f"Ce que l'on connaît de « {name} » : {labels}.",
            value=lambda row: row[precision] if row[source] is not None else None,
            reads=(source, precision),
            enum=tuple(DatePrecision.values),
        ),
    ]


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference: str = "identifiant"

    def schema(self):
        return {
            "fields": [self.field],
            "reference": {"resource": self.resource, "fields": [self.reference]},
        }


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    fields: list
    queryset: Callable | None = None  # the rows, ordered; None for `rows`
    primary_key: list = field(default_factory=lambda: ["identifiant"])
    foreign_keys: list = field(default_factory=list)
    sources: tuple = ()  # further lookups that computed columns read
    add_to_chunk: Callable[[list], None] | None = None  # what rows share, a query per chunk
    rows: Callable[[], Iterable[dict]] | None = None  # rows not read by `queryset.values()`
    countable: bool = True  # whether the number of rows is one COUNT

    def records(self):
        """The rows as dicts of sources, read as they come."""
        if self.rows is not None:
            yield from self.rows()
            return
        lookups = [lookup for field in self.fields for lookup in (field.source, *field.reads)]
        lookups = list(dict.fromkeys(lookup for lookup in [*lookups, *self.sources] if lookup))
        rows = self.queryset().values(*lookups).iterator(chunk_size=CHUNK_SIZE)
        if self.add_to_chunk is None:
            yield from rows
            return
        for chunk in in_chunks(rows):
            self.add_to_chunk(chunk)
            yield from chunk

    def count(self):
        return self.queryset().count() if self.countable else None

    def csv_lines(self):
        """The header, then the rows, in chunks of about CSV_BUFFER characters."""
        writer = csv.writer(_Echo(), lineterminator="\r\n")
        chunk, size = [writer.writerow([column.name for column in self.fields])], 0
        for row in self.records():
            line = writer.writerow([cell(column.read(row)) for column in self.fields])
            chunk.append(line)
            size += len(line)
            if size >= CSV_BUFFER:
                yield "".join(chunk)
                chunk, size = [], 0
        yield "".join(chunk)

    def table_schema(self):
        schema = {
            "fields": [column.schema() for column in self.fields],
            "missingValues": [""],
            "primaryKey": self.primary_key,
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [key.schema() for key in self.foreign_keys]
        return schema


class _Echo:
    """A pseudo-buffer: csv.writer's `writerow` returns the line instead of storing it."""

    def write(self, value):
        return value


def cell(value):
    """A value as machines read it: `2009-10-07`, `12.5`, `true`; '' when unknown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return format(value.quantize(Decimal(1)), "f")
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)

"""What the files of /donnees/ share: the imports, the column helpers and the references to
the poles and their studies (the files themselves: the other modules of this package)."""

from django.conf import settings
from django.urls import reverse

from core.slugs import slug_url
from funding.models import Programme
from poles.models import (
    Document,
    FundingLine,
    Pole,
)
from poles.models.funding_line import yearly_amounts
from territories.models import share
from www.opendata.columns import (
    INTEGER,
    STRING,
    Field,
    ForeignKey,
)


def identifier(description):
    return Field("identifiant", INTEGER, description, "pk", required=True)


def slug(description):
    return Field("identifiant", STRING, description, "slug", required=True)


def text(name, source, description, **kwargs):
    """A text the pages show; '' in the database is an empty cell."""
    return Field(
        name, STRING, description, value=lambda row: row[source] or None, reads=(source,), **kwargs
    )


def page_address(viewname, description="Adresse de sa page sur le portail."):
    """The public address of the record's page, from SITE_URL (not the request's host)."""
    return Field(
        "adresse_de_la_page",
        STRING,
        description,
        value=lambda row: f"{settings.SITE_URL}{slug_url(viewname, row['slug'])}",
        reads=("slug",),
        format="uri",
    )


def joined_in_chunk(through, owner, target, key):
    """add_to_chunk of a many-to-many column: the targets of each row of the chunk (`target`
    lookups of the `through` table), joined by ', ', one query per chunk."""

    def add(chunk):
        values = {row["pk"]: [] for row in chunk}
        pairs = through.objects.filter(**{f"{owner}__in": values}).order_by(owner, target)
        for pk, value in pairs.values_list(owner, target):
            values[pk].append(value)
        for row in chunk:
            row[key] = ", ".join(values[row["pk"]]) or None

    return add


def file_name(row):
    document = Document(title=row["title"], original_name=row["original_name"], file=row["file"])
    return document.file_name if row["file"] else None


def download_address(row):
    if not row["file"]:
        return None
    return f"{settings.SITE_URL}{reverse('document_download', args=[row['pk']])}"


def programme_rules(row):
    rules = Programme(
        name=row["name"],
        study_max_amount=row["study_max_amount"],
        operating_amount_per_post_year=row["operating_amount_per_post_year"],
        operating_max_years=row["operating_max_years"],
        operating_min_posts=row["operating_min_posts"],
        operating_max_posts=row["operating_max_posts"],
    ).rules()
    return " ".join(rules) or None


def stated_or_computed(stated, part):
    """The share the source states, else the one the counts give (KeyFigures)."""
    return lambda row: (
        row[stated] if row[stated] is not None else share(row[part], row["establishments"])
    )


def yearly_rows():
    """One row per year of each funding line's schedule (a JSON dict year → amount)."""
    lines = FundingLine.objects.order_by("pk").values_list("pk", "schedule")
    for pk, schedule in lines.iterator(chunk_size=2000):
        for year, amount in sorted(yearly_amounts(schedule or {}).items()):
            yield {"line": pk, "year": year, "amount": amount}


def pole_lists(chunk):
    """The territories and functions of a chunk of poles: two queries."""
    joined_in_chunk(Pole.territories.through, "pole_id", "territory__slug", "territories")(chunk)
    joined_in_chunk(Pole.functions.through, "pole_id", "function__name", "functions")(chunk)


POLE = ForeignKey("pole", "poles")
STUDY = ForeignKey("etude", "etudes")
TO_POLE = Field(
    "pole", STRING, "Le pôle (son identifiant dans poles).", "pole__slug", required=True
)
TO_STUDY = Field(
    "etude",
    INTEGER,
    "L'étude de préfiguration concernée, le cas échéant (son identifiant dans etudes).",
    "study_id",
)
ORDER = Field("ordre", INTEGER, "Rang dans la page du pôle.", "order")

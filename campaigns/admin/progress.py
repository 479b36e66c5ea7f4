"""Each fiche's progress through its checklist, in SQL: what its pole's stage expects, what is
done, what is missing (labels), so that a list of fiches is one query and sorts by progress."""

from django.db.models import Case, CharField, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Concat

from campaigns import checks

SEPARATOR = " ; "


def annotate_progress(fiches):
    """`fiches` with `expected_count`, `missing_count`, `done_count`, `missing_labels` (the
    short ones: « statuts ; plan d'action ; ») and `progress_ratio` (done / expected, 1 when
    nothing is expected), to sort by."""
    items = checks.stage_items()
    fiches = checks.annotate_fiche_checks(fiches)
    expected = Case(
        *(When(pole__status=stage, then=Value(len(codes))) for stage, codes in items.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    misses = [
        (
            Q(pole__status=stage) & Q(**{checks.annotation(code): False}),
            checks.BY_CODE[code].short,
        )
        for stage, codes in items.items()
        for code in codes
    ]
    missing_count = sum(
        (
            Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
            for condition, _ in misses
        ),
        Value(0),
    )
    labels = [
        Case(
            When(condition, then=Value(label + SEPARATOR)),
            default=Value(""),
            output_field=CharField(),
        )
        for condition, label in misses
    ]
    fiches = fiches.annotate(expected_count=expected, missing_count=missing_count)
    return fiches.annotate(
        done_count=F("expected_count") - F("missing_count"),
        progress_ratio=Case(
            When(expected_count=0, then=Value(1.0)),
            default=Cast(F("expected_count") - F("missing_count"), FloatField())
            / Cast(F("expected_count"), FloatField()),
            output_field=FloatField(),
        ),
        missing_labels=Concat(*labels, Value(""), Value(""), output_field=CharField())
        if labels
        else Value("", output_field=CharField()),
    )


def missing_list(fiche):
    """The short labels of what an annotated fiche misses."""
    return [label for label in fiche.missing_labels.split(SEPARATOR) if label]

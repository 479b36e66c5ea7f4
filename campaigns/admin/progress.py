"""Each fiche's progress through its checklist, in SQL: what its pole's stage expects, what is
done, what is missing (labels), so that a list of fiches is one query and sorts by progress."""

from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Concat

from campaigns import checks

SEPARATOR = " ; "


def annotate_progress(fiches):
    """`fiches` with `expected_count`, `missing_count`, `done_count` and `missing_labels`
    (« a ; b ; »)."""
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
            checks.BY_CODE[code].label,
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
        missing_labels=Concat(*labels, Value(""), Value(""), output_field=CharField())
        if labels
        else Value("", output_field=CharField()),
    )


def missing_list(fiche):
    """The labels of what an annotated fiche misses."""
    return [label for label in fiche.missing_labels.split(SEPARATOR) if label]

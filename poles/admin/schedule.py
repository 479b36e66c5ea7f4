"""A funding line's schedule (« échéancier ») as staff type it: one year a line,
« 2025 : 35 000 » (French spaces and commas welcome), stored as {"2025": "35000.00"}."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.formats import number

LINE = re.compile(r"^\s*(\d{4})\s*[:=]\s*(.+?)\s*(?:€|euros?)?\s*$", re.IGNORECASE)
BLANKS = re.compile(r"[\s\u00a0\u202f]")


def parse_amount(text):
    cleaned = BLANKS.sub("", text).replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        return None
    return amount.quantize(Decimal("0.01"))


class ScheduleField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3, "cols": 30})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return "\n".join(
                f"{year} : {number(Decimal(amount))}" for year, amount in sorted(value.items())
            )
        return value

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        schedule, errors = {}, []
        for line in (value or "").splitlines():
            if not line.strip():
                continue
            match = LINE.match(line)
            amount = parse_amount(match.group(2)) if match else None
            if amount is None:
                errors.append(
                    f"« {line.strip()} » : écrivez l'année puis le montant, par exemple "
                    "« 2025 : 35 000 »."
                )
            elif match.group(1) in schedule:
                errors.append(f"L'année {match.group(1)} figure deux fois.")
            else:
                schedule[match.group(1)] = str(amount)
        if errors:
            raise ValidationError(errors)
        return schedule

    def has_changed(self, initial, data):
        return (initial or {}) != self._parsed(data)

    def _parsed(self, data):
        """What `data` holds, or `data` itself when it does not read (the change is kept)."""
        try:
            return self.to_python(data)
        except ValidationError:
            return data


# For the admins that show the schedule (the line's page, the pole's and the study's rows).
SCHEDULE_FIELD = {models.JSONField: {"form_class": ScheduleField}}

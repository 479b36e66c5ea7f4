"""A change page in sections, as a person reads the record (`PortalAdmin.sections`).

    sections = [
        ("Identité", ["Identité", ContactInline]),       # fieldset names and inline classes
        ("Membres", ["Acteurs et gouvernance", MembershipInline]),
    ]

Each section is a `<details>` (templates/admin/change_form.html): it opens and closes without
JavaScript. On a change page a section is closed when it holds nothing yet (no value in its
fields, no row in its inlines), open otherwise, and always open when it holds an error; on an
add page every section is open. Fieldsets and inlines a section does not name come after the
sections, as Django shows them."""

from dataclasses import dataclass, field

from django.db.models import Manager
from django.utils.text import slugify

from core.versioning import VERSION


def is_empty(value):
    # 0 is a value (« 0 salarié »); an unticked box, like a blank, says nothing.
    return value is None or value is False or value in ("", [], ())


@dataclass
class Section:
    title: str
    # (kind, part, index): ("fieldset", the admin's Fieldset, its position among the
    # fieldsets, for its heading's id) or ("inline", the InlineAdminFormSet, None).
    parts: list = field(default_factory=list)
    empty: bool = True
    errors: bool = False

    @property
    def slug(self):
        return slugify(self.title)


def build_sections(spec, adminform, inline_admin_formsets, adding):
    """The page's sections, then a last one, untitled, for what they do not name."""
    fieldsets = {fieldset.name: (index, fieldset) for index, fieldset in enumerate(adminform)}
    inlines = {type(formset.opts): formset for formset in inline_admin_formsets}
    sections, placed = [], set()
    for title, names in spec:
        section = Section(title)
        for name in names:
            if isinstance(name, str):
                if name not in fieldsets:
                    continue  # not shown to this user
                index, fieldset = fieldsets[name]
                section.parts.append(("fieldset", fieldset, index))
                section.empty &= not fieldset_has_values(adminform.form, fieldset)
                section.errors |= fieldset_has_errors(adminform.form, fieldset)
            elif name in inlines:
                formset = inlines[name].formset
                section.parts.append(("inline", inlines[name], None))
                section.empty &= not formset.initial_form_count()
                section.errors |= bool(formset.non_form_errors()) or any(
                    form.errors for form in formset.forms
                )
            placed.add(name)
        if section.parts:
            section.empty &= not adding
            sections.append(section)
    rest = Section("")
    rest.parts = [
        ("fieldset", fieldset, index)
        for name, (index, fieldset) in fieldsets.items()
        if name not in placed
    ] + [("inline", formset, None) for kind, formset in inlines.items() if kind not in placed]
    if rest.parts:
        rest.empty = False
        sections.append(rest)
    return sections


def field_names(fieldset):
    for line in fieldset.fields:
        yield from (name for name in ([line] if isinstance(line, str) else line) if name != VERSION)


def fieldset_has_values(form, fieldset):
    for name in field_names(fieldset):
        if name in form.fields:
            value = form[name].value()
        else:  # read-only for this user
            value = getattr(form.instance, name, None)
            if isinstance(value, Manager):
                continue  # not read again for this: its rows are another query
        if not is_empty(value):
            return True
    return False


def fieldset_has_errors(form, fieldset):
    return any(form.errors.get(name) for name in field_names(fieldset))

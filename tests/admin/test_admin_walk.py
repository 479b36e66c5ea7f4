"""Every admin page that saves, saves: a walk of every registered ModelAdmin.

For its add page and its change page on a seed record, as the CRES and as a pole's
coordinator (where their rights open the page), the test posts what a person would: the form
as the admin rendered it, filled on an add page from a seed record of the same model (its
unique names made new), and one new row in every inline they may add to, copied from a seed
row. Never a 5xx, the page answers with the admin's redirect, and every row is saved.

The regression behind it: a new study saved with an objective or a funding line in the same
form answered 500 and lost what was typed (the rows had no pole yet)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.test import RequestFactory
from django.urls import reverse

from poles.models import Pole
from poles.roles import CRES, POLE_COORDINATORS
from territories.geo.outlines import geometry
from territories.models import TerritoryPart
from tests.admin.conftest import FACTORIES
from tests.admin.forms import _value, admin_form_data, widget_data

PASSWORD = "mot-de-passe-solide-2010"
ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
ROLES = ["cres", "coordinator"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The account's add page hashes the password typed; the walkers log in without one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(seed, django_user_model):
    cres = django_user_model.objects.create_user(username="walk-cres", is_staff=True)
    cres.groups.add(Group.objects.get(name=CRES))
    coordinator = django_user_model.objects.create_user(username="walk-coordinator", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    Pole.objects.get(slug="c2sol").coordinators.add(coordinator)
    return {"cres": cres, "coordinator": coordinator}


def request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


# ----- what a person types


def is_text(field):
    return isinstance(field, models.CharField) and not field.choices


def unique_sets(model):
    """The field names of each unique constraint and `unique_together` of the model."""
    sets = [list(names) for names in model._meta.unique_together]
    sets += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
    ]
    return sets


def fields_to_renew(model, form_fields):
    """What a copy must change to be new: each unique text field, each unique number (a
    campaign's year), and for each unique set, its text fields or, when it has none, its last
    foreign key that the form shows, or else its last field of choices (a checklist item's)."""
    texts = {
        field.name
        for field in model._meta.fields
        if field.unique and not field.primary_key and (is_text(field) or is_number(field))
    }
    keys, choices = set(), set()
    for names in unique_sets(model):
        fields = [model._meta.get_field(name) for name in names]
        if any(is_text(field) for field in fields):
            texts |= {field.name for field in fields if is_text(field)}
            continue
        shown = [f.name for f in fields if f.is_relation and f.name in form_fields]
        keys |= set(shown[-1:])
        if not shown:
            choices |= {names[-1]}
    return texts, keys, choices


def is_number(field):
    return isinstance(field, models.IntegerField) and not field.choices


def free_choice(model, field, data):
    """A value of the choices `field` offers that no record has beside the copy's others."""
    for value, _ in field.choices:
        if value and not model._default_manager.filter(**{**data, field.name: value}).exists():
            return value
    raise AssertionError(f"aucun choix libre pour {model._meta.label}.{field.name}")


def renewed_text(name, value, max_length):
    value = f"{value}-copie" if name == "slug" else f"{value} (copie)"
    return value if len(value) <= (max_length or len(value)) else "9" * max_length


def new_target(field):
    """A record made for a copy that needs a new target (another actor, another pole)."""
    model = field.queryset.model
    if model._meta.model_name in FACTORIES:
        return FACTORIES[model._meta.model_name]()
    return model._default_manager.create(name=f"Copie {model._default_manager.count()}")


def copied_values(form_class, source, prefix, skip):
    """The values of `form_class`'s fields for a copy of `source`: what makes it unique made
    new, choices the page does not offer replaced, no version (a new record has none)."""
    form = form_class(instance=source, prefix=prefix)
    model = type(source)
    texts, keys, choices = fields_to_renew(model, set(form.fields) - skip)
    data = {}
    for name, field in form.fields.items():
        if name in skip or name == "version" or field.disabled:
            continue
        value = _value(form[name])
        if name in texts and value and is_number(model._meta.get_field(name)):
            value = str(max(model._default_manager.values_list(name, flat=True)) + 1)
        elif name in texts and value:
            value = renewed_text(name, value, model._meta.get_field(name).max_length)
        if name in choices:
            others = {
                other: getattr(source, other)
                for names in unique_sets(model)
                if name in names
                for other in names
                if other != name
            }
            value = free_choice(model, model._meta.get_field(name), others)
        if isinstance(field, ModelMultipleChoiceField):
            value = [pk for pk in value if field.queryset.filter(pk=pk).exists()]
        elif isinstance(field, ModelChoiceField):
            if name in keys:
                value = str(new_target(field).pk)
            elif value and not field.queryset.filter(pk=value).exists():
                first = field.queryset.first()
                value = str(first.pk) if field.required and first else ""
        if value == "" and isinstance(form[name].value(), bool):
            continue
        data.update(widget_data(form[name], value))
    if model is TerritoryPart:
        # A piece of a territory must be one the map knows (territories/geo/): another
        # intercommunalité, rather than a code made unique by a suffix.
        used = TerritoryPart.objects.filter(territory=source.territory_id, kind="epci")
        taken = set(used.values_list("code", flat=True))
        data[form["kind"].html_name] = TerritoryPart.Kind.EPCI
        data[form["code"].html_name] = next(
            c for c in sorted(geometry()["epcis"]) if c not in taken
        )
    return data


def source_row(model, parent_field, parent):
    """A seed row to copy: one of the same parent when there is one."""
    rows = model._default_manager.order_by("pk")
    if parent is not None and parent.pk:
        same = rows.filter(**{parent_field: parent}).first()
        if same is not None:
            return same
    return rows.first()


def add_inline_rows(response, data):
    """One new row in every inline the user may add to: {inline model: rows before}."""
    parent = response.context["adminform"].form.instance
    added = {}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        if not inline.has_add_permission:
            continue
        source = source_row(formset.model, formset.fk.name, parent)
        assert source is not None, f"aucune ligne {formset.model._meta.label} à copier"
        total = int(data[formset.management_form.add_prefix("TOTAL_FORMS")])
        data.update(
            copied_values(formset.form, source, formset.add_prefix(total), skip={formset.fk.name})
        )
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(total + 1)
        added[formset.model] = formset.model._default_manager.count()
    return added


def new_record_data(response, model, model_admin, user):
    """An add page's main form, filled from a seed record the user may see."""
    data = admin_form_data(response)
    if model._meta.label == "auth.User":
        data.update(username="walk-new-account", password1=PASSWORD, password2=PASSWORD)
        return data
    source = model_admin.get_queryset(request_of(user)).order_by("pk").first()
    if source is None:
        source = FACTORIES[model._meta.model_name]()
    form_class = type(response.context["adminform"].form)
    data.update(copied_values(form_class, source, None, skip=set()))
    return data


def errors_of(response):
    if response.context is None or "adminform" not in response.context:
        return response.status_code
    errors = [response.context["adminform"].form.errors]
    for inline in response.context["inline_admin_formsets"]:
        errors += inline.formset.errors + [inline.formset.non_form_errors()]
    return [str(error) for error in errors if error]


# ----- the walk


def walk(client, user, model, model_admin, url, data_for):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    data = data_for(response)
    added = add_inline_rows(response, data)
    records = model._default_manager.count()

    response = client.post(url, data)

    assert response.status_code == 302, (url, errors_of(response))
    for inline_model, before in added.items():
        assert inline_model._default_manager.count() == before + 1, (url, inline_model)
    return records


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "model,model_admin", ADMINS, ids=lambda item: getattr(item, "__name__", "")
)
def test_the_add_page_saves_the_record_and_a_row_of_every_inline(
    client, users, role, model, model_admin
):
    user = users[role]
    url = admin_url(model, "add")
    if not model_admin.has_add_permission(request_of(user)):
        assert client.get(url).status_code in (302, 403)  # the login page, or forbidden
        client.force_login(user)
        assert client.get(url).status_code == 403
        return

    before = walk(
        client,
        user,
        model,
        model_admin,
        url,
        lambda response: new_record_data(response, model, model_admin, user),
    )

    assert model._default_manager.count() == before + 1


def record_to_change(model, model_admin, user, users):
    """A seed record the user may see, or (no such record in the seed) one made for the
    test: in the coordinator's pole for a pole's part."""
    if model._meta.label == "auth.User":
        return users["coordinator"]
    record = model_admin.get_queryset(request_of(user)).order_by("pk").first()
    factory = FACTORIES.get(model._meta.model_name)
    if record is None and factory is not None:
        names = {field.name for field in model._meta.fields}
        pole = Pole.objects.get(slug="c2sol")
        record = factory(pole=pole) if "pole" in names else factory()
    return record


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "model,model_admin", ADMINS, ids=lambda item: getattr(item, "__name__", "")
)
def test_the_change_page_saves_a_new_row_of_every_inline(client, users, role, model, model_admin):
    user = users[role]
    record = record_to_change(model, model_admin, user, users)
    if record is None:
        pytest.skip(
            f"aucune fiche « {model._meta.verbose_name} » (ni données initiales ni fabrique)"
        )
    url = admin_url(model, "change", record.pk)
    if not model_admin.has_change_permission(request_of(user), record):
        # Seen read-only or not at all: the page's form posted back is refused.
        client.force_login(user)
        data = admin_form_data(response) if (response := client.get(url)).status_code == 200 else {}
        assert client.post(url, data).status_code == 403
        return

    walk(client, user, model, model_admin, url, admin_form_data)

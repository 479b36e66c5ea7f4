"""The admin's home (/admin/): each role's panels above the list of the apps
(poles/admin/home.py, templates/admin/index.html)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from funding.enums import FundingStatus
from poles.models import Pole
from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS
from tests.admin.forms import admin_form_data
from tests.core.imports.admin_steps import import_file
from tests.core.imports.spreadsheets import ACTORS_HEADERS, upload
from tests.factories import FunderFactory, FundingLineFactory, PoleFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
HOME = "/admin/"


@pytest.fixture
def member(client, django_user_model):
    """`member(role)`: the test client logged in as a staff account of that group."""

    def log_in(role, username="compte", **fields):
        user = django_user_model.objects.create_user(
            username=username, password="mot-de-passe-solide-2010", is_staff=True, **fields
        )
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return user

    return log_in


def home(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def paris(*args):
    return timezone.make_aware(datetime.datetime(*args))


# the CRES


def test_the_cres_sees_the_oldest_poles_first_with_french_dates(client, member):
    member(CRES)
    recent = PoleFactory(name="Pôle récent")
    old = PoleFactory(name="Pôle ancien")
    Pole.objects.filter(pk=old.pk).update(updated_at=paris(2009, 10, 7, 12))
    Pole.objects.filter(pk=recent.pk).update(updated_at=paris(2010, 3, 1, 12))

    content = home(client)

    panel = content[content.index("Fiches les plus anciennes") :]
    assert f'<a href="{change_url(old)}">Pôle ancien</a>' in panel
    assert "7 octobre 2009" in panel and "1 mars 2010" in panel
    assert panel.index("Pôle ancien") < panel.index("Pôle récent")


def test_the_cres_sees_the_funding_requested_and_not_decided(client, member):
    member(CRES)
    programme = ProgrammeFactory(name="Soutien aux pôles", funder__name="Conseil régional")
    requested = FundingLineFactory(
        pole__name="Pôle en attente", programme=programme, amount=Decimal("35000")
    )
    FundingLineFactory(pole__name="Pôle financé", status=FundingStatus.GRANTED)

    content = home(client)

    panel = content[content.index("Financements demandés") : content.index("Modifications")]
    assert f'<a href="{change_url(requested)}">Pôle en attente</a>' in panel
    assert "Conseil régional — Soutien aux pôles" in panel
    assert f"35{NBSP}000{NBSP}€" in panel
    assert "Pôle financé" not in panel
    list_url = reverse("admin:poles_fundingline_changelist")
    assert f'<a href="{list_url}?status__exact=requested">Toutes les lignes demandées (1)</a>' in (
        panel
    )


def test_the_cres_sees_who_changed_what_through_the_admin(client, member):
    member(CRES, first_name="Claire", last_name="Le Goff")
    funder = FunderFactory(name="Conseil départemental")
    url = change_url(funder)
    data = admin_form_data(client.get(url))
    data["name"] = "Conseil départemental du Finistère"
    assert client.post(url, data).status_code == 302

    content = home(client)

    panel = content[content.index("Modifications récentes") :]
    assert f'<a href="{url}">Conseil départemental du Finistère</a>' in panel
    assert "Financeur : Modification de Nom." in panel
    assert "Claire Le Goff" in panel
    assert timezone.localtime().strftime("%Y") in panel


def test_a_confirmed_import_is_logged_once_and_listed(client, member):
    member(CRES, first_name="Claire", last_name="Le Goff")
    rows = [
        ["Acteur un", "autre ou non précisé", "", "", ""],
        ["Acteur deux", "autre ou non précisé", "", "", ""],
    ]
    response = import_file(client, Actor, upload(ACTORS_HEADERS, rows, name="acteurs-2010"))
    assert response.status_code == 302

    entry = LogEntry.objects.get()
    assert entry.object_id is None
    assert entry.change_message == "Import de 2 lignes (2 ajouts)"
    content = home(client)
    panel = content[content.index("Derniers imports") :]
    assert "acteurs-2010.csv" in panel
    assert f'<a href="{reverse("admin:actors_actor_changelist")}">Acteurs</a>' in panel
    assert "Import de 2 lignes (2 ajouts)" in panel
    # An import is not a change of one record: it is not listed twice.
    changes = content[content.index("Modifications récentes") : content.index("Derniers imports")]
    assert "Aucune modification enregistrée." in changes


def test_a_superuser_has_the_cres_home(admin_client):
    content = home(admin_client)

    assert "Fiches les plus anciennes" in content
    assert "Votre pôle" not in content


def test_the_cres_home_costs_the_same_queries_whatever_the_data(client, member):
    user = member(CRES)

    def network(size):
        poles = PoleFactory.create_batch(size)
        for pole in poles:
            FundingLineFactory(pole=pole, amount=Decimal("1000"))
        LogEntry.objects.log_actions(user.pk, poles, CHANGE, change_message="[]")

    def count():
        with CaptureQueriesContext(connection) as queries:
            content = home(client)
        return len(queries), content

    network(1)
    small, _ = count()
    network(29)
    large, content = count()

    assert large == small
    panel = content[content.index("Fiches les plus anciennes") : content.index("Financements")]
    assert panel.count("/admin/poles/pole/") == 10
    assert "Toutes les lignes demandées (30)" in content


# a pole's coordinator


def test_a_coordinator_reaches_their_pole_in_one_click_and_sees_no_other(client, member):
    user = member(POLE_COORDINATORS)
    own = PoleFactory(name="Pôle ESS du Pays de Lorient")
    own.coordinators.add(user)
    other = PoleFactory(name="Pôle ESS du Pays de Vannes")
    FundingLineFactory(pole=other)

    content = home(client)

    assert "Votre pôle" in content
    assert f'<a href="{change_url(own)}">Pôle ESS du Pays de Lorient</a>' in content
    assert f'<a href="{own.get_absolute_url()}">page publique' in content
    assert "sont tenus par la CRES" in content
    assert other.name not in content
    assert "Fiches les plus anciennes" not in content
    assert "Financements demandés" not in content


def test_a_coordinator_of_two_poles_sees_both(client, member):
    user = member(POLE_COORDINATORS)
    for name in ("Pôle A", "Pôle B"):
        PoleFactory(name=name).coordinators.add(user)

    content = home(client)

    assert "Vos pôles" in content
    assert "Pôle A" in content and "Pôle B" in content


def test_a_coordinator_without_pole_is_told_whom_to_ask(client, member):
    member(POLE_COORDINATORS)
    PoleFactory(name="Pôle de quelqu'un d'autre")

    content = home(client)

    assert "Aucun pôle n'est rattaché à votre compte" in content
    assert "Pôle de quelqu'un d'autre" not in content


def test_a_coordinator_s_home_costs_the_same_queries_whatever_their_poles(client, member):
    user = member(POLE_COORDINATORS)

    def count():
        with CaptureQueriesContext(connection) as queries:
            home(client)
        return len(queries)

    PoleFactory().coordinators.add(user)
    one = count()
    for pole in PoleFactory.create_batch(5):
        pole.coordinators.add(user)
    assert count() == one


# the Region's officers


def test_a_region_officer_finds_the_funding_and_the_exports_and_no_edit_link(client, member):
    member(REGION_OFFICERS)
    pole = PoleFactory(name="Pôle ESS du Pays de Lorient")
    FundingLineFactory(pole=pole)

    content = home(client)

    list_url = reverse("admin:poles_fundingline_changelist")
    assert f'<a href="{list_url}">Toutes les lignes de financement</a>' in content
    assert f'<a href="{list_url}?status__exact=granted">' in content
    assert f'<a href="{reverse("funding:list")}">' in content
    for namespace in ("poles", "funding", "actors", "territories"):
        assert f'href="{reverse(f"{namespace}:export_csv")}"' in content
        assert f'href="{reverse(f"{namespace}:export_xlsx")}"' in content
    assert f'<a href="{reverse("admin:actors_actor_export")}">Acteurs</a>' in content
    assert "/change/" not in content
    assert "/add/" not in content
    assert "Fiches les plus anciennes" not in content
    assert pole.name not in content


def test_the_region_officer_s_links_open(client, member):
    member(REGION_OFFICERS)
    FundingLineFactory()
    content = home(client)

    urls = [
        reverse("admin:poles_fundingline_changelist") + "?status__exact=requested",
        reverse("admin:actors_actor_export"),
        reverse("funding:export_csv"),
    ]
    for url in urls:
        assert f'href="{url}"' in content
        assert client.get(url).status_code == 200, url


def test_an_account_without_role_has_the_list_of_the_apps_only(client, django_user_model):
    user = django_user_model.objects.create_user(username="sans-role", password="p", is_staff=True)
    client.force_login(user)

    content = home(client)

    assert "Fiches les plus anciennes" not in content
    assert "Votre pôle" not in content
    assert "Toutes les lignes de financement" not in content

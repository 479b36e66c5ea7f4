"""/donnees/: the public dataset as CSV files with their Table Schemas and a datapackage.json.

Every file has its schema's header and is valid for frictionless (types, keys, references
between files); the rows say what the pages say; nothing private gets in; queries and
memory stay flat whatever the number of rows."""

import csv
import io
import json
import tracemalloc

import frictionless
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import FicheEvent
from poles.models import FundingLine, Pole
from poles.roles import POLE_COORDINATORS
from tests.factories import (
    ActionFactory,
    ActorFactory,
    DocumentFactory,
    FicheFactory,
    FundingLineFactory,
    KeyFiguresFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    StatusChangeFactory,
    StudyFactory,
    TerritoryFactory,
    create_in_bulk,
    give_seed_lines_amounts,
)
from tests.pages import page_text
from www.opendata.resources import RESOURCES

pytestmark = pytest.mark.django_db

SITE_URL = "https://poles-ess.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def download(client, resource):
    response = client.get(reverse("data:csv", args=[resource.name]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def rows_of(client, resource):
    return list(csv.DictReader(io.StringIO(download(client, resource).decode("utf-8"))))


def package(client):
    response = client.get(reverse("data:datapackage"))
    assert response.status_code == 200
    return response.json()


def with_schedule(seed):
    give_seed_lines_amounts()
    line = FundingLine.objects.filter(amount=35000).order_by("pk").first()
    line.end_year, line.schedule = line.start_year + 1, {"2009": "20000.00", "2010": "15000.00"}
    line.save()
    return line


def test_every_file_has_its_schema_s_header_and_parses(client, seed):
    with_schedule(seed)
    for resource in RESOURCES:
        body = download(client, resource).decode("utf-8")
        assert not body.startswith("\ufeff"), resource.name
        lines = list(csv.reader(io.StringIO(body)))
        assert lines[0] == [field["name"] for field in resource.table_schema()["fields"]]
        assert len(lines) > 1, f"{resource.name} : aucune ligne"
        assert {len(line) for line in lines} == {len(lines[0])}, resource.name


def test_frictionless_validates_the_package(client, seed, tmp_path):
    with_schedule(seed)
    descriptor = package(client)
    for resource, described in zip(RESOURCES, descriptor["resources"], strict=True):
        assert described["path"] == f"{SITE_URL}/donnees/{resource.name}.csv"
        (tmp_path / f"{resource.name}.csv").write_bytes(download(client, resource))
        described["path"] = f"{resource.name}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["type", "note"])[:20]
    # The references between files are checked: a participation of an unknown pole is not.
    with (tmp_path / "participations.csv").open("a", encoding="utf-8", newline="") as file:
        file.write("999999,pole-inconnu,aees,member,,,,,\r\n")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_the_package_descriptor(client, seed):
    descriptor = package(client)

    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["licenses"] == [
        {
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "title": "Licence Ouverte / Open Licence version 2.0",
        }
    ]
    assert descriptor["created"][:4].isdigit()
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names[:2] == ["poles", "territoires"]
    assert {"acteurs", "participations", "montants-annuels", "historique-des-statuts"} <= set(names)
    poles = descriptor["resources"][0]
    assert (poles["format"], poles["encoding"]) == ("csv", "utf-8")
    assert poles["schema"]["primaryKey"] == ["identifiant"]
    assert {
        "fields": ["structure_porteuse"],
        "reference": {"resource": "acteurs", "fields": ["identifiant"]},
    } in poles["schema"]["foreignKeys"]
    # Each file's schema is also at its own address.
    response = client.get(reverse("data:schema", args=["poles"]))
    assert response.json() == poles["schema"]


def test_the_poles_row_says_what_the_pole_s_page_says(client, seed):
    rows = {row["identifiant"]: row for row in rows_of(client, RESOURCES[0])}
    c2sol = rows["c2sol"]
    page = page_text(client.get(reverse("poles:detail", kwargs={"slug": "c2sol"})))

    assert c2sol["nom"] == "C2SOL"
    pole = Pole.objects.get(slug="c2sol")
    assert c2sol["statut"] == pole.status
    assert pole.get_status_display() in page
    assert c2sol["date_de_creation"] == pole.created_on.isoformat()
    assert pole.fuzzy("created_on") in page
    territories = c2sol["territoires"].split(", ")
    assert territories == sorted(t.slug for t in pole.territories.all())
    for territory in pole.territories.all():
        assert territory.name in page
    assert c2sol["adresse_de_la_page"] == f"{SITE_URL}/poles/c2sol/"
    # Participations: the members the page lists.
    members = [row for row in rows_of(client, RESOURCES[5]) if row["pole"] == "c2sol"]
    assert members
    for row in members:
        assert row["role"] in {"founder", "governance", "member", "partner"}
    assert len(members) == pole.memberships.count()


def test_machine_formats(client, seed):
    line = with_schedule(seed)
    by_name = {resource.name: resource for resource in RESOURCES}

    lines = {row["identifiant"]: row for row in rows_of(client, by_name["lignes-de-financement"])}
    assert lines[str(line.pk)]["montant"] == "35000"
    yearly = [
        row for row in rows_of(client, by_name["montants-annuels"]) if row["ligne"] == str(line.pk)
    ]
    assert [(row["annee"], row["montant"]) for row in yearly] == [
        ("2009", "20000"),
        ("2010", "15000"),
    ]
    figures = rows_of(client, by_name["chiffres-cles"])
    shares = [
        row["part_des_emplois_salaries"] for row in figures if row["part_des_emplois_salaries"]
    ]
    assert shares and all("," not in share and " " not in share for share in shares)
    poles = rows_of(client, by_name["poles"])
    assert {row["nom_descriptif"] for row in poles} <= {"true", "false"}
    dates = [row for row in poles if row["date_de_creation"]]
    assert all(len(row["date_de_creation"]) == 10 for row in dates)
    assert {row["date_de_creation_precision"] for row in dates} <= {"day", "month", "year"}
    assert all(
        row["date_de_creation_precision"] == "" for row in poles if not row["date_de_creation"]
    )


def test_nothing_private_gets_in(client, seed, django_user_model):
    pole = Pole.objects.get(slug="c2sol")
    coordinator = django_user_model.objects.create_user(
        username="yvon.kerbrat-coord",
        first_name="Yvonnick",
        last_name="Kerbrat-Le-Goff",
        email="yvon.kerbrat@pole-prive.example",
        password="mot-de-passe-solide-2010",
        is_staff=True,
    )
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole.coordinators.add(coordinator)
    fiche = FicheFactory(pole=pole, comment="Budget à revoir, vu au téléphone avec Yvonnick")
    FicheEvent.objects.create(
        fiche=fiche,
        from_state="submitted",
        to_state="draft",
        by=coordinator,
        comment="Relance interne de la CRES n° 4471",
    )
    secrets = [
        "yvon.kerbrat",
        "Kerbrat-Le-Goff",
        "pole-prive.example",
        "Budget à revoir",
        "Relance interne",
    ]

    texts = {resource.name: download(client, resource).decode() for resource in RESOURCES}
    texts["datapackage.json"] = json.dumps(package(client), ensure_ascii=False)
    texts["/donnees/"] = client.get(reverse("data:index")).content.decode()

    leaks = [(name, secret) for name, text in texts.items() for secret in secrets if secret in text]
    assert leaks == []


def test_the_page_lists_the_files_the_licence_and_the_date(client, seed):
    response = client.get(reverse("data:index"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Licence Ouverte / Open Licence version 2.0" in text
    assert "Date des données" in text
    content = response.content.decode()
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in content
    assert 'href="/donnees/datapackage.json"' in content
    for resource in RESOURCES:
        assert f'href="/donnees/{resource.name}.csv"' in content
        assert f'href="/donnees/{resource.name}.schema.json"' in content
        assert resource.title in text
    # The columns, described in French from the schemas; the number of rows.
    assert "Nombre d'acteurs impliqués." in text
    assert f"{Pole.objects.count()}" in text
    # The footer links to it, from every page.
    assert 'href="/donnees/"' in client.get(reverse("home")).content.decode()


def test_the_date_of_the_data_is_its_last_change(client, seed):
    pole = Pole.objects.get(slug="c2sol")
    pole.save()  # an edit: its updated_at (and its history)
    response = client.get(reverse("data:index"))

    assert f"{pole.updated_at.day} " in page_text(response)
    assert package(client)["created"][:10] == pole.updated_at.astimezone().date().isoformat()


def test_a_data_change_shows_on_the_page_with_the_page_cache_on(
    client, seed, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    client.get(reverse("data:index"))
    count = Pole.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        PoleFactory(name="Pôle tout neuf")

    text = page_text(client.get(reverse("data:index")))

    assert f"{count + 1}" in text


def network(size):
    """`size` poles, each with one of every part, an actor and key figures."""
    for _index in range(size):
        territory = TerritoryFactory()
        KeyFiguresFactory(territory=territory)
        actor = ActorFactory(territory=territory)
        pole = PoleFactory(territories=[territory], carrying_structure=actor)
        MembershipFactory(pole=pole, actor=actor)
        study = StudyFactory(pole=pole, carrier=actor)
        ObjectiveFactory(pole=pole, study=study)
        ActionFactory(pole=pole)
        DocumentFactory(pole=pole)
        StatusChangeFactory(pole=pole)
        FundingLineFactory(
            pole=pole,
            amount=30000,
            start_year=2010,
            end_year=2011,
            schedule={"2010": "10000.00", "2011": "20000.00"},
        )


def queries_per_file(client):
    counts = {}
    for resource in RESOURCES:
        with CaptureQueriesContext(connection) as queries:
            download(client, resource)
        counts[resource.name] = len(queries)
    return counts


def test_each_file_runs_a_constant_number_of_queries(client):
    network(5)
    few = queries_per_file(client)
    network(195)
    many = queries_per_file(client)

    assert few == many
    assert max(many.values()) <= 3  # poles: the poles, their territories, their functions


def add_actors(territory, numbers):
    create_in_bulk(
        ActorFactory,
        (
            dict(
                name=f"Acteur {index:05}",
                slug=f"acteur-{index:05}",
                territory=territory,
                description="Association d'insertion par l'activité économique. " * 3,
            )
            for index in numbers
        ),
        one_build=True,
    )


def streaming_peak(client):
    """The most memory taken while the file of the actors is read, and its number of lines."""
    tracemalloc.start()
    try:
        response = client.get(reverse("data:csv", args=["acteurs"]))
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, lines


def test_streaming_20000_actors_keeps_memory_flat(client):
    territory = TerritoryFactory()
    add_actors(territory, range(4000))
    b"".join(client.get(reverse("data:csv", args=["acteurs"])).streaming_content)  # imports, caches
    peak_of_4000, lines = streaming_peak(client)
    assert lines == 1 + 4000
    add_actors(territory, range(4000, 20000))

    peak, lines = streaming_peak(client)

    assert lines == 1 + 20000  # a file of about 5 MB
    # One chunk of rows at a time (CHUNK_SIZE): five times the rows, not five times the memory.
    assert peak < peak_of_4000 * 1.5, f"{peak} octets, {peak_of_4000} pour 4 000 acteurs"
    assert peak < 8 * 1024 * 1024

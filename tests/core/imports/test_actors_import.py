"""Importing actors and their participations from CSV and XLSX in the admin."""

import pytest

from actors.enums import ActorKind
from actors.models import Actor
from poles.enums import MembershipRole
from poles.models import Membership
from tests.core.imports.admin_steps import confirm, confirm_uploaded, import_file, preview
from tests.core.imports.spreadsheets import ACTORS_HEADERS, upload
from tests.factories import ActorFactory, MembershipFactory, PoleFactory, TerritoryFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def c2sol(territory):
    return PoleFactory(name="C2SOL", slug="c2sol", territories=[territory])


def actors_rows():
    return list(
        Actor.objects.order_by("name").values_list("name", "kind", "territory__slug", "website")
    )


def participations():
    return sorted(Membership.objects.values_list("actor__name", "pole__slug", "role"))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_actors_and_their_participations_are_imported(staff_client, c2sol, file_format):
    rows = [
        ["C2SOL", "association", "pays-de-lorient", "c2sol.fr", ""],
        # the code is read too, the case and the typographic apostrophe do not matter
        ["Ville de Lorient", "local_authority", "pays-de-lorient", "", "c2sol : Partenaire"],
        ["AEES", "Autre ou non précisé", "", "", "c2sol : fondateur ; c2sol : membre de l’instance de gouvernance"],
    ]  # fmt: skip

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, rows, file_format))

    assert "3 ajouts, 0 modification, 0 ligne inchangée." in page_text(response)
    assert Actor.objects.count() == 0
    confirm(staff_client, Actor, response)

    assert actors_rows() == [
        ("AEES", ActorKind.OTHER, None, ""),
        # an address without its scheme is completed, as the admin does
        ("C2SOL", ActorKind.ASSOCIATION, "pays-de-lorient", "https://c2sol.fr"),
        ("Ville de Lorient", ActorKind.LOCAL_AUTHORITY, "pays-de-lorient", ""),
    ]
    assert Actor.objects.get(name="Ville de Lorient").slug == "ville-de-lorient"
    assert participations() == [
        ("AEES", "c2sol", MembershipRole.FOUNDER),
        ("AEES", "c2sol", MembershipRole.GOVERNANCE),
        ("Ville de Lorient", "c2sol", MembershipRole.PARTNER),
    ]
    reasons = set(Membership.revisions.values_list("history_change_reason", flat=True))
    assert reasons == {f"Import du fichier « import.{file_format} »"}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(staff_client, c2sol):
    rows = [["AEES", "autre ou non précisé", "", "", "c2sol : fondateur ; c2sol : membre"]]
    uploaded = upload(ACTORS_HEADERS, rows)
    import_file(staff_client, Actor, uploaded)
    before = actors_rows(), participations()
    revisions = Actor.revisions.count(), Membership.revisions.count()

    uploaded.seek(0)
    response = preview(staff_client, Actor, uploaded)
    assert "0 ajout, 0 modification, 1 ligne inchangée." in page_text(response)
    confirm(staff_client, Actor, response)

    assert (actors_rows(), participations()) == before
    assert (Actor.revisions.count(), Membership.revisions.count()) == revisions


def test_an_import_adds_participations_and_removes_none(staff_client, territory, c2sol):
    actor = ActorFactory(name="Akena", territory=territory, kind=ActorKind.OTHER, website="")
    kept = MembershipFactory(actor=actor, role=MembershipRole.PARTNER, note="Depuis 2009")
    row = ["Akena", "autre ou non précisé", "pays-de-lorient", "", "c2sol : membre"]

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, [row]))

    assert "0 ajout, 1 modification, 0 ligne inchangée." in page_text(response)
    # The preview shows the participation added beside the one kept, the poles by their names.
    assert f"<ins>{c2sol.name} : membre" in response.content.decode()
    assert f"{kept.pole.name} : partenaire" in page_text(response)
    confirm(staff_client, Actor, response)
    assert participations() == sorted(
        [
            ("Akena", kept.pole.slug, MembershipRole.PARTNER),
            ("Akena", "c2sol", MembershipRole.MEMBER),
        ]
    )
    kept.refresh_from_db()
    assert kept.note == "Depuis 2009"
    assert actor.revisions.count() == 1  # the actor itself did not change


def test_a_file_without_the_participations_column_leaves_them(staff_client, territory):
    membership = MembershipFactory(actor=ActorFactory(name="Elan", territory=territory))
    headers = ["nom", "territoire", "site internet"]

    import_file(staff_client, Actor, upload(headers, [["Elan", "pays-de-lorient", "elan.bzh"]]))

    assert Actor.objects.get().website == "https://elan.bzh"
    assert list(Membership.objects.all()) == [membership]


def test_an_actor_of_another_territory_is_a_clear_error(staff_client, territory):
    ActorFactory(name="Steredenn", territory=TerritoryFactory(slug="pays-de-dinan"))
    rows = [
        ["Akena", "other", "pays-de-lorient", "", ""],
        ["Steredenn", "other", "pays-de-lorient", "", ""],
    ]

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, rows))

    assert response.status_code == 200
    assert (
        "Ligne 3, colonne « territoire » : L'acteur « Steredenn » existe déjà, rattaché au "
        "territoire « pays-de-dinan » : un acteur est désigné par son nom et son territoire. "
        "Reprenez son territoire, ou changez-le d'abord dans la page de l'acteur."
    ) in page_text(response)
    assert "confirm_form" not in response.context
    assert Actor.objects.count() == 1


BROKEN_ROWS = [
    (
        ["Akena", "coopérative d'habitants", "pays-de-lorient", "", ""],
        "Ligne 3, colonne « nature » : « coopérative d'habitants » n'est pas une valeur possible. "
        "Valeurs possibles : « association », « coopérative », « SCOP »",
    ),
    (
        ["Akena", "", "pays-de-lorient", "", ""],
        "Ligne 3, colonne « nature » : Ce champ ne peut pas être vide.",
    ),
    (
        ["Akena", "other", "pays-de-nulle-part", "", ""],
        "Ligne 3, colonne « territoire » : Aucun territoire n'a l'identifiant « pays-de-nulle-part ».",
    ),
    (
        ["Akena", "other", "pays-de-lorient", "", "c2sol : président"],
        "Ligne 3, colonne « participations » : « président » n'est pas une valeur possible. "
        "Valeurs possibles : « fondateur », « membre de l'instance de gouvernance », « membre », "
        "« partenaire ».",
    ),
    (
        ["Akena", "other", "pays-de-lorient", "", "pole-fantome : membre"],
        "Ligne 3, colonne « participations » : Aucun pôle n'a l'identifiant « pole-fantome ».",
    ),
    (
        ["Akena", "other", "pays-de-lorient", "", "c2sol membre"],
        "Ligne 3, colonne « participations » : « c2sol membre » : écrire l'identifiant du pôle, "
        "« : » puis le rôle (par exemple « c2sol : membre »).",
    ),
    (
        ["c2sol", "association", "", "", ""],
        "Ligne 3, colonne « nom » : Le nom « c2sol » donne l'adresse « c2sol », déjà celle de "
        "l'acteur « C2SOL » : reprenez exactement son nom, ou choisissez-en un autre.",
    ),
    (
        ["", "other", "pays-de-lorient", "", ""],
        "Ligne 3, colonne « nom » : Ce champ ne peut pas être vide.",
    ),
    (
        ["C2SOL", "association", "pays-de-lorient", "", ""],
        "Ligne 3 : L'acteur « C2SOL » figure déjà ligne 2.",
    ),
    (
        ["Akena", "other", "pays-de-lorient", "javascript:alert(document.domain)//://", ""],
        "Ligne 3, colonne « site internet » : Saisissez l'adresse d'un site internet, "
        "commençant par https:// ou http:// (par exemple https://c2sol.fr).",
    ),
    (
        ["Akena", "other", "pays-de-lorient", "ftp://akena.fr", ""],
        "Ligne 3, colonne « site internet » : Saisissez l'adresse d'un site internet",
    ),
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("broken", "error"), BROKEN_ROWS, ids=lambda v: str(v)[:30])
def test_a_broken_row_is_named_in_french_and_nothing_is_imported(
    staff_client, c2sol, broken, error, file_format
):
    first = ["C2SOL", "association", "pays-de-lorient", "c2sol.fr", "c2sol : fondateur"]
    uploaded = upload(ACTORS_HEADERS, [first, broken], file_format)

    response = preview(staff_client, Actor, uploaded)

    text = page_text(response)
    assert "Des lignes contiennent des erreurs : rien n'a été importé" in text
    assert error in text
    assert "confirm_form" not in response.context

    confirm_uploaded(staff_client, Actor, response)

    assert Actor.objects.count() == 0
    assert Membership.objects.count() == 0
    assert Actor.revisions.count() == Membership.revisions.count() == 0


def test_an_address_completed_on_import_is_unchanged_when_imported_again(staff_client, territory):
    ActorFactory(name="Elan", territory=territory, kind=ActorKind.OTHER, website="https://elan.bzh")
    row = ["Elan", "autre ou non précisé", "pays-de-lorient", "elan.bzh", ""]

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, [row]))

    assert "0 ajout, 0 modification, 1 ligne inchangée." in page_text(response)


def test_what_changed_since_the_preview_is_checked_again_at_the_confirmation(
    staff_client, territory, c2sol
):
    rows = [
        ["Akena", "other", "pays-de-lorient", "", "c2sol : membre"],
        ["Elan", "other", "pays-de-lorient", "", "c2sol : membre"],
    ]
    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, rows))
    assert "confirm_form" in response.context
    # Meanwhile, someone adds Elan elsewhere.
    ActorFactory(name="Elan", territory=TerritoryFactory(slug="pays-de-vannes"))

    response = confirm(staff_client, Actor, response)

    assert response.status_code == 200
    text = page_text(response)
    assert "Des lignes contiennent des erreurs : rien n'a été importé" in text
    assert "Ligne 3, colonne « territoire » : L'acteur « Elan » existe déjà" in text
    assert list(Actor.objects.values_list("name", flat=True)) == ["Elan"]
    assert Membership.objects.count() == 0
    assert "Import terminé" not in text

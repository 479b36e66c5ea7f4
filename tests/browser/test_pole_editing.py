"""A CRES member keeps a pole's page: objectives and actions added without typing their
order, the study and a funding line added from the pole's page (the pole filled in), and an
invalid save answered with a summary whose links lead to the fields."""

import re

import pytest

from poles.models import FundingLine, Pole, Study
from poles.roles import CRES
from tests.factories import FunderFactory

expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

POLE = "Pôle ESS du Pays de Lorient"
OBJECTIVES = ["Se connaître", "Mutualiser un emploi", "Ouvrir un tiers-lieu"]
ACTIONS = ["Forum de l'ESS à Lanester", "Guide des acteurs"]


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*:?$"), exact=False)


def test_a_pole_with_its_objectives_actions_study_and_funding(new_page, account, log_in, territory):
    funder = FunderFactory(name="Conseil régional de Bretagne")
    staff = new_page(viewport={"width": 1280, "height": 900})
    log_in(staff, account(CRES, "claire.cres"))

    staff.goto("/admin/poles/pole/add/")
    field(staff, "Nom").first.fill(POLE)
    staff.locator("#id_status").select_option(label="en fonctionnement")
    staff.locator(".field-territories .select2-selection").click()
    staff.locator(".field-territories").get_by_role("searchbox").fill("Lorient")
    staff.get_by_role("option", name=territory.name).click()
    for number, title in enumerate(OBJECTIVES):
        staff.get_by_role("button", name="Ajouter un objectif").click()
        expect(staff.locator(f"#id_objectives-{number}-order")).to_have_value("")
        staff.locator(f"#id_objectives-{number}-title").fill(title)
    for number, title in enumerate(ACTIONS):
        staff.get_by_role("button", name="Ajouter une action").click()
        staff.locator(f"#id_actions-{number}-state").select_option(label="réalisée")
        staff.locator(f"#id_actions-{number}-title").fill(title)
    staff.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    expect(staff.locator(".error-summary")).to_have_count(0)
    expect(staff.locator(".messagelist")).to_contain_text("a été ajouté avec succès")

    pole = Pole.objects.get(name=POLE)
    assert list(pole.objectives.values_list("title", "order")) == [
        (title, number) for number, title in enumerate(OBJECTIVES, start=1)
    ]
    assert list(pole.actions.values_list("title", "order")) == [
        (title, number) for number, title in enumerate(ACTIONS, start=1)
    ]

    # The study, from the pole's page: the pole is filled in.
    staff.get_by_role("link", name="Ajouter son étude de préfiguration").click()
    expect(staff.locator(".field-pole .select2-selection")).to_contain_text(POLE)
    field(staff, "Intitulé").first.fill("Étude de préfiguration du pôle")
    staff.locator("#id_status").select_option(index=1)
    staff.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("a été ajouté")
    assert Study.objects.get().pole == pole

    staff.goto(f"/admin/poles/pole/{pole.pk}/change/")
    staff.get_by_role("link", name="Ajouter une ligne de financement").first.click()
    expect(staff.locator(".field-pole .select2-selection")).to_contain_text(POLE)
    staff.locator("#id_funder").select_option(label=funder.name)
    staff.locator("#id_kind").select_option(index=1)
    staff.locator("#id_status").select_option(index=1)
    staff.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("a été ajouté")
    assert FundingLine.objects.get().pole == pole

    # An invalid save: the summary names the error, its link leads to the field.
    staff.goto(f"/admin/poles/pole/{pole.pk}/change/")
    staff.locator("#id_actions-1-title").fill("")
    staff.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    summary = staff.get_by_role("navigation", name="À corriger avant d'enregistrer")
    link = summary.get_by_role(
        "link", name=re.compile(r"^Action 2 — .* : Ce champ est obligatoire")
    )
    link.click()
    expect(staff.locator("#id_actions-1-title")).to_be_focused()

"""Every public page type passes axe-core (WCAG 2.0/2.1 A and AA, best practices) without
a violation of serious or critical impact, on a wide screen and on a phone.

The pages show the real seed data (`load_seed`). The live server's database is flushed after
each test, so each test loads the seed once and visits every page type in a loop.
"""

import pytest
from django.core.management import call_command

from poles.models import Pole
from tests.browser.axe import axe_source, blocking, describe, run_axe
from tests.factories import PoleFactory, give_seed_lines_amounts

# Each page: a selector that must be visible and a text its <main> must hold, so that axe
# judges the page with its content (not an empty list).
PAGES = [
    ("accueil", "/", "h1", "Le réseau des pôles"),
    ("la démarche", "/demarche/", "#etat", "350 organisations"),
    ("données ouvertes", "/donnees/", "main table", "Licence Ouverte"),
    ("la documentation de l'API", "/api/", "#ressources", "/api/v1/poles/"),
    ("carte", "/carte/", ".map", "Pays de Brest"),
    ("carte filtrée", "/carte/?status=prefiguration", ".map", "Pôles retenus"),
    ("liste des pôles", "/poles/", ".cards .card", None),
    ("pôles filtrés", "/poles/?status=prefiguration&tri=statut", ".cards .card", None),
    ("pôles sans résultat", "/poles/?q=zzzzzzzz", ".result-count", "0 pôle"),
    # The richest seed poles: key figures, study, objectives, actions, difficulties,
    # documents (Dinan); the table of members (C2Sol).
    ("page d'un pôle", "/poles/pole-ess-du-pays-de-dinan/", "#chiffres", "Documents de l'étude"),
    ("page d'un pôle (membres)", "/poles/c2sol/", "#membres", "Acteurs membres"),
    # The seed's fiches 2009–2010, frozen by load_seed; the poles whose fiche is to update.
    (
        "fiche annuelle d'un pôle",
        "/poles/pole-ess-du-pays-de-dinan/fiches/2009-2010/",
        ".frozen-notice",
        "Fiche 2009–2010, reprise des documents sources",
    ),
    ("pôles à actualiser", "/poles/?fiche=a_actualiser", ".cards .badge--stale", None),
    ("territoires", "/territoires/", ".cards .card", None),
    ("page d'un territoire", "/territoires/pays-de-lorient/", ".figures", None),
    ("acteurs", "/acteurs/", ".cards .card", None),
    ("page d'un acteur", "/acteurs/aees/", "table", "Participation aux pôles"),
    ("financements", "/financements/", ".chart svg", None),
    (
        "page d'un programme",
        "/financements/programmes/soutien-a-la-creation-de-poles-de-developpement-de-leconomie-sociale-et-solidaire-dans-les-pays/",
        "#plafonds",
        "Les pôles du programme",
    ),
    (
        "page d'un financeur",
        "/financements/financeurs/conseil-regional-de-bretagne/",
        "#programmes",
        "Ses programmes",
    ),
    ("filtre invalide", "/poles/?status=inconnu", ".errorlist", "n'est pas un statut"),
    ("page introuvable", "/poles/ce-pole-n-existe-pas/", "h1", "Page introuvable"),
    ("connexion à l'espace de gestion", "/admin/login/", "#id_username", None),
]
WIDTHS = {"1280 px": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_serious_axe_violation(new_page, width):
    axe_source()  # skips the test, with the reason, when axe-core is not installed
    load_seed_with_amounts()
    page = new_page(viewport=WIDTHS[width])
    failures = []
    for name, url, selector, text in PAGES:
        response = page.goto(url)
        expected_status = {"page introuvable": 404, "filtre invalide": 400}.get(name, 200)
        assert response.status == expected_status, f"{url} : {response.status}"
        shown = page.locator(selector).first
        assert shown.is_visible(), f"{url} : {selector} absent"
        if text:
            assert text in page.locator("main").inner_text(), f"{url} : « {text} » absent"
        violations = blocking(run_axe(page))
        if violations:
            failures.append(describe(violations, f"{name} ({url}, {width})"))
    # The lists' pagination: 21 poles, two pages.
    PoleFactory.create_batch(21 - Pole.objects.count())
    for url in ("/poles/", "/poles/?page=2"):
        page.goto(url)
        assert page.locator(".pagination a").first.is_visible(), f"{url} : pas de pagination"
        violations = blocking(run_axe(page))
        if violations:
            failures.append(describe(violations, f"pagination ({url}, {width})"))
    assert not failures, "Violations graves d'axe-core :\n" + "\n".join(failures)


def load_seed_with_amounts():
    """The seed, with an amount and a year on a few of its funding lines: the seed knows no
    amount, and /financements/ draws its chart (an SVG) from the known amounts only."""
    call_command("load_seed", verbosity=0)
    give_seed_lines_amounts()


def test_axe_reports_what_it_must(new_page):
    """The check itself: a page with an unlabelled field and an image without text is
    reported as failing (so that an empty result above means something)."""
    axe_source()
    page = new_page()
    page.goto("/poles/")
    # Built with the DOM (no markup, no style attribute: the page's policy refuses those).
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            const field = document.createElement('input');
            field.name = 'sans-etiquette';
            const image = document.createElement('img');
            const pale = document.createElement('p');
            pale.textContent = 'Texte trop pâle';
            pale.style.color = '#bbbbbb';
            main.append(field, image, pale);
        }"""
    )
    found = {violation["id"] for violation in blocking(run_axe(page))}
    assert {"label", "image-alt", "color-contrast"} <= found, found

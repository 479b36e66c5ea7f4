"""The filters of /poles/ and /financements/ with the keyboard alone.

From the top of the page, Tab reaches the skip link first, then the header's links, then the
filter form's fields in their visual order, and on to the end of the page: every focusable
element once, in order, none skipped, no trap, each with a visible focus ring. A select is
changed with the arrow keys, the form is sent with Space or Enter, the address and the results
follow the chosen filter, and the reset link and the pagination are reached with Tab.
"""

import pytest
from django.core.management import call_command

from funding.models import Funder
from poles.enums import PoleStatus
from poles.models import Pole
from tests.factories import FundingLineFactory, PoleFactory

# Marks the page's focusable elements in document order (data-kbd) and returns, for each,
# what it is and how it looks unfocused.
MARK_FOCUSABLES = """() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex]';
    const focusable = [...document.querySelectorAll(selector)].filter(element =>
        element.tabIndex >= 0 && !element.disabled && element.type !== 'hidden'
        && element.getClientRects().length > 0
        && getComputedStyle(element).visibility !== 'hidden');
    return focusable.map((element, index) => {
        element.dataset.kbd = String(index);
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return {
            index,
            tag: element.tagName.toLowerCase(),
            id: element.id,
            text: (element.innerText || element.name || '').trim().slice(0, 60),
            inForm: Boolean(element.closest('form.filters')),
            inHeader: Boolean(element.closest('.site-header, nav')),
            isField: ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName),
            skipLink: element.classList.contains('skip-link'),
            top: box.top + scrollY,
            left: box.left + scrollX,
            ring: [style.outlineStyle, style.outlineWidth, style.outlineColor,
                   style.boxShadow].join(' | '),
        };
    });
}"""
# The focused element: which one, whether it is on screen, and its focus ring.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        kbd: element.dataset ? element.dataset.kbd ?? null : null,
        tag: element.tagName.toLowerCase(),
        id: element.id,
        value: element.value ?? null,
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
        ring: [style.outlineStyle, style.outlineWidth, style.outlineColor,
               style.boxShadow].join(' | '),
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def walk(page):
    """Tab from the top of a freshly opened page to its last focusable element; checks on the way that
    each element is reached once, in document order, on screen, with a visible focus ring
    that it does not have unfocused. Returns the page's focusable elements."""
    elements = page.evaluate(MARK_FOCUSABLES)
    assert elements, f"{page.url} : aucun élément atteignable au clavier"
    reached = []
    # A few more presses than elements: a trap or a skipped element shows as a wrong order.
    for _ in range(len(elements) + 2):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["kbd"] is None:
            break  # past the last element: the focus left the page
        element = elements[int(now["kbd"])]
        where = f"{page.url} : {element['tag']}#{element['id']} « {element['text']} »"
        assert now["onScreen"], f"{where} a le focus hors de l'écran"
        assert now["outline"] or now["shadow"], f"{where} : aucun indicateur de focus"
        assert now["ring"] != element["ring"], f"{where} : le focus ne change pas son aspect"
        reached.append(int(now["kbd"]))
        if reached[-1] == len(elements) - 1:
            break
    assert reached == list(range(len(elements))), (
        f"{page.url} : ordre de tabulation {reached} au lieu de 0…{len(elements) - 1}"
    )
    return elements


def check_order(elements):
    """Skip link first, then the header's links, then the filter form's fields in the
    order they are seen (row by row, left to right)."""
    assert elements[0]["skipLink"], f"premier arrêt : {elements[0]}"
    first_field = next(index for index, element in enumerate(elements) if element["inForm"])
    before = elements[1:first_field]
    assert before and all(element["inHeader"] for element in before), before
    fields = [element for element in elements if element["inForm"] and element["isField"]]
    assert len(fields) >= 5, fields
    for previous, field in zip(fields, fields[1:], strict=False):
        same_row = abs(field["top"] - previous["top"]) < 2
        assert (same_row and field["left"] > previous["left"]) or (
            field["top"] > previous["top"] + 2
        ), f"{field['id']} est avant {previous['id']} à l'écran"


def tab_to(page, predicate, what, limit=80):
    """Press Tab until the focused element matches; fails after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if predicate(now):
            return now
    pytest.fail(f"{page.url} : {what} n'est pas atteint avec Tab")


def choose_with_arrows(page, value, limit=30):
    """Change the focused select with ArrowDown until it holds `value`."""
    for _ in range(limit):
        if focused(page)["value"] == value:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"{page.url} : la valeur {value} n'est pas atteinte avec les flèches")


def start_from_top(page):
    """The same address opened again: Tab starts from the top (after a blur(), chromium
    would go on from the element that had the focus)."""
    page.goto(page.url)


@pytest.fixture
def seeded(transactional_db):
    """The seed, with enough poles in préfiguration and lines of the Region's to fill two
    pages of each list (20 a page)."""
    call_command("load_seed", verbosity=0)
    PoleFactory.create_batch(16, status=PoleStatus.PREFIGURATION)
    region = Funder.objects.get(slug="conseil-regional-de-bretagne")
    FundingLineFactory.create_batch(8, pole=Pole.objects.order_by("pk").first(), funder=region)


@pytest.mark.parametrize("width", [1280, 390])
def test_poles_filters_with_the_keyboard(new_page, seeded, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/poles/")
    check_order(walk(page))

    # The skip link: Enter, and the next Tab is the first field of the form, past the header.
    start_from_top(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_q"

    # Status: arrows in the select, then Space on the submit button.
    start_from_top(page)
    tab_to(page, lambda now: now["id"] == "id_status", "le filtre « Statut »")
    choose_with_arrows(page, "prefiguration")
    tab_to(page, lambda now: now["tag"] == "button", "le bouton « Filtrer »")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "status=prefiguration" in page.url
    assert page.locator("#id_status").input_value() == "prefiguration"
    assert "22 pôles correspondent à ces filtres" in page.locator(".result-count").inner_text()
    badges = page.locator(".cards .badge:not(.badge--stale)").all_inner_texts()
    assert len(badges) == 20 and all("préfiguration" in badge for badge in badges), badges

    # The reset link, then the next page, with Tab; Enter follows the link.
    start_from_top(page)
    tab_to(page, lambda now: now["tag"] == "a" and "Réinitialiser" in link_text(page), "reset")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "/poles/"
    tab_to(page, lambda now: link_text(page).startswith("Suivante"), "la page suivante")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url and "status=prefiguration" in page.url
    assert page.locator(".cards .card").count() == 2
    check_order(walk(page))

    # Search: type in the field, Enter sends the form.
    start_from_top(page)
    tab_to(page, lambda now: now["id"] == "id_q", "le champ « Recherche »")
    page.keyboard.type("Dinan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=Dinan" in page.url
    names = page.locator(".cards .card h2").all_inner_texts()
    assert names == ["Pôle ESS du Pays de Dinan"], names


def test_funding_filters_with_the_keyboard(new_page, seeded):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto("/financements/")
    check_order(walk(page))

    start_from_top(page)
    tab_to(page, lambda now: now["id"] == "id_funder", "le filtre « Financeur »")
    choose_with_arrows(page, "conseil-regional-de-bretagne")
    tab_to(page, lambda now: now["tag"] == "button", "le bouton « Filtrer »")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "funder=conseil-regional-de-bretagne" in page.url
    count = page.locator(".result-count").inner_text()
    assert count.startswith("24 lignes de financement pour ces filtres"), count
    funders = page.locator("section[aria-labelledby=lignes] tbody td:nth-child(2)")
    texts = funders.all_inner_texts()
    assert len(texts) == 20, texts
    assert all(text.startswith("Conseil régional de Bretagne") for text in texts), texts

    # The page's contents lead to its lines, then their next page, without tabbing through
    # every table before them.
    start_from_top(page)
    tab_to(page, lambda now: "Réinitialiser" in link_text(page), "le lien « Réinitialiser »")
    tab_to(page, lambda now: link_text(page) == "Les lignes", "le lien « Les lignes »")
    page.keyboard.press("Enter")
    tab_to(page, lambda now: link_text(page).startswith("Suivante"), "la page suivante")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url and "funder=conseil-regional-de-bretagne" in page.url
    assert funders.count() == 4
    check_order(walk(page))


def link_text(page):
    return page.evaluate("() => (document.activeElement.innerText || '').trim()")

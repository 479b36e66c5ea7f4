"""Every admin page fits the screen: no horizontal scrolling on any changelist, add or change
page of the registered admins, at 1280 px, as a CRES member with the seed data; the pole's
change page at 1024 px too."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from poles.models import Pole
from poles.roles import CRES

WIDE, NARROW = 1280, 1024
# How many pixels a page is wider than the window, or a part of it (a table of rows, a
# fieldset) wider than its box: Django's narrow-screen styles scroll the inlines in their
# box, which hides their last columns just as well.
OVERFLOW = """() => Math.max(
    document.documentElement.scrollWidth - window.innerWidth,
    ...[...document.querySelectorAll("#content .inline-group, #content fieldset, #changelist")]
        .map((box) => box.scrollWidth - box.clientWidth))"""


def admin_pages():
    """(label, url) of each registered admin's changelist, add page and first record's
    change page, for the admins that have them."""
    pages = []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        name = model._meta.label
        pages.append((f"{name} liste", reverse(f"{info}_changelist")))
        pages.append((f"{name} ajout", reverse(f"{info}_add")))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append((f"{name} fiche", reverse(f"{info}_change", args=[first.pk])))
    return pages


@pytest.fixture
def cres_page(new_page, account, log_in):
    call_command("loaddata", "seed", verbosity=0)
    page = new_page(viewport={"width": WIDE, "height": 900})
    # A CRES member who is also a superuser: every admin's pages open (axes' logs included).
    user = account(CRES, "claire.cres")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    log_in(page, user)
    return page


def overflow(page, url):
    """How many pixels the page at `url` is wider than the window; None if it is refused
    (an admin no one adds to)."""
    response = page.goto(url)
    if response.status == 403:
        return None
    assert response.status == 200, url
    return page.evaluate(OVERFLOW)


def test_every_admin_page_fits_the_screen(cres_page):
    too_wide, refused = {}, []
    pages = admin_pages()
    for label, url in pages:
        excess = overflow(cres_page, url)
        if excess is None:
            refused.append(label)
        elif excess > 0:
            too_wide[label] = (url, excess)
    assert too_wide == {}
    # Only django-axes' logs (no one adds or edits a login attempt) and the fiches of the year
    # (a campaign gives them) refuse a page.
    assert [
        label
        for label in refused
        if not label.startswith("axes.") and label != "campaigns.Fiche ajout"
    ] == []


def test_the_pole_page_fits_a_1024_px_screen(cres_page):
    pole = Pole.objects.order_by("pk").first()
    cres_page.set_viewport_size({"width": NARROW, "height": 800})
    for url in (
        reverse("admin:poles_pole_change", args=[pole.pk]),
        reverse("admin:poles_pole_add"),
    ):
        excess = overflow(cres_page, url)
        assert excess is not None and excess <= 0, (url, excess)

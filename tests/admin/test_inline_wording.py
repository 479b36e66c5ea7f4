"""Every inline's « add » button speaks French: « Ajouter une action », not Django's
« Ajouter un objet Action supplémentaire » (the JSON its inlines.js reads)."""

import html
import json
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import PoleFactory


def registered_inlines():
    return sorted(
        {inline for model_admin in admin.site._registry.values() for inline in model_admin.inlines},
        key=lambda inline: inline.__qualname__,
    )


@pytest.mark.parametrize("inline", registered_inlines(), ids=lambda inline: inline.__qualname__)
def test_every_inline_names_its_add_button(inline):
    assert inline.add_label.startswith("Ajouter ")
    assert "supplémentaire" not in inline.add_label


@pytest.mark.django_db
def test_the_pole_page_gives_the_buttons_french_wording(admin_client):
    pole = PoleFactory()
    response = admin_client.get(reverse("admin:poles_pole_change", args=[pole.pk]))
    groups = re.findall(
        r'id="([\w-]+-group)"\s+data-inline-type="\w+"\s+data-inline-formset="([^"]*)"',
        response.content.decode(),
    )
    texts = {name: json.loads(html.unescape(data))["options"] for name, data in groups}
    assert texts["actions-group"] == {
        "prefix": "actions",
        "addText": "Ajouter une action",
        "deleteText": "Retirer",
    }
    assert texts["objectives-group"]["addText"] == "Ajouter un objectif"
    assert texts["memberships-group"]["addText"] == "Ajouter une participation"
    assert not [text for text in texts.values() if "supplémentaire" in text["addText"]]

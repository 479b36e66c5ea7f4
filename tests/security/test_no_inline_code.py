"""The Content-Security-Policy has no 'unsafe-inline': no template the portal renders — its
own, and the admin's, django-simple-history's and django-import-export's as the template
loader finds them (our overrides first) — may hold a style attribute, an inline script, an
on…= handler or a javascript: link; the browser would refuse them."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import loader

from www.funding.charts import PALETTE

TAG = re.compile(r"<[a-zA-Z][^>]*>")
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
# Scripts the browser does not run (data for a script file) are allowed inline.
DATA_SCRIPT = re.compile(r"""type=["']?application/(ld\+)?json""", re.IGNORECASE)

THIRD_PARTY_APPS = ("admin", "simple_history", "import_export", "axes")


def template_names():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(apps.get_app_config(label).path) / "templates" for label in THIRD_PARTY_APPS]
    names = set()
    for folder in folders:
        if folder.is_dir():
            names.update(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*.html")
                if path.is_file()
            )
    return sorted(names)


def inline_code(source):
    """The offending pieces of a template's source."""
    found = []
    for tag in TAG.findall(source):
        if STYLE_ATTRIBUTE.search(tag) or HANDLER_ATTRIBUTE.search(tag):
            found.append(tag)
        elif "javascript:" in tag.lower():
            found.append(tag)
    for attributes in SCRIPT.findall(source):
        if "src=" not in attributes and not DATA_SCRIPT.search(attributes):
            found.append(f"<script{attributes}>")
    return found


def test_the_check_finds_what_it_looks_for():
    assert inline_code('<p class="x" style="border-top: 0">') == [
        '<p class="x" style="border-top: 0">'
    ]
    assert inline_code('<input type="checkbox"\n onchange="f(event)" checked>')
    assert inline_code("<script>alert(1)</script>") == ["<script>"]
    assert inline_code('<a href="javascript:void(0)">') == ['<a href="javascript:void(0)">']
    assert inline_code('<script src="/static/a.js" defer></script>') == []
    assert inline_code('<script type="application/json" id="d">{}</script>') == []
    assert inline_code('<rect fill="#fff" stroke="#000"/><p class="one">') == []


@pytest.mark.parametrize("name", template_names())
def test_no_template_in_use_has_inline_style_or_script(name):
    template = loader.get_template(name)
    source = Path(template.origin.name).read_text(encoding="utf-8")

    assert inline_code(source) == [], template.origin.name


def test_the_chart_swatches_have_the_palette_colours():
    """The legend's colours moved from a style attribute to portal.css: same as the bars'."""
    css = (Path(settings.BASE_DIR) / "static/css/portal.css").read_text(encoding="utf-8")
    swatches = dict(re.findall(r"\.swatch--(\d+)\s*\{\s*background:\s*(#[0-9a-fA-F]{6});", css))

    assert {int(index): colour for index, colour in swatches.items()} == dict(enumerate(PALETTE))

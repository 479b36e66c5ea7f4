"""The layers the code keeps: what may import what (issue « The house rebuilt »).

So far: what the apps share, `core/`, imports no domain app (nor the configuration,
`ess_portal/`); the apps reach it, never the other way round (a restore asks the apps to
recompute what they derive through a signal, `data_restored`).
`territories` imports no other domain app (its public pages aside, for now). The demo-data
generator (`demo/`) stands apart from the product: it imports the domain apps, they never
import it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {"territories", "actors", "funding", "poles"}


def imported_modules(path):
    """Every module a file imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


LIBRARY = sorted((ROOT / "core").rglob("*.py"))


def test_the_library_is_found():
    assert len(LIBRARY) > 20
    assert ROOT / "core" / "page_cache" / "versions.py" in LIBRARY


@pytest.mark.parametrize("path", LIBRARY, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_library_imports_no_domain_app(path):
    domain = [
        name
        for name in imported_modules(path)
        if name.split(".")[0] in DOMAIN_APPS | {"ess_portal", "demo"}
    ]
    assert domain == [], f"{path.relative_to(ROOT)} importe {domain}"


# Territories come first: the other apps build on them, they build on no other domain app.
# Not yet: their public pages (views.py list each territory's poles), which belong to the
# public site's layer once it has its own package.
TERRITORIES = sorted(
    path
    for path in (ROOT / "territories").rglob("*.py")
    if "migrations" not in path.parts and path.name != "views.py"
)


@pytest.mark.parametrize("path", TERRITORIES, ids=lambda path: str(path.relative_to(ROOT)))
def test_territories_import_no_other_domain_app(path):
    others = [name for name in imported_modules(path) if name.split(".")[0] == "poles"]
    assert others == [], f"{path.relative_to(ROOT)} importe {others}"


PRODUCT = sorted(path for app in DOMAIN_APPS for path in (ROOT / app).rglob("*.py"))


def test_the_product_is_found():
    assert ROOT / "poles" / "search" / "document.py" in PRODUCT
    assert ROOT / "territories" / "models.py" in PRODUCT
    assert not any(path.is_relative_to(ROOT / "demo") for path in PRODUCT)


@pytest.mark.parametrize("path", PRODUCT, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_product_imports_no_demo_data(path):
    demo = [name for name in imported_modules(path) if name.split(".")[0] == "demo"]
    assert demo == [], f"{path.relative_to(ROOT)} importe {demo}"

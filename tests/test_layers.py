"""The layers the code keeps: what may import what.

Models point down, the admin and the public site sit on top:
- `core/` (what every app shares) imports no app of the portal;
- `territories` builds on `core` alone; `actors` and `funding` on `core` and `territories`;
  `poles` (the pole and its parts) on all of them; `campaigns` (the yearly fiches) on these;
- `www` (the public site) on every domain app and the campaigns; `api` (the public API) on
  these and on www (its filters); `demo` (the demo-data generator) on the domain apps and the
  campaigns, and nothing of the product imports it;
- no model module imports an admin module or the public site.

`ess_portal/` (configuration: settings, root URLs) is left out: it names the apps.
A restore asks the apps to recompute what they derive through a signal (`data_restored`),
so that `core` needs to know none of them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = {"territories", "actors", "funding", "poles"}
MAY_IMPORT = {
    "core": set(),
    "territories": {"core"},
    "actors": {"core", "territories"},
    "funding": {"core", "territories"},
    "poles": {"core", "territories", "actors", "funding"},
    "campaigns": {"core", *DOMAIN},
    "www": {"core", "campaigns", *DOMAIN},
    "api": {"core", "campaigns", "www", *DOMAIN},
    "demo": {"core", "campaigns", *DOMAIN},
}
PORTAL = {*MAY_IMPORT, "ess_portal"}


def imported_modules(path):
    """Every module a file imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


FILES = sorted(path for app in MAY_IMPORT for path in (ROOT / app).rglob("*.py"))


def test_every_app_is_found():
    assert {path.relative_to(ROOT).parts[0] for path in FILES} == set(MAY_IMPORT)
    assert ROOT / "core" / "page_cache" / "versions.py" in FILES
    assert ROOT / "www" / "funding" / "totals.py" in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_an_app_imports_only_the_layers_below_it(path):
    app = path.relative_to(ROOT).parts[0]
    above = [
        name
        for name in imported_modules(path)
        if name.split(".")[0] in PORTAL - MAY_IMPORT[app] - {app}
    ]
    assert above == [], f"{path.relative_to(ROOT)} importe {above}"


MODEL_FILES = sorted(
    path
    for app in DOMAIN
    for path in [ROOT / app / "models.py", *(ROOT / app / "models").glob("*.py")]
    if path.exists()
)


def test_the_model_modules_are_found():
    assert ROOT / "actors" / "models.py" in MODEL_FILES
    assert ROOT / "poles" / "models" / "pole.py" in MODEL_FILES


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_model_imports_the_admin_or_the_public_site(path):
    above = [
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "www" or "admin" in name.split(".")[1:]
    ]
    assert above == [], f"{path.relative_to(ROOT)} importe {above}"

"""axe-core (from npm, `make install`) run inside a page opened by Playwright.

axe is put into the page with `page.evaluate(source)`: the source runs through the DevTools
protocol, which the page's Content-Security-Policy does not govern, so the pages are tested
under their real policy (no `bypass_csp`, no <script> element added to them).
"""

from functools import cache
from pathlib import Path

from django.conf import settings

from tests.prerequisites import missing

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA, and Deque's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@cache
def axe_source():
    if not AXE_PATH.exists():
        missing("axe-core absent : lancez make install (npm)")
    # Evaluated as a statement list: the trailing expression is what evaluate() returns.
    return AXE_PATH.read_text(encoding="utf-8") + "\n;typeof window.axe"


def run_axe(page):
    """axe's violations on the page as it is now (every impact)."""
    if page.evaluate("typeof window.axe") != "object":
        assert page.evaluate(axe_source()) == "object", "axe-core ne s'est pas chargé"
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def blocking(violations):
    """The violations of serious or critical impact."""
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def describe(violations, where):
    """A failure message: where, then each rule's id, impact, help and target selectors."""
    lines = []
    for violation in violations:
        lines.append(
            f"{where} — {violation['id']} ({violation['impact']}) : {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(
                " > ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target} — {summary}")
    return "\n".join(lines)

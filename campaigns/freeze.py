"""The frozen copy of a pole's public fiche (`YearlyFiche.html`).

The public site renders the fiche: it registers its renderer when it starts
(`freeze.renderer = …`, www/apps.py), since the domain apps import nothing of it."""

from django.utils import timezone

renderer = None


def render(pole):
    """The pole's public fiche as it stands now, as HTML (the <article> of its page)."""
    if renderer is None:
        raise RuntimeError("Aucun rendu de fiche n'est enregistré (www n'est pas installé).")
    return renderer(pole)


def freeze_pending(yearly_fiches):
    """Render the yearly fiches that have no HTML yet (the seed's, once loaded)."""
    now = timezone.now()
    for yearly in yearly_fiches.filter(html="").select_related("pole"):
        yearly.html = render(yearly.pole)
        yearly.frozen_at = now
        yearly.save(update_fields=["html", "frozen_at"])

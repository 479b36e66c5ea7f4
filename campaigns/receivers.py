"""What the campaigns app does when other apps tell it something happened."""

from campaigns import freeze
from campaigns.models import YearlyFiche


def freeze_seed_fiches(sender, **kwargs):
    """The seed is loaded (`manage.py load_seed`): its « fiche 2009–2010 » of each pole,
    which fixtures/seed.json leaves without HTML, is frozen as the pole's page shows it."""
    freeze.freeze_pending(YearlyFiche.objects.all())

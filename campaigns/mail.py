"""E-mails about the campaigns' fiches (to be written)."""


def send_due(fiches):
    """Send the e-mails due about `fiches` (a queryset)."""

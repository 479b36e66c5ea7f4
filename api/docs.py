"""/api/: the API's documentation, in French, with examples (templates/api/documentation.html)."""

from django.conf import settings
from django.shortcuts import render

PERIODS = {
    "s": "par seconde",
    "sec": "par seconde",
    "second": "par seconde",
    "m": "par minute",
    "min": "par minute",
    "minute": "par minute",
    "h": "par heure",
    "hour": "par heure",
    "d": "par jour",
    "day": "par jour",
}


def rate_in_words(rate):
    """« 20/s » → « 20 requêtes par seconde » (ess_portal/env.py checks the form)."""
    count, period = rate.split("/")
    return f"{count} requêtes {PERIODS[period]}"


def documentation(request):
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    context = {"site_url": settings.SITE_URL, "rate": rate_in_words(rate)}
    return render(request, "api/documentation.html", context)

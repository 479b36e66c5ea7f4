"""/api/: the API's documentation, in French, with examples (templates/api/documentation.html)."""

from django.conf import settings
from django.shortcuts import render


def documentation(request):
    return render(
        request,
        "api/documentation.html",
        {
            "site_url": settings.SITE_URL,
            "rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"],
        },
    )

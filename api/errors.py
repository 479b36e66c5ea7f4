"""The API's errors, in French: a 400 names the parameter and says why (the filters'
messages), a 404 and a 429 say what to do."""

from rest_framework import exceptions
from rest_framework.views import exception_handler

MESSAGES = {
    exceptions.NotFound: "Aucun enregistrement sous cet identifiant.",
}


def handler(error, context):
    if isinstance(error, exceptions.Throttled):
        wait = error.wait
        error.detail = (
            "Trop de requêtes depuis votre adresse : réessayez dans "
            f"{max(1, round(wait or 1))} seconde(s) (en-tête Retry-After)."
        )
    response = exception_handler(error, context)
    if response is not None and response.status_code == 404:
        response.data = {"detail": MESSAGES[exceptions.NotFound]}
    return response

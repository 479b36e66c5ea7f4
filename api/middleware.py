"""Reusers' scripts and pages on other sites read the API and the open data from anywhere:
`Access-Control-Allow-Origin: *` on their answers to GET (nothing there needs a session,
and the API never reads one)."""

OPEN_PATHS = ("/api/", "/donnees/")


class OpenReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and request.path_info.startswith(OPEN_PATHS):
            response["Access-Control-Allow-Origin"] = "*"
        return response

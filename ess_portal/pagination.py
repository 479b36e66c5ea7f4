"""What every paginated list needs: the query string without its page number."""


def query_without_page(request):
    """'status=operating&q=réseau&' — to prefix 'page=N' in pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""

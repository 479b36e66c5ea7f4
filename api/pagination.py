from rest_framework.pagination import LimitOffsetPagination


class Pages(LimitOffsetPagination):
    """?limit=50&offset=100: 50 records by default, 500 at most; `next` and `previous` link
    the pages, `count` says how many there are."""

    default_limit = 50
    max_limit = 500

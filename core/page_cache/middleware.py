"""Serve anonymous visitors the public pages from the cache (see `core.page_cache`).

Cached: GET (and HEAD) of `/` and of the pages under `/poles/`, `/territoires/`,
`/acteurs/` and `/financements/`, and the API's answers under `/api/` (JSON), by a visitor without session cookie (anyone logged in,
the CRES staff, gets fresh pages) nor pending messages; only complete HTML pages with status
200 that set no cookie: downloads (exports stream, documents are elsewhere), error pages and
the admin never are. The key is the host, the path and the parameters the page reads, in a
canonical order (`parameters.py`: any other parameter is dropped, for the view too); the
page is kept with the data version it was rendered under, and served only while that
version is the current one (both are read in one round trip to Redis).

An entry lives PAGE_TIMEOUT at most: a page of a superseded version that nobody asks for
again leaves the cache minutes after the change (not a day later), and a new version lost
while Redis was unreachable shows stale pages for that long at most. A page asked for
afterwards is rendered again once per PAGE_TIMEOUT. Redis
unreachable, pages are rendered without the cache (`outage.py`).

Placed right after whitenoise, so a cached page skips sessions, authentication, CSRF and the
view. Browsers are told not to reuse a page without asking (`Cache-Control: max-age=0`): the
next visit after an edit shows it.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils.cache import patch_cache_control, set_response_etag

from core.page_cache import outage
from core.page_cache.parameters import use_canonical_query
from core.page_cache.versions import cached_with_version, shared_cache

PUBLIC_SECTIONS = (
    "/poles/",
    "/territoires/",
    "/acteurs/",
    "/financements/",
    "/api/",
    "/carte/",
)
# The news feed, the sitemap's files and robots.txt (www/feeds.py, www/sitemaps.py).
PUBLIC_FILES = ("/flux/", "/sitemap", "/robots.txt")
# What a cached answer may be: a page, the API's JSON, a feed, the sitemap, robots.txt.
CACHED_TYPES = (
    "text/html",
    "application/json",
    "application/vnd.oai.openapi",
    "application/atom+xml",
    "application/xml",
    "text/plain",
)
PAGE_TIMEOUT = 10 * 60  # seconds an entry lives at most (see above)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_page(request.path_info):
            return self.get_response(request)
        query = use_canonical_query(request)
        key = page_key(request, query) if cache_on(request) else None
        if key:
            try:
                version, cached = cached_with_version(key)
            except outage.CACHE_ERRORS as error:
                outage.cache_failed(error)
                key = None
            else:
                if cached is not None and cached[0] == version:
                    return cached[1]
        response = self.get_response(request)
        if is_complete_page(response):
            patch_cache_control(response, max_age=0)
            # The ETag is kept with the page: ConditionalGetMiddleware (outside this one)
            # then hashes it once, not on every hit.
            set_response_etag(response)
            if key and request.method == "GET":
                try:
                    cache.set(key, (version, response), PAGE_TIMEOUT)
                except outage.CACHE_ERRORS as error:
                    outage.cache_failed(error)
        return response


def cache_on(request):
    """Whether this request's page may come from (and go to) the cache."""
    if not settings.PAGE_CACHE or not is_anonymous(request):
        return False
    return shared_cache() is None or outage.cache_usable()


def is_public_page(path):
    return path == "/" or path.startswith(PUBLIC_SECTIONS + PUBLIC_FILES)


def is_anonymous(request):
    return not ({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & request.COOKIES.keys())


def page_key(request, query):
    address = f"{request.get_host()}{request.path}?{query}"
    return f"page:{hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()}"


def is_complete_page(response):
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(CACHED_TYPES)
        and not response.cookies
    )

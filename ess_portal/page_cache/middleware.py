"""Serve anonymous visitors the public pages from the cache (see `ess_portal.page_cache`).

Cached: GET (and HEAD) of `/` and of the pages under `/poles/`, `/territoires/`,
`/acteurs/` and `/financements/`, by a visitor without session cookie (anyone logged in,
the CRES staff, gets fresh pages) nor pending messages; only complete HTML pages with status
200 that set no cookie: downloads (exports stream, documents are elsewhere), error pages and
the admin never are. The key is the host, the path and the query string with its
parameters sorted; the page is kept with the data version it was rendered under, and served
only while that version is the current one (both are read in one round trip to Redis).

Placed right after whitenoise, so a cached page skips sessions, authentication, CSRF and the
view. Browsers are told not to reuse a page without asking (`Cache-Control: max-age=0`): the
next visit after an edit shows it.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from ess_portal.page_cache.versions import cached_with_version

PUBLIC_SECTIONS = ("/poles/", "/territoires/", "/acteurs/", "/financements/")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_page(request.path_info):
            return self.get_response(request)
        key = page_key(request) if settings.PAGE_CACHE and is_anonymous(request) else None
        if key:
            version, cached = cached_with_version(key)
            if cached is not None and cached[0] == version:
                return cached[1]
        response = self.get_response(request)
        if is_complete_page(response):
            patch_cache_control(response, max_age=0)
            if key and request.method == "GET":
                cache.set(key, (version, response))
        return response


def is_public_page(path):
    return path == "/" or path.startswith(PUBLIC_SECTIONS)


def is_anonymous(request):
    return not ({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & request.COOKIES.keys())


def page_key(request):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.get_host()}{request.path}?{query}"
    return f"page:{hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()}"


def is_complete_page(response):
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
    )

"""What every paginated list needs: the query string without its page number, and for the
long lists a paginator that skips keys rather than rows."""

from django.core.paginator import Paginator


def query_without_page(request):
    """'status=operating&q=réseau&' — to prefix 'page=N' in pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


class KeysFirstPaginator(Paginator):
    """Reads a page's primary keys first, then that page's rows by key, in the keys' order.

    A deep `OFFSET` over whole rows reads, joins and sorts every row it skips; skipping
    keys alone lets the database walk an index and join nothing; the page's rows then come with their select_related and
    prefetch_related as usual. One more query per page, whatever its number."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        # A row deleted between the two queries is left out of the page.
        return self._get_page([rows[key] for key in keys if key in rows], number, self)

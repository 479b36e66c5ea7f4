"""The public lists: django-filter filters from the query string, pagination, clear errors.

A filter value that does not exist (an old bookmark, a typo) gets a 400 page that says
which filter is wrong and shows the form; an unknown page number gets a 404."""

from django_filters.views import FilterView

from ess_portal.pagination import query_without_page

PAGE_SIZE = 20


class FilteredListView(FilterView):
    paginate_by = PAGE_SIZE
    strict = True
    # Query parameters that do not narrow the list.
    not_filters = ("page", "tri")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["filter_errors"] = [
            f"« {form.fields[name].label} » : {' '.join(errors)}"
            for name, errors in form.errors.items()
            if name in form.fields
        ]
        context["query_without_page"] = query_without_page(self.request)
        context["has_filters"] = any(
            value for key, value in self.request.GET.items() if key not in self.not_filters
        )
        return context

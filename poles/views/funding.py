from ess_portal.lists import FilteredListView
from poles.charts import stacked_bars
from poles.filters.funding_lines import FundingLineFilter
from poles.funding_totals import all_totals, cap_usage, chart_series
from poles.models import FundingLine


class FundingListView(FilteredListView):
    """/financements/: the funding lines, their totals, caps used and a chart."""

    filterset_class = FundingLineFilter
    template_name = "funding/funding_list.html"
    context_object_name = "lines"

    def get_queryset(self):
        return FundingLine.objects.select_related("pole", "funder", "programme", "study").order_by(
            "start_year", "pole__name", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = self.object_list
        context["totals"] = all_totals(filtered)
        context["caps"] = cap_usage(filtered)
        context["chart"] = stacked_bars(*chart_series(filtered))
        return context

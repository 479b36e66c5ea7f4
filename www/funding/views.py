from django.urls import reverse

from core.exports import EUROS, INTEGER, Column, ExportMixin
from core.lists import FilteredListView
from core.pagination import KeysFirstPaginator
from poles.models import FundingLine
from www.carried_filters import FUNDING_TO_POLES, carried
from www.funding.charts import stacked_bars
from www.funding.line_filters import FundingLineFilter
from www.funding.totals import all_totals, cap_usage, chart_series, line_groups, lines_of
from www.templatetags.portal_extras import schedule

ORDER = ("start_year", "pole__name", "pk")


def listed(lines):
    """The lines in the list's order, with what an export's row shows."""
    return lines.select_related("pole", "funder", "programme", "study").order_by(*ORDER)


# What a row of the page shows: the poles' other columns (their search document among them)
# would be read for nothing.
ROW_COLUMNS = (
    *("pole__name", "pole__slug", "funder__name", "funder__slug"),
    *("programme__name", "programme__slug"),
    *("kind", "posts", "start_year", "end_year", "amount", "status"),
)


def shown(lines):
    """The lines in the list's order, with only what a row of the page shows."""
    related = ("pole", "funder", "programme")
    return lines.select_related(None).select_related(*related).only(*ROW_COLUMNS).order_by(*ORDER)


class FundingListView(FilteredListView):
    """/financements/: the funding lines, their totals, caps used and a chart."""

    filterset_class = FundingLineFilter
    template_name = "funding/funding_list.html"
    context_object_name = "lines"
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        return listed(FundingLine.objects.all())

    def get_paginator(self, queryset, *args, **kwargs):
        """The totals are computed first: the paginator takes its count from them. The page
        reads the lines without the duplicates a territory filter brings (by identifier,
        rather than a DISTINCT over every column)."""
        # With a year, the totals are that year's money (the lines are those covering it).
        year = self.filterset.form.cleaned_data.get("year") if self.filterset.is_valid() else None
        self.year = int(year) if year is not None else None
        self.groups = line_groups(queryset, self.year)
        self.totals = all_totals(self.groups)
        paginator = super().get_paginator(shown(lines_of(queryset)), *args, **kwargs)
        paginator.count = self.totals["overall"]["lines"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = self.totals
        context["year"] = self.year
        context["caps"], context["more_caps"] = cap_usage(self.object_list)
        context["chart"] = stacked_bars(*chart_series(self.groups))
        query = carried(self.request.GET, FUNDING_TO_POLES)
        context["poles_url"] = reverse("poles:list") + (f"?{query}" if query else "")
        return context


class FundingExport(ExportMixin, FundingListView):
    """/financements/export.csv|.xlsx: the lines the page shows for these filters, all pages."""

    export_filename = "financements"
    export_sheet_title = "Financements"

    def get_export_rows(self, queryset):
        return super().get_export_rows(listed(lines_of(queryset)))

    def get_export_columns(self):
        return [
            Column("Pôle", lambda line: line.pole.name, width=30),
            Column("Statut du pôle", lambda line: line.pole.get_status_display()),
            Column("Financeur", lambda line: line.funder.name if line.funder else None, width=30),
            Column("Programme", lambda line: line.programme.name if line.programme else None),
            Column("Nature de l'aide", lambda line: line.get_kind_display()),
            Column("Étude de préfiguration", lambda line: line.study.title if line.study else None),
            Column("Première année", lambda line: line.start_year),
            Column("Dernière année", lambda line: line.end_year or line.start_year),
            Column("Postes", lambda line: line.posts, INTEGER),
            Column("Montant (€)", lambda line: line.amount, EUROS),
            Column("Échéancier", lambda line: schedule(line) or None, width=30),
            Column("État", lambda line: line.get_status_display()),
            Column("Précision", lambda line: line.note),
        ]

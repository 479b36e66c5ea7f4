from django.urls import reverse

from core.exports import EUROS, INTEGER, Column, ExportMixin, export_response
from core.lists import FilteredListView
from core.pagination import KeysFirstPaginator
from poles.models import FundingLine
from www.carried_filters import FUNDING_TO_POLES, carried
from www.funding.charts import stacked_bars
from www.funding.line_filters import FundingLineFilter
from www.funding.totals import (
    all_totals,
    cap_usage,
    chart_series,
    line_groups,
    lines_of,
    pole_year_table,
)
from www.templatetags.portal_extras import schedule

ORDER = ("start_year", "pole__name", "pk")
# Rows of the pole × year table on the page; its download has them all.
POLE_YEAR_ROWS = 50


def filter_year(filterset):
    """The year the filters ask for (« the money of that year »), or None."""
    if not filterset.is_bound or not filterset.is_valid():
        return None
    year = filterset.form.cleaned_data.get("year")
    return int(year) if year is not None else None


def listed(lines):
    """The lines in the list's order, with what an export's row shows."""
    return lines.select_related("pole", "funder", "programme", "study").order_by(*ORDER)


# What a row of the page shows: the poles' other columns (their search document among them)
# would be read for nothing.
ROW_COLUMNS = (
    *("pole__name", "pole__slug", "funder__name", "funder__slug"),
    *("programme__name", "programme__slug"),
    *("kind", "posts", "start_year", "end_year", "amount", "status", "source"),
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
        self.year = filter_year(self.filterset)
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
        years, rows, more = pole_year_table(self.object_list, self.year, POLE_YEAR_ROWS)
        context["pole_years"] = {"years": years, "rows": rows, "more": more}
        query = carried(self.request.GET, FUNDING_TO_POLES)
        context["poles_url"] = reverse("poles:list") + (f"?{query}" if query else "")
        return context


class FundingExport(ExportMixin, FundingListView):
    """/financements/export.csv|.xlsx: the lines the page shows for these filters, all pages."""

    export_filename = "financements"
    export_sheet_title = "Financements"

    def get_export_rows(self, queryset):
        return super().get_export_rows(listed(lines_of(queryset)))

    def get_export_more_sheets(self, queryset):
        return [totals_sheet(all_totals(line_groups(queryset, filter_year(self.filterset))))]

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
            Column("Source", lambda line: line.source or None, width=40),
        ]


def year_label(year):
    return str(year) if year is not None else "année non communiquée"


def totals_sheet(totals):
    """The totals as the page shows them, for the second sheet of the XLSX downloads."""
    rows = []
    for table, heading in (
        ("by_funder", "Par financeur"),
        ("by_programme", "Par programme"),
        ("by_year", "Par année budgétaire"),
        ("by_status", "Par état"),
    ):
        rows += [{**row, "table": heading} for row in totals[table]]
    columns = [
        Column("Tableau", lambda row: row["table"], width=22),
        Column("Ligne", lambda row: row["label"], width=40),
        Column("Engagé (€)", lambda row: row["committed"], EUROS),
        Column("Demandé (€)", lambda row: row["requested"], EUROS),
        Column("Refusé (€)", lambda row: row["refused"], EUROS),
        Column("Lignes", lambda row: row["lines"], INTEGER),
        Column("dont état non communiqué", lambda row: row["listed"], INTEGER),
        Column("dont montant inconnu", lambda row: row["unknown"], INTEGER),
    ]
    return ("Totaux", columns, rows)


class PoleYearExport(FundingListView):
    """/financements/poles-annees.csv|.xlsx: the pole × year table of these filters, every
    pole; the XLSX has the page's totals on a second sheet."""

    export_format = None

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return super().get(request, *args, **kwargs)
        queryset = self.filterset.qs
        year = filter_year(self.filterset)
        years, rows, _more = pole_year_table(queryset, year)
        columns = [
            Column("Pôle", lambda row: row["pole"], width=30),
            *(
                Column(f"{year_label(y)} (€)", lambda row, i=i: row["amounts"][i], EUROS)
                for i, y in enumerate(years)
            ),
            Column("Total engagé (€)", lambda row: row["total"], EUROS),
            Column("Plafond (€)", lambda row: row["cap"], EUROS),
            Column("Reste du plafond (€)", lambda row: row["left"], EUROS),
        ]
        totals = all_totals(line_groups(queryset, year))
        return export_response(
            self.export_format,
            "financements-poles-annees",
            columns,
            rows,
            "Pôles et années",
            more_sheets=[totals_sheet(totals)],
        )

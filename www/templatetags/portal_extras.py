"""French formatting for the public pages: 7 521, 11,5 %, 35 000 €, 7 octobre 2009."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.formats import euros, number, percent
from core.fuzzy_dates import format_fuzzy_date
from core.web_addresses import shown, web_address
from poles.enums import PoleStatus
from poles.models.funding_line import yearly_amounts

register = template.Library()

register.filter(number)
register.filter(percent)
register.filter(euros)


@register.simple_tag
def fuzzy(record, name):
    """{% fuzzy pole "created_on" %} → '7 octobre 2009', 'mai 2009', '2004' or ''."""
    return format_fuzzy_date(getattr(record, name), getattr(record, f"{name}_precision"))


@register.simple_tag
def web_link(address, text=None):
    """{% web_link actor.website %} → <a href="https://c2sol.fr" rel="external">c2sol.fr</a>;
    the text alone (escaped) when `address` is no http(s) address: never a javascript: link."""
    href = web_address(address)
    if not href:
        return address if text is None else text
    return format_html(
        '<a href="{}" rel="external">{}</a>', href, shown(href) if text is None else text
    )


@register.inclusion_tag("_status_badge.html")
def status_badge(status):
    return {"status": status, "label": PoleStatus(status).label}


@register.filter
def year(value, unknown="non communiquée"):
    """2009, never '2 009' (numbers get a thousands separator, years must not)."""
    if value is None or value == "":
        return unknown
    return str(value)


@register.filter
def years(line):
    """A funding line's years: '2010', '2010–2012' or 'non communiquées'."""
    if line.start_year is None:
        return "non communiquées"
    if line.end_year and line.end_year != line.start_year:
        return f"{line.start_year}–{line.end_year}"
    return str(line.start_year)


@register.filter
def prose(text):
    """A document's text as it is written: paragraphs apart (a blank line between them), and
    lines that start with « - » as a list. Everything escaped."""
    blocks = []
    for paragraph in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        while lines:
            if lines[0].startswith("- "):
                items = []
                while lines and lines[0].startswith("- "):
                    items.append(format_html("<li>{}</li>", lines.pop(0)[2:].strip()))
                blocks.append(format_html("<ul>{}</ul>", mark_safe("".join(items))))
            else:
                text_lines = []
                while lines and not lines[0].startswith("- "):
                    text_lines.append(conditional_escape(lines.pop(0)))
                blocks.append(format_html("<p>{}</p>", mark_safe("<br>".join(text_lines))))
    return mark_safe("".join(blocks))


@register.filter
def plural(count, suffixes="s"):
    """French plural: « 0 ligne », « 1 ligne », « 2 lignes » (Django's `pluralize` says
    « 0 lignes »). `{{ n|plural:"a,ont" }}` → « a » or « ont »."""
    singular, _, many = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    return many if (count or 0) > 1 else singular


@register.filter
def schedule(line):
    """A funding line's schedule: « 2024 : 35 000 € · 2025 : 105 000 € », or ''."""
    years = sorted(yearly_amounts(line.schedule).items())
    return " · ".join(f"{year} : {euros(amount)}" for year, amount in years)

"""The KS report as a document: its title, cover memo, charts and HTML, and the PDF.

Everything here is a pure function of ``YearEndData`` and a ``Memo``: the same
data gives the same document, whether in the preview page, the task worker or the
``generate_year_end_report`` command.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intkommun.formatting import format_money, person_name
from intkommun.models import Organisation
from reports import charts
from reports.models import YearEndReport
from reports.year_end.data import YearEndData
from reports.year_end.pdf import RenderedPdf, render_pdf_with_timings

LANGUAGE = "sv"
PRINT_TEMPLATE = "reports/year_end/print.html"


@dataclass(frozen=True)
class Memo:
    """The cover memo (tjänsteskrivelse) as it will be printed."""

    diary_number: str
    author: str
    summary: str
    proposed_decision: str
    date: Any


# --- the document's text and context ---------------------------------------------


def document_title(year: int) -> str:
    return _("Follow-up of the international work %(year)s") % {"year": year}


def default_proposed_decision(year: int) -> str:
    return _(
        "The municipal executive board approves the follow-up of the international "
        "work %(year)s and places it on file."
    ) % {"year": year}


def default_summary(data: YearEndData) -> str:
    figures = data.current
    return _(
        "During %(year)s, %(actions)s actions of the action plan were in progress "
        "or planned, of which %(done)s are done. %(reported)s organisations "
        "reported their international work. External funding of %(funding)s was "
        "granted."
    ) % {
        "year": data.year,
        "actions": figures.actions_total,
        "done": figures.actions_with_status("done"),
        "reported": figures.organisations_reported,
        "funding": format_money(figures.figures.external_funding_sek),
    }


def summary_charts(data: YearEndData) -> list[charts.BarChart]:
    years = data.years
    funding = [y.figures.external_funding_sek for y in years]
    young = [y.figures.young_participants for y in years]
    return [
        charts.bar_chart(
            _("External funding granted (SEK)"),
            [(str(y.year), value) for y, value in zip(years, funding, strict=True)],
            [format_money(value) for value in funding],
        ),
        charts.bar_chart(
            _("Young participants"),
            [(str(y.year), value) for y, value in zip(years, young, strict=True)],
        ),
        charts.bar_chart(
            _("Actions by status %(year)s") % {"year": data.year},
            [(row.label, row.counts[-1]) for row in data.status_rows],
        ),
    ]


def memo_for(report: YearEndReport | None, data: YearEndData, author: Any) -> Memo:
    report = report or YearEndReport()
    return Memo(
        diary_number=report.diary_number,
        author=person_name(author),
        summary=report.summary or default_summary(data),
        proposed_decision=report.proposed_decision
        or default_proposed_decision(data.year),
        date=timezone.localdate(),
    )


def document_context(data: YearEndData, memo: Memo) -> dict[str, Any]:
    return {
        "data": data,
        "memo": memo,
        "title": document_title(data.year),
        "charts": summary_charts(data),
        "logo": logo_data_uri(data.kommun),
    }


def logo_data_uri(kommun: Organisation) -> str:
    """The kommun's logo inlined, so that WeasyPrint needs no storage URL."""
    if not kommun.logo:
        return ""
    with kommun.logo.open("rb") as handle:
        content = handle.read()
    kind = "png" if content.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(content).decode('ascii')}"


def year_end_html(data: YearEndData, memo: Memo) -> str:
    with translation.override(LANGUAGE):
        return render_to_string(PRINT_TEMPLATE, document_context(data, memo))


def year_end_pdf(data: YearEndData, memo: Memo) -> RenderedPdf:
    with translation.override(LANGUAGE):
        html = year_end_html(data, memo)
        return render_pdf_with_timings(
            html,
            base_url=str(settings.BASE_DIR),
            title=f"{document_title(data.year)} – {data.kommun.name}",
            author=data.kommun.name,
            language=LANGUAGE,
        )

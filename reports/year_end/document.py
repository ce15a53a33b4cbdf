"""The KS report as a document: its title, cover memo, charts and HTML, and the PDF.

Everything here is a pure function of ``YearEndData`` and a ``Memo``: the same
data gives the same document, whether in the preview page, the task worker or the
``generate_year_end_report`` command.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import Status as ActionStatus
from actions.status_scale import STANDARD, StatusScale
from intkommun.formatting import format_money_whole
from intkommun.models import Organisation
from reports import charts
from reports.models import YearEndReport
from reports.year_end.data import YearEndData
from reports.year_end.pdf import RenderedPdf, render_pdf_with_timings

LANGUAGE = "sv"
PRINT_TEMPLATE = "reports/year_end/print.html"
DOCUMENT_TEMPLATE = "reports/year_end/_document.html"


# The boards a memo is usually addressed to. Names of Swedish bodies, printed in a
# Swedish document whatever the interface language, so not translated.
KOMMUNSTYRELSEN = "Kommunstyrelsen"
REGIONSTYRELSEN = "Regionstyrelsen"
ADDRESSEES = (
    KOMMUNSTYRELSEN,
    REGIONSTYRELSEN,
    "Kommunfullmäktige",
    "Regionfullmäktige",
)


@dataclass(frozen=True)
class Memo:
    """The cover memo (tjänsteskrivelse) as it will be printed."""

    diary_number: str
    author: str
    summary: str
    proposed_decision: str
    date: Any
    addressee: str = KOMMUNSTYRELSEN
    author_title: str = ""


# --- the document's text and context ---------------------------------------------


def document_title(year: int) -> str:
    return _("Follow-up of the international work %(year)s") % {"year": year}


def default_addressee(kommun: Organisation) -> str:
    """The executive board of the top organisation: a kommun's or a region's."""
    return REGIONSTYRELSEN if kommun.is_region else KOMMUNSTYRELSEN


def default_proposed_decision(year: int, addressee: str = KOMMUNSTYRELSEN) -> str:
    return _(
        "%(board)s approves the follow-up of the international work %(year)s and "
        "places it on file."
    ) % {"board": addressee, "year": year}


def default_summary(data: YearEndData) -> str:
    """A few sentences whose numbers add up; a count of nought is left out."""
    figures = data.current
    sentences = [
        _actions_sentence(data.year, figures.actions_by_status, data.status_scale)
    ]
    reported = figures.organisations_reported
    if reported:
        sentences.append(
            ngettext(
                "%(count)s organisation reported its international work.",
                "%(count)s organisations reported their international work.",
                reported,
            )
            % {"count": reported}
        )
    funding = figures.figures.external_funding_sek
    if funding:
        sentences.append(
            _("External funding of %(funding)s was granted.")
            % {"funding": format_money_whole(funding)}
        )
    return " ".join(sentences)


def _actions_sentence(
    year: int, by_status: dict[str, int], scale: StatusScale = STANDARD
) -> str:
    total = sum(by_status.values())
    if not total:
        return _("During %(year)s, the action plans held no action.") % {"year": year}
    opening = ngettext(
        "During %(year)s, the action plans held %(count)s action",
        "During %(year)s, the action plans held %(count)s actions",
        total,
    ) % {"year": year, "count": total}
    parts = [
        _status_count(status, by_status[status], scale)
        for status in SUMMARY_STATUS_ORDER
        if by_status.get(status)
    ]
    return f"{opening}: {_join(parts)}."


# Done first: what the year achieved, then what is still running.
SUMMARY_STATUS_ORDER = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.PLANNED,
    ActionStatus.POSTPONED,
    ActionStatus.CANCELLED,
)


def _status_count(status: str, count: int, scale: StatusScale = STANDARD) -> str:
    term = scale.term_for(status)
    if term is not None:
        # The kommun's own word may be a letter ("A"), so it is named, not declined.
        return _("%(count)s with status %(term)s") % {"count": count, "term": term}
    forms = {
        ActionStatus.DONE: ngettext("%(count)s done", "%(count)s done", count),
        ActionStatus.IN_PROGRESS: ngettext(
            "%(count)s in progress", "%(count)s in progress", count
        ),
        ActionStatus.PLANNED: ngettext("%(count)s planned", "%(count)s planned", count),
        ActionStatus.POSTPONED: ngettext(
            "%(count)s postponed", "%(count)s postponed", count
        ),
        ActionStatus.CANCELLED: ngettext(
            "%(count)s cancelled", "%(count)s cancelled", count
        ),
    }
    return forms[status] % {"count": count}


def _join(parts: list[str]) -> str:
    """ "a, b and c"."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {
        "first": ", ".join(parts[:-1]),
        "last": parts[-1],
    }


def summary_charts(data: YearEndData) -> list[charts.BarChart]:
    years = data.years
    funding = [y.figures.external_funding_sek for y in years]
    young = [y.figures.young_participants for y in years]
    return [
        charts.bar_chart(
            _("External funding granted (SEK)"),
            [(str(y.year), value) for y, value in zip(years, funding, strict=True)],
            [format_money_whole(value) for value in funding],
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
    """The memo as printed: what the coordinator saved, defaults for the rest.

    The author is a person's name, never a user name; ``author`` is the user who
    generates, whose full name stands in when the memo names nobody.
    """
    memo = saved_memo(report, data.kommun, data.year, author)
    return memo if memo.summary else replace(memo, summary=default_summary(data))


def saved_memo(
    report: YearEndReport | None, kommun: Organisation, year: int, author: Any
) -> Memo:
    """The memo as the coordinator saved it, with defaults that need no data: an
    empty summary stays empty (``memo_for`` writes it from the year's figures)."""
    report = report or YearEndReport()
    addressee = report.addressee or default_addressee(kommun)
    return Memo(
        diary_number=report.diary_number,
        author=report.author_name or (author.get_full_name() if author else ""),
        author_title=report.author_title,
        summary=report.summary,
        proposed_decision=report.proposed_decision
        or default_proposed_decision(year, addressee),
        date=report.memo_date or timezone.localdate(),
        addressee=addressee,
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


def year_end_document_html(data: YearEndData, memo: Memo) -> str:
    """The document itself (cover, memo, sections), without the print page around
    it: what is stored with the PDF and shown on the page of an adopted report."""
    with translation.override(LANGUAGE):
        return render_to_string(DOCUMENT_TEMPLATE, document_context(data, memo))


def preview_document_html(data: YearEndData, memo: Memo) -> str:
    """The document as the preview page shows it: in the interface language."""
    return render_to_string(DOCUMENT_TEMPLATE, document_context(data, memo))


def print_html(document_html: str, *, kommun: Organisation, year: int) -> str:
    """The whole page WeasyPrint renders: the print CSS around the document."""
    with translation.override(LANGUAGE):
        return render_to_string(
            PRINT_TEMPLATE,
            {
                "document_html": document_html,
                "title": document_title(year),
                "kommun": kommun,
            },
        )


def year_end_html(data: YearEndData, memo: Memo) -> str:
    document_html = year_end_document_html(data, memo)
    return print_html(document_html, kommun=data.kommun, year=data.year)


def pdf_of_document(
    document_html: str, *, kommun: Organisation, year: int
) -> RenderedPdf:
    """The PDF of a stored or fresh document; the same HTML gives the same PDF."""
    with translation.override(LANGUAGE):
        return render_pdf_with_timings(
            print_html(document_html, kommun=kommun, year=year),
            base_url=str(settings.BASE_DIR),
            title=f"{document_title(year)} – {kommun.name}",
            author=kommun.name,
            language=LANGUAGE,
        )


def year_end_pdf(data: YearEndData, memo: Memo) -> RenderedPdf:
    document_html = year_end_document_html(data, memo)
    return pdf_of_document(document_html, kommun=data.kommun, year=data.year)

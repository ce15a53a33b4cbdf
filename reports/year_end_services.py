"""Generating and adopting the KS report, each in one transaction.

``year_end_generate`` gathers the data, renders the HTML and the PDF and stores
the file through Django's storage API. It runs synchronously for now; it takes
only plain arguments, so a task queue worker can call it later unchanged.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intkommun import permissions
from intkommun.formatting import format_money, person_name
from intkommun.models import Organisation
from reports import charts
from reports.models import YearEndReport
from reports.pdf import RenderedPdf, render_pdf_with_timings
from reports.year_end import YearEndData, year_end_data

LANGUAGE = "sv"
PRINT_TEMPLATE = "reports/year_end/print.html"


class YearEndRefused(Exception):
    """A step an adopted report does not allow; nothing was saved."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


# --- generate and adopt ----------------------------------------------------------


@transaction.atomic
def year_end_save_memo(
    *,
    kommun: Organisation,
    year: int,
    by: Any,
    diary_number: str,
    summary: str,
    proposed_decision: str,
) -> YearEndReport:
    """Keep the coordinator's memo text for the next generation."""
    report = _draft(kommun, year, by)
    report.diary_number = diary_number
    report.summary = summary
    report.proposed_decision = proposed_decision
    report.save()
    return report


@transaction.atomic
def year_end_request(*, kommun: Organisation, year: int, by: Any) -> YearEndReport:
    """Ask the task worker for a new draft PDF; the page shows progress until then.

    PDF generation never runs inside a web request (DESIGN §6): WeasyPrint takes
    seconds and keeps its memory, so a recycled worker process does it.
    """
    from reports.tasks import generate_year_end_report

    report = _draft(kommun, year, by)
    report.generation_requested_at = timezone.now()
    report.save(update_fields=["generation_requested_at"])
    # With the database backend the queued task is part of this transaction, so
    # the worker sees it only once the request is committed.
    generate_year_end_report.enqueue(kommun.pk, year, by.pk)
    return report


@transaction.atomic
def year_end_generate(*, kommun: Organisation, year: int, by: Any) -> YearEndReport:
    """Generate (or regenerate) the draft PDF of the kommun's year."""
    report = _draft(kommun, year, by)
    data = year_end_data(kommun, year)
    rendered = year_end_pdf(data, memo_for(report, data, by))
    old_name = report.file.name if report.file else ""
    report.file.save(report.filename, ContentFile(rendered.content), save=False)
    report.sha256 = hashlib.sha256(rendered.content).hexdigest()
    report.page_count = rendered.page_count
    report.generated_at = timezone.now()
    report.generated_by = by
    report.save()
    if old_name:
        transaction.on_commit(lambda: report.file.storage.delete(old_name))
    return report


def year_end_generation_failed(
    *, kommun: Organisation, year: int, error: Exception
) -> None:
    """Record on the draft that the worker's generation raised, and why."""
    report = YearEndReport.objects.filter(kommun=kommun, year=year).first()
    if report is None:
        return
    with translation.override(LANGUAGE):
        report.mark_generation_failed(reason=generation_failure_reason(error))


def generation_failure_reason(error: Exception) -> str:
    if isinstance(error, YearEndRefused):
        return error.message
    # Only the kind of error: its text may name files and servers.
    return _(
        "The PDF could not be generated because of an unexpected error "
        "(%(error)s). Try again; if it fails again, contact the system "
        "administrator."
    ) % {"error": type(error).__name__}


@transaction.atomic
def year_end_adopt(
    *, report: YearEndReport, paragraph: str, diary_number: str, by: Any
) -> YearEndReport:
    """Record KS's decision; from now on the PDF never changes."""
    permissions.require_coordinator(by, report.kommun)
    report = YearEndReport.objects.select_for_update().get(pk=report.pk)
    if report.is_adopted:
        raise YearEndRefused(_("The KS report is already adopted."))
    if not report.has_file:
        raise YearEndRefused(_("Generate the KS report before adopting it."))
    report.status = YearEndReport.Status.ADOPTED
    report.ks_paragraph = paragraph
    report.diary_number = diary_number or report.diary_number
    report.adopted_at = timezone.now()
    report.adopted_by = by
    report.save()
    return report


def _draft(kommun: Organisation, year: int, by: Any) -> YearEndReport:
    if not permissions.is_coordinator(by, kommun):
        raise PermissionDenied
    report, _created = YearEndReport.objects.select_for_update().get_or_create(
        kommun=kommun, year=year
    )
    if report.is_adopted:
        raise YearEndRefused(
            _("The KS report is adopted and can no longer be changed.")
        )
    return report

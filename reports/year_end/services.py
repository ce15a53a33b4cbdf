"""Generating and adopting the KS report, each in one transaction.

``year_end_generate`` gathers the data, renders the HTML and the PDF and stores
the file through Django's storage API; the task worker calls it
(``reports.year_end.tasks``), never a web request.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intkommun import permissions
from intkommun.models import Organisation
from reports.models import YearEndReport
from reports.year_end.data import year_end_data
from reports.year_end.document import (
    LANGUAGE,
    memo_for,
    pdf_of_document,
    year_end_document_html,
)


class YearEndRefused(Exception):
    """A step an adopted report does not allow; nothing was saved."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
    addressee: str = "",
    memo_date: datetime.date | None = None,
    author_name: str = "",
    author_title: str = "",
) -> YearEndReport:
    """Keep the coordinator's memo for the next generation; empty means default."""
    report = _draft(kommun, year, by)
    report.diary_number = diary_number
    report.summary = summary
    report.proposed_decision = proposed_decision
    report.addressee = addressee
    report.memo_date = memo_date
    report.author_name = author_name
    report.author_title = author_title
    report.save()
    return report


@transaction.atomic
def year_end_mark_requested(
    *, kommun: Organisation, year: int, by: Any
) -> YearEndReport:
    """Note that a coordinator asked for a new draft PDF; the page shows progress.

    The task itself is queued by ``reports.year_end.tasks.request_generation``
    once this transaction has committed.
    """
    report = _draft(kommun, year, by)
    report.generation_requested_at = timezone.now()
    report.save(update_fields=["generation_requested_at"])
    return report


@transaction.atomic
def year_end_generate(*, kommun: Organisation, year: int, by: Any) -> YearEndReport:
    """Generate (or regenerate) the draft PDF of the kommun's year.

    The document's HTML is kept beside the PDF made from it: once adopted, the
    report's page shows that document instead of today's data.
    """
    report = _draft(kommun, year, by)
    data = year_end_data(kommun, year)
    document_html = year_end_document_html(data, memo_for(report, data, by))
    rendered = pdf_of_document(document_html, kommun=data.kommun, year=year)
    old_name = report.file.name if report.file else ""
    report.document_html = document_html
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

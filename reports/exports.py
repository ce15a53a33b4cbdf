"""The follow-up lists as Excel workbooks: rounds, annual reports, KS reports."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intkommun.exports import Column
from reports.filters import YEAR_END_STATES


def _local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value else None


def _yes_no(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


ROUND_COLUMNS = (
    Column(_("Municipality"), 18, lambda r: r.kommun.name),
    Column(_("Year"), 8, lambda r: r.year),
    Column(_("Deadline"), 13, lambda r: r.deadline, is_date=True),
    Column(_("Open"), 8, lambda r: _yes_no(r.is_open)),
    Column(_("Back-filling"), 10, lambda r: _yes_no(r.is_backfill)),
    Column(_("Reports"), 10, lambda r: r.report_count),
    Column(_("Draft"), 10, lambda r: r.draft_count),
    Column(_("Returned"), 10, lambda r: r.returned_count),
    Column(_("Submitted"), 10, lambda r: r.submitted_only_count),
    Column(_("Approved"), 10, lambda r: r.approved_count),
)

REPORT_COLUMNS = (
    Column(_("Municipality"), 18, lambda r: r.round.kommun.name),
    Column(_("Year"), 8, lambda r: r.round.year),
    Column(_("Organisation"), 36, lambda r: r.organisation.name),
    Column(_("Status"), 14, lambda r: r.get_status_display()),
    Column(_("Deadline"), 13, lambda r: r.round.deadline, is_date=True),
    Column(_("Submitted"), 13, lambda r: _local_date(r.submitted_at), is_date=True),
    Column(_("Approved"), 13, lambda r: _local_date(r.approved_at), is_date=True),
    Column(
        _("Contact person"),
        24,
        lambda r: r.contact_person.get_full_name() if r.contact_person else "",
    ),
    Column(_("Results"), 50, lambda r: r.results),
    Column(_("Needs"), 50, lambda r: r.needs),
    Column(_("Project ideas for next year"), 50, lambda r: r.project_ideas),
)

_STATE_LABELS = dict(YEAR_END_STATES)


def _report_field(name: str) -> Any:
    return lambda row: getattr(row["report"], name) if row["report"] else None


YEAR_END_COLUMNS = (
    Column(_("Municipality"), 18, lambda row: row["kommun"].name),
    Column(_("Year"), 8, lambda row: row["year"]),
    Column(_("Status"), 18, lambda row: str(_STATE_LABELS[row["state"]])),
    Column(
        _("Finalised on"),
        13,
        lambda row: _local_date(row["report"] and row["report"].adopted_at),
        is_date=True,
    ),
    Column(_("KS paragraph"), 12, _report_field("ks_paragraph")),
    Column(_("Diary number"), 18, _report_field("diary_number")),
    Column(_("Pages"), 8, _report_field("page_count")),
    Column(_("SHA-256 checksum"), 70, _report_field("sha256")),
)

"""The list of governing documents as an Excel workbook (.xlsx)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import IO

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intkommun.exports import Column, build_xlsx
from intkommun.partial_dates import PartialDate, Precision
from strategies.models import Goal, Strategy


def _applies_to(strategy: Strategy) -> str:
    if strategy.applies_to_text:
        return strategy.applies_to_text
    names = [organisation.name for organisation in strategy.applies_to.all()]
    return ", ".join(names) if names else gettext("The whole municipality")


def _partial(value: PartialDate | None) -> datetime.date | str | None:
    """A day as an Excel date, as before; "2012" or "2012-03" as text."""
    if value is None:
        return None
    return value.first_day if value.precision == Precision.DAY else value.as_text()


def _count(kind: str) -> Callable[[Strategy], int]:
    return lambda strategy: sum(1 for goal in strategy.goals.all() if goal.kind == kind)


COLUMNS = (
    Column(_("Municipality"), 18, lambda s: s.kommun.name),
    Column(_("Document type"), 16, lambda s: s.document_type.name),
    Column(_("Title"), 50, lambda s: s.title),
    Column(_("Version"), 16, lambda s: s.version_text),
    Column(_("Status"), 16, lambda s: s.get_status_display()),
    Column(_("Adopted by"), 24, lambda s: s.adopting_body),
    Column(_("Adopted on"), 13, lambda s: _partial(s.adopted), is_date=True),
    Column(_("Paragraph"), 10, lambda s: s.paragraph),
    Column(_("Diary number"), 18, lambda s: s.diary_number),
    Column(_("Valid from"), 13, lambda s: _partial(s.valid_from_partial), is_date=True),
    Column(
        _("Valid until"), 13, lambda s: _partial(s.valid_until_partial), is_date=True
    ),
    Column(_("Document owner"), 22, lambda s: s.document_owner),
    Column(_("Prepared by"), 30, lambda s: s.prepared_by),
    Column(_("Applies to"), 30, _applies_to),
    Column(_("Replaces"), 30, lambda s: s.replaces.title if s.replaces_id else ""),
    Column(_("Implements"), 30, lambda s: s.parent.title if s.parent_id else ""),
    Column(_("Review interval"), 22, lambda s: s.review_interval),
    Column(_("Next review"), 13, lambda s: s.next_review_on, is_date=True),
    Column(_("Number of visions"), 12, _count(Goal.Kind.VISION)),
    Column(_("Number of purposes"), 12, _count(Goal.Kind.PURPOSE)),
    Column(_("Number of goals"), 12, _count(Goal.Kind.GOAL)),
    Column(_("Number of focus areas"), 12, lambda s: len(s.focus_areas.all())),
)


def strategies_xlsx(strategies: Iterable[Strategy]) -> IO[bytes]:
    """One row per document, in the order given; dates as Excel dates."""
    return build_xlsx(gettext("Governing documents"), COLUMNS, strategies)


def export_filename_stem() -> str:
    return gettext("governing-documents")


def _indicators(goal: Goal) -> str:
    return ", ".join(indicator.name for indicator in goal.indicators.all())


GOAL_COLUMNS = (
    Column(_("Municipality"), 18, lambda g: g.strategy.kommun.name),
    Column(_("Governing document"), 40, lambda g: g.strategy.title),
    Column(_("Kind"), 10, lambda g: str(g.get_kind_display()).capitalize()),
    Column(_("Label"), 8, lambda g: g.label),
    Column(_("Text"), 70, lambda g: g.text),
    Column(_("Focus area"), 36, lambda g: str(g.focus_area) if g.focus_area else ""),
    Column(_("Part of goal"), 36, lambda g: str(g.parent) if g.parent else ""),
    Column(_("Number of linked actions"), 12, lambda g: g.action_count),
    Column(_("Indicators"), 40, _indicators),
)

"""The annual follow-up: rounds, the organisations' reports and what they hold."""

from reports.models.annual_reports import (
    AnnualReport,
    AnnualReportQuerySet,
    Assessment,
    ChecklistItem,
    GoalAssessment,
    ReportActivity,
    ReportEvent,
)
from reports.models.kommun_assessments import (
    KommunGoalAssessment,
    KommunGoalAssessmentQuerySet,
)
from reports.models.reminders import ReminderSent
from reports.models.rounds import FollowUpRound, FollowUpRoundQuerySet
from reports.models.year_end import YearEndReport

__all__ = [
    "AnnualReport",
    "AnnualReportQuerySet",
    "Assessment",
    "ChecklistItem",
    "FollowUpRound",
    "FollowUpRoundQuerySet",
    "GoalAssessment",
    "KommunGoalAssessment",
    "KommunGoalAssessmentQuerySet",
    "ReminderSent",
    "ReportActivity",
    "ReportEvent",
    "YearEndReport",
]

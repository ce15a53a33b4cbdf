from reports.views.kommun_assessment import kommun_assessment
from reports.views.report_list import ReportListView, report_export
from reports.views.report_page import (
    my_reports,
    report_approve,
    report_detail,
    report_return,
    report_save,
    report_submit,
)
from reports.views.rounds import (
    RoundDetailView,
    RoundListView,
    RoundUpdateView,
    round_close,
    round_create,
    round_export,
    round_reopen,
)

__all__ = [
    "ReportListView",
    "RoundDetailView",
    "RoundListView",
    "RoundUpdateView",
    "kommun_assessment",
    "my_reports",
    "report_approve",
    "report_detail",
    "report_export",
    "report_return",
    "report_save",
    "report_submit",
    "round_close",
    "round_create",
    "round_export",
    "round_reopen",
]

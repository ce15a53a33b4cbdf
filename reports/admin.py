from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    AnnualReport,
    FollowUpRound,
    GoalAssessment,
    KommunGoalAssessment,
    ReminderSent,
    ReportActivity,
    ReportEvent,
)


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["kommun", "year", "deadline", "is_open", "is_backfill"]
    list_filter = ["is_open", "is_backfill", "kommun"]


class ReportActivityInline(admin.TabularInline):
    model = ReportActivity
    extra = 0
    fields = ["activity_type", "title", "participants", "young_participants"]


class GoalAssessmentInline(admin.TabularInline):
    model = GoalAssessment
    extra = 0
    fields = ["goal_label", "goal_text", "assessment", "comment"]
    readonly_fields = ["goal_label", "goal_text"]


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    fields = ["kind", "by", "at", "comment"]
    readonly_fields = fields
    can_delete = False


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["organisation", "round", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "round__kommun", "round__year"]
    search_fields = ["organisation__name"]
    # The workflow (submit, return, approve) and the frozen facts are changed only
    # through reports.services, never by hand.
    readonly_fields = [
        "round",
        "organisation",
        "status",
        "submitted_at",
        "submitted_by",
        "approved_at",
        "approved_by",
        "snapshot",
    ]
    inlines = [ReportActivityInline, GoalAssessmentInline, ReportEventInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "stage", "recipient", "sent_at"]
    list_filter = ["kind", "stage"]
    search_fields = ["recipient", "key"]


@admin.register(KommunGoalAssessment)
class KommunGoalAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["kommun", "year", "goal", "assessment", "updated_by", "updated_at"]
    list_filter = ["kommun", "year", "assessment"]
    # Written only on the coordinator's page, which refuses an adopted year.
    readonly_fields = [
        "kommun",
        "year",
        "goal",
        "assessment",
        "comment",
        "updated_by",
        "updated_at",
    ]

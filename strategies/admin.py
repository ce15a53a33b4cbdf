from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from strategies.models import (
    DocumentType,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Strategy,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kommun", "order", "is_action_plan", "is_active"]
    list_filter = ["kommun", "is_action_plan", "is_active"]
    search_fields = ["name"]


class FocusAreaInline(admin.StackedInline):
    model = FocusArea
    extra = 0


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["kind", "order", "label", "text", "focus_area", "parent"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 25
    list_display = [
        "title",
        "document_type",
        "kommun",
        "adopted_on",
        "diary_number",
        "valid_until",
    ]
    list_filter = ["kommun", "document_type__name"]
    search_fields = ["title", "diary_number", "purpose"]
    autocomplete_fields = ["applies_to", "adopted_by", "replaces", "parent"]
    inlines = [FocusAreaInline, GoalInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "goal", "unit", "direction", "target_value", "target_year"]
    list_filter = ["goal__strategy__kommun", "direction"]
    search_fields = ["name", "goal__text"]
    inlines = [IndicatorValueInline]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["__str__", "strategy", "kind", "order"]
    list_filter = ["kind", "strategy__kommun"]
    search_fields = ["text", "strategy__title"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionImport, ActionUpdate, TargetGroup


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    fields = ["occurred_on", "text", "new_status", "participants", "young_participants"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = [
        "short_title",
        "plan",
        "status",
        "starts_on",
        "ends_on",
        "is_ongoing",
    ]
    list_filter = ["status", "activity_type", "plan__kommun"]
    search_fields = ["title", "responsible_text", "participants_text"]
    autocomplete_fields = ["responsible_organisations", "participant_organisations"]
    inlines = [ActionUpdateInline]


@admin.register(ActionImport)
class ActionImportAdmin(admin.ModelAdmin):
    list_display = ["source_name", "kind", "state", "plan", "created_by", "created_at"]
    list_filter = ["kind", "state"]


admin.site.register(TargetGroup)

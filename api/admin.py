from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kommun",
        "hint",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["kommun"]
    readonly_fields = ["hint", "created_by", "created_at", "last_used_at"]
    fields = ["kommun", "name", "scope", *readonly_fields, "revoked_at", "revoked_by"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intkommun.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "kommun", "is_active"]
    list_filter = ["kind", "is_active", "kommun"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "is_contact_person"]
    list_filter = ["role", "is_contact_person", "organisation__kommun"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "organisation__name",
    ]
    autocomplete_fields = ["user", "organisation"]

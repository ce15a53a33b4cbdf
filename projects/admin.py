from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import (
    FundAllocation,
    FundApplication,
    FundingProgramme,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
    PartnerTown,
    Project,
    ProjectPartner,
)


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name_sv", "code", "period", "kommun", "is_active"]
    list_filter = ["is_active", "kommun"]
    search_fields = ["code", "name_sv", "name_en", "managing_authority"]


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["title", "owner", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["status", "kind", "owner__kommun", "is_example"]
    search_fields = ["title", "acronym", "reference_number"]
    autocomplete_fields = ["goals", "actions"]
    inlines = [ProjectPartnerInline]


class PartnershipActivityInline(admin.TabularInline):
    model = PartnershipActivity
    extra = 0


class PartnerTownInline(admin.TabularInline):
    model = PartnerTown
    extra = 0


class PartnershipFundingInline(admin.TabularInline):
    model = PartnershipFunding
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["name", "kind", "status", "responsible_organisation"]
    list_filter = ["kind", "status", "responsible_organisation__kommun"]
    search_fields = ["name", "towns__name"]
    inlines = [PartnerTownInline, PartnershipFundingInline, PartnershipActivityInline]


class FundAllocationInline(admin.TabularInline):
    model = FundAllocation
    extra = 0


@admin.register(InternationalFund)
class InternationalFundAdmin(SimpleHistoryAdmin):
    list_display = ["kommun", "year", "budget"]
    list_filter = ["kommun"]
    inlines = [FundAllocationInline]


@admin.register(FundApplication)
class FundApplicationAdmin(SimpleHistoryAdmin):
    # As many rows a page as the register's own list (bench/pages.py compares).
    list_per_page = 50
    list_display = ["applicant", "fund", "amount_requested", "status", "granted_amount"]
    list_filter = ["status", "fund__kommun"]
    # Decisions go through services.fund_application_decide, which checks the fund.
    readonly_fields = ["status", "granted_amount", "decided_on", "decided_by"]

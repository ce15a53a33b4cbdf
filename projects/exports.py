"""The project, partnership and fund application lists as Excel, with the list's
own filter."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intkommun.exports import Column, choice_labels, yes_no
from projects.models import FundApplication, Partnership, PartnershipActivity, Project


def _countries(project) -> str:
    return ", ".join(
        sorted({str(partner.country.name) for partner in project.partners.all()})
    )


PROJECT_COLUMNS = (
    Column(_("Title"), 40, lambda p: p.title),
    Column(_("Acronym"), 12, lambda p: p.acronym),
    Column(_("Kind"), 20, lambda p: p.kind, labels=choice_labels(Project, "kind")),
    Column(
        _("Status"), 20, lambda p: p.status, labels=choice_labels(Project, "status")
    ),
    Column(_("Owner organisation"), 30, lambda p: p.owner.name),
    Column(
        _("Funding programme"), 30, lambda p: p.programme.name_sv if p.programme else ""
    ),
    Column(_("Funder's reference number"), 16, lambda p: p.reference_number),
    Column(
        _("The municipality's role"),
        16,
        lambda p: p.role,
        labels=choice_labels(Project, "role"),
    ),
    Column(_("Application submitted on"), 12, lambda p: p.submitted_on, is_date=True),
    Column(_("Decision on"), 12, lambda p: p.decision_on, is_date=True),
    Column(_("Starts on"), 12, lambda p: p.starts_on, is_date=True),
    Column(_("Ends on"), 12, lambda p: p.ends_on, is_date=True),
    Column(_("Currency"), 8, lambda p: p.currency),
    Column(_("Total budget"), 14, lambda p: p.total_budget, is_money=True),
    Column(
        _("The municipality's budget share"),
        14,
        lambda p: p.municipality_budget,
        is_money=True,
    ),
    Column(_("EU grant to the municipality"), 14, lambda p: p.eu_grant, is_money=True),
    Column(
        _("Own co-financing, cash"), 14, lambda p: p.own_cofinancing_cash, is_money=True
    ),
    Column(
        _("Own co-financing, staff time"),
        14,
        lambda p: p.own_cofinancing_in_kind,
        is_money=True,
    ),
    Column(_("Other co-financing"), 14, lambda p: p.other_cofinancing, is_money=True),
    Column(_("Pre-financing need"), 14, lambda p: p.prefinancing_need, is_money=True),
    Column(_("Exchange rate to SEK"), 10, lambda p: p.exchange_rate),
    Column(
        _("The municipality's budget share (SEK)"),
        14,
        lambda p: p.municipality_budget_sek,
        is_money=True,
    ),
    Column(_("EU grant (SEK)"), 14, lambda p: p.eu_grant_sek, is_money=True),
    Column(_("Partner countries"), 24, _countries),
    Column(_("Example"), 8, lambda p: p.is_example, labels=yes_no),
)


PARTNERSHIP_COLUMNS = (
    Column(_("Name"), 30, lambda p: p.name),
    Column(_("Kind"), 20, lambda p: p.kind, labels=choice_labels(Partnership, "kind")),
    Column(
        _("Status"),
        12,
        lambda p: p.status,
        labels=choice_labels(Partnership, "status"),
    ),
    Column(_("Partner towns"), 30, lambda p: p.place),
    Column(_("Countries"), 20, lambda p: ", ".join(str(c.name) for c in p.countries)),
    Column(
        _("Responsible organisation"), 30, lambda p: p.responsible_organisation.name
    ),
    Column(_("Start"), 10, lambda p: p.start.as_text() if p.start else ""),
    Column(_("End"), 10, lambda p: p.end.as_text() if p.end else ""),
    Column(_("Member through"), 20, lambda p: p.via.name if p.via else ""),
    Column(_("Agreement signed on"), 12, lambda p: p.agreement_on, is_date=True),
    Column(_("Decision"), 20, lambda p: p.decision),
    Column(_("Annual fee (SEK)"), 14, lambda p: p.annual_fee, is_money=True),
    Column(_("Contacts"), 30, lambda p: p.contacts),
    Column(_("Description"), 40, lambda p: p.description),
    Column(_("Funding"), 30, lambda p: _funding(p)),
    Column(_("Example"), 8, lambda p: p.is_example, labels=yes_no),
)


def _links(application) -> str:
    return "; ".join(
        [p.name for p in application.partnerships.all()]
        + [a.short_title for a in application.actions.all()]
    )


def _applicant_kinds() -> dict[bool, str]:
    """By whether the application is from an association."""
    return {True: gettext("Association"), False: gettext("Part of the municipality")}


FUND_APPLICATION_COLUMNS = (
    Column(_("Fund year"), 8, lambda a: a.fund.year),
    Column(_("Call"), 24, lambda a: a.call.title if a.call else ""),
    Column(
        _("Deadline"), 12, lambda a: a.call.deadline if a.call else None, is_date=True
    ),
    Column(_("Applicant"), 30, lambda a: a.applicant.name),
    Column(
        _("Kind of applicant"),
        14,
        lambda a: a.is_from_association,
        labels=_applicant_kinds,
    ),
    Column(_("Purpose"), 40, lambda a: a.purpose),
    Column(_("Earmark"), 20, lambda a: a.allocation.name if a.allocation else ""),
    Column(_("Linked project"), 24, lambda a: a.project.title if a.project else ""),
    Column(_("Concerns"), 30, _links),
    Column(_("Submitted on"), 12, lambda a: a.submitted_on, is_date=True),
    Column(
        _("Status"),
        12,
        lambda a: a.status,
        labels=choice_labels(FundApplication, "status"),
    ),
    Column(_("Decided on"), 12, lambda a: a.decided_on, is_date=True),
    Column(_("Amount requested"), 14, lambda a: a.amount_requested, is_money=True),
    Column(_("Amount granted"), 14, lambda a: a.granted_amount, is_money=True),
    Column(_("Amount used"), 14, lambda a: a.amount_used, is_money=True),
    Column(_("Example"), 8, lambda a: a.is_example, labels=yes_no),
)


def _funding(partnership) -> str:
    return "; ".join(
        f"{row.year} {row.get_source_display()} {row.amount}"
        for row in partnership.funding.all()
    )


ACTIVITY_COLUMNS = (
    Column(_("Partnership"), 30, lambda a: a.partnership.name),
    Column(_("Date"), 12, lambda a: a.occurred.as_text()),
    Column(
        _("Kind"),
        18,
        lambda a: a.kind,
        labels=choice_labels(PartnershipActivity, "kind"),
    ),
    Column(_("Purpose"), 40, lambda a: a.purpose),
    Column(_("Organised by"), 24, lambda a: a.organiser.name if a.organiser else ""),
    Column(_("Who took part"), 24, lambda a: a.participants_text),
    Column(_("Participants"), 10, lambda a: a.participants),
    Column(_("Of whom young people (under 26)"), 10, lambda a: a.young_participants),
    Column(_("Pupils"), 8, lambda a: a.pupils),
    Column(_("Staff"), 8, lambda a: a.staff),
    Column(_("Elected representatives"), 8, lambda a: a.elected_representatives),
    Column(_("Residents and associations"), 8, lambda a: a.residents),
    Column(_("Countries"), 20, lambda a: ", ".join(str(c.name) for c in a.countries)),
    Column(_("Cost (SEK)"), 14, lambda a: a.cost, is_money=True),
    Column(_("Recurs"), 20, lambda a: a.recurrence_text or a.get_recurrence_display()),
    Column(_("Example"), 8, lambda a: a.is_example, labels=yes_no),
)

"""Every form of the core and the four domain apps takes any input a browser can
post: arbitrary text (empty, NUL, a megabyte-sized run), numbers (huge, negative,
NaN), dates (year 1 to 9999, garbage). The form either refuses it with validation
errors, saving nothing, or accepts it and the database stores it.

Forms are built the way their views build them, on the demo data, and each example
runs in a transaction that is rolled back, so the examples do not see each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import forms as action_forms
from actions.models import Action
from intkommun.forms import OrganisationForm, SearchForm
from intkommun.models import Membership, Organisation
from projects import forms as project_forms
from projects.models import (
    FundAllocation,
    FundApplication,
    FundCall,
    FundingProgramme,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
    PartnerTown,
    Project,
    ProjectPartner,
)
from reports import forms as report_forms
from reports.models import (
    AnnualReport,
    FollowUpRound,
    GoalAssessment,
    KommunGoalAssessment,
    ReportActivity,
    YearEndReport,
)
from reports.year_end import forms as year_end_forms
from strategies import forms as strategy_forms
from strategies.models import (
    DocumentType,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Strategy,
)

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 25
DOMAIN_APPS = ("intkommun", "strategies", "actions", "projects", "reports")

long_text = st.tuples(st.characters(), st.integers(0, 25_000)).map(
    lambda pair: pair[0] * pair[1]
)
any_text = st.one_of(st.text(max_size=40), long_text)
any_number = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals().map(str),
    st.floats().map(str),
    st.text(max_size=8),
)
any_date = st.one_of(
    st.dates().map(datetime.date.isoformat),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.text(max_size=12),
)
any_choice = st.one_of(st.text(max_size=6), st.integers(-(2**70), 2**70).map(str))


def arbitrary(field: forms.Field) -> st.SearchStrategy | None:
    """What a browser (or a script) could post for this field; None: not posted."""
    if isinstance(field, forms.FileField):
        return None
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(any_choice, max_size=3)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return any_choice
    if isinstance(field, forms.DateField):
        return any_date
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return any_number
    return any_text


def posted(value: Any) -> Any:
    """A bound field's current value as the page would post it back."""
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    return str(getattr(value, "pk", value))


def inputs(make: Callable[..., forms.BaseForm]) -> st.SearchStrategy[dict]:
    """Per field: the value the page shows, or something arbitrary."""
    form = make(None)
    fields = {}
    for name, field in form.fields.items():
        other = arbitrary(field)
        if other is None:
            continue
        fields[name] = st.one_of(st.just(posted(form[name].value())), other)
    return st.fixed_dictionaries(fields)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


def assert_takes_any_input(make: Callable[..., forms.BaseForm]) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: CI is repeatable
        suppress_health_check=list(HealthCheck),
    )
    @given(data=inputs(make))
    def check(data: dict) -> None:
        with transaction.atomic():
            before = row_counts()
            form = make(data)
            if form.is_valid():
                if isinstance(form, forms.ModelForm):
                    form.save()  # Accepted input must also fit the database.
            else:
                assert row_counts() == before
            transaction.set_rollback(True)

    check()


@pytest.fixture
def demo(db) -> None:
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def user(demo):
    return Membership.objects.filter(role=Membership.Role.COORDINATOR).first().user


def first(model):
    instance = model._default_manager.order_by("pk").first()
    assert instance is not None, f"The demo data has no {model.__name__}."
    return instance


def forms_of_strategies(user) -> dict[str, Callable]:
    strategy = first(Strategy)
    kommun = strategy.kommun
    return {
        "new strategy": lambda data: strategy_forms.StrategyForm(data, kommun=kommun),
        "strategy": lambda data: strategy_forms.StrategyForm(
            data, instance=strategy, kommun=kommun
        ),
        "focus area": lambda data: strategy_forms.FocusAreaForm(
            data, instance=first(FocusArea)
        ),
        "new goal": lambda data: strategy_forms.GoalForm(
            data, instance=Goal(strategy=strategy), strategy=strategy
        ),
        "goal": lambda data: strategy_forms.GoalForm(
            data, instance=first(Goal), strategy=first(Goal).strategy
        ),
        "indicator": lambda data: strategy_forms.IndicatorForm(
            data, instance=Indicator(goal=first(Goal))
        ),
        "indicator value": lambda data: strategy_forms.IndicatorValueForm(
            data, instance=IndicatorValue(indicator=indicator_of(first(Goal)))
        ),
        "document type": lambda data: strategy_forms.DocumentTypeForm(
            data, instance=DocumentType(kommun=kommun)
        ),
    }


def indicator_of(goal: Goal) -> Indicator:
    return Indicator.objects.get_or_create(goal=goal, defaults={"name": "Utbyten"})[0]


def forms_of_actions(user) -> dict[str, Callable]:
    action = first(Action)
    return {
        "new action": lambda data: action_forms.ActionForm(data, user=user),
        "action": lambda data: action_forms.ActionForm(
            data, instance=action, user=user
        ),
        "progress entry": lambda data: action_forms.ActionUpdateForm(
            data, action=action
        ),
        "plan import": lambda data: action_forms.PlanImportForm(data, user=user),
        "bulk update": lambda data: action_forms.BulkUpdateForm(data, user=user),
        "bulk confirm": lambda data: action_forms.BulkConfirmForm(data),
    }


def forms_of_the_core(user) -> dict[str, Callable]:
    kommun = Organisation.objects.kommuner().order_by("pk").first()
    unit = Organisation.objects.filter(kommun=kommun).exclude(pk=kommun.pk).first()
    return {
        "new organisation": lambda data: OrganisationForm(data, user=user),
        "organisation": lambda data: OrganisationForm(data, instance=unit, user=user),
        "kommun": lambda data: OrganisationForm(data, instance=kommun, user=user),
        "search": lambda data: SearchForm(data),
        "kommun and year": lambda data: project_forms.KommunYearForm(
            data, kommuner=Organisation.objects.kommuner()
        ),
    }


def forms_of_projects(user) -> dict[str, Callable]:
    project = first(Project)
    fund = first(InternationalFund)
    return {
        "new project": lambda data: project_forms.ProjectForm(data, user=user),
        "project": lambda data: project_forms.ProjectForm(
            data, instance=project, user=user
        ),
        "partner": lambda data: project_forms.PartnerForm(
            data, instance=ProjectPartner(project=project)
        ),
        "partnership": lambda data: project_forms.PartnershipForm(
            data, instance=first(Partnership), user=user
        ),
        "partner town": lambda data: project_forms.PartnerTownForm(
            data, instance=PartnerTown(partnership=first(Partnership))
        ),
        "partnership funding": lambda data: project_forms.PartnershipFundingForm(
            data, instance=PartnershipFunding(partnership=first(Partnership))
        ),
        "partnership activity": lambda data: project_forms.PartnershipActivityForm(
            data,
            instance=PartnershipActivity(partnership=first(Partnership)),
            partnership=first(Partnership),
        ),
        "fund": lambda data: project_forms.FundForm(data, instance=fund, user=user),
        "fund allocation": lambda data: project_forms.FundAllocationForm(
            data, instance=FundAllocation(fund=fund)
        ),
        "fund application": lambda data: project_forms.FundApplicationForm(
            data, instance=FundApplication(fund=fund), user=user
        ),
        "fund call": lambda data: project_forms.FundCallForm(
            data, instance=FundCall(fund=fund)
        ),
        "association": lambda data: project_forms.AssociationForm(
            data,
            instance=Organisation(kind=Organisation.Kind.EXTERN, parent=fund.kommun),
        ),
        "fund decision": lambda data: project_forms.FundDecisionForm(
            data, application=first(FundApplication)
        ),
        "fund usage": lambda data: project_forms.FundUsageForm(
            data, instance=first(FundApplication)
        ),
        "programme": lambda data: project_forms.FundingProgrammeForm(
            data, instance=FundingProgramme(), user=user
        ),
    }


def forms_of_reports(user) -> dict[str, Callable]:
    kommun = Organisation.objects.kommuner().order_by("pk").first()
    report = first(AnnualReport)
    return {
        "new round": lambda data: report_forms.RoundOpenForm(data, kommun=kommun),
        "round": lambda data: report_forms.RoundUpdateForm(
            data, instance=first(FollowUpRound)
        ),
        "annual report": lambda data: report_forms.AnnualReportForm(
            data, instance=report
        ),
        "report activity": lambda data: report_forms.ReportActivityForm(
            data, instance=ReportActivity(report=report)
        ),
        "goal assessment": lambda data: report_forms.GoalAssessmentForm(
            data, instance=first(GoalAssessment)
        ),
        "return": lambda data: report_forms.ReturnForm(data),
        "kommun goal assessment": lambda data: report_forms.KommunGoalAssessmentForm(
            data,
            instance=KommunGoalAssessment(kommun=kommun, year=2024, goal=first(Goal)),
        ),
        "year-end memo": lambda data: year_end_forms.MemoForm(
            data, instance=YearEndReport(kommun=kommun, year=2024)
        ),
        "adoption": lambda data: year_end_forms.AdoptForm(data),
    }


@pytest.mark.parametrize(
    "forms_of",
    [
        forms_of_the_core,
        forms_of_strategies,
        forms_of_actions,
        forms_of_projects,
        forms_of_reports,
    ],
)
def test_every_form_refuses_or_stores_any_input_and_never_fails(user, forms_of):
    for name, make in forms_of(user).items():
        try:
            assert_takes_any_input(make)
        except Exception as error:
            error.add_note(f"In the form for {name}.")
            raise

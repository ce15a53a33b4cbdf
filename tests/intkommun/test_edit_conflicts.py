"""Two people editing the same object (intkommun/versioning.py), through every edit
page as a browser uses it: GET the page, post its form back.

One row per edit form. In each, a colleague saves field A while the form is open;
this user then posts the stale form with field B changed (both are kept, and the
next page says so), or with field A changed too (nothing is saved, the page names
the colleague and their value and keeps what was typed; saving again wins).
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic import UpdateView

from actions.forms import ActionForm, StatusTermForm
from actions.models import StatusTerm
from intkommun.forms import OrganisationForm
from intkommun.models import Membership
from intkommun.people.forms import PersonForm
from intkommun.versioning import VERSION_FIELD, VersionedFormMixin
from projects import services as project_services
from projects.forms import (
    FundAllocationForm,
    FundApplicationForm,
    FundCallForm,
    FundForm,
    FundingProgrammeForm,
    FundUsageForm,
    PartnerForm,
    PartnershipActivityForm,
    PartnershipForm,
    PartnershipFundingForm,
    PartnerTownForm,
    ProjectForm,
)
from projects.models import FundCall, FundingProgramme
from reports.forms import (
    AnnualReportForm,
    GoalAssessmentForm,
    KommunGoalAssessmentForm,
    ReportActivityForm,
    RoundUpdateForm,
)
from reports.models import KommunGoalAssessment, ReportActivity, YearEndReport
from reports.year_end.forms import MemoForm
from strategies import services as strategy_services
from strategies.forms import (
    DocumentTypeForm,
    FocusAreaForm,
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
    StrategyForm,
)
from strategies.models import DocumentType
from tests.actions.conftest import action_a  # noqa: F401
from tests.conftest import client_for
from tests.factories import member
from tests.html_forms import page_form
from tests.projects.conftest import (  # noqa: F401
    application_a,
    erasmus,
    fund,
    partnership_a,
    project_a,
    school_earmark,
)
from tests.reports.conftest import (  # noqa: F401
    _locmem_email,
    follow_up_round,
    goals,
    plan,
    report_a,
)
from tests.strategies.conftest import _media_in_tmp, strategy  # noqa: F401
from tests.strategy_factories import (
    FocusAreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

# The names imported from tests/<app>/conftest.py are those apps' fixtures, so that
# each row builds its object as the app's own tests do. (The action gets the
# follow-up's plan from tests/reports: an existing action's plan is fixed anyway.)
pytestmark = pytest.mark.django_db

PROJECT_APPS = ("intkommun", "strategies", "actions", "projects", "reports")
MERGED = "Medan du redigerade ändrade någon annan"
NOTHING_SAVED = "Inget har sparats: någon annan sparade ändringar i samma fält"
COLLEAGUE = "Karin Kollega"


# -- one row per edit form ---------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A field set to ``value`` (as stored), typed as ``typed`` and shown as
    ``shown`` (both default to the value as text)."""

    field: str
    value: Any
    typed: str = ""
    shown: str = ""

    @property
    def as_typed(self) -> str:
        return self.typed or str(self.value)

    @property
    def as_shown(self) -> str:
        return self.shown or str(self.value)


@dataclass(frozen=True)
class EditPage:
    form: type[forms.ModelForm]
    # The GET url, the POST url and the object the form edits, from the fixtures.
    make: Callable[[pytest.FixtureRequest], tuple[str, str, models.Model]]
    theirs: Change  # field A, saved by the colleague
    mine: Change  # field B, changed by this user
    clash: str  # what this user types into field A in a conflict
    prefix: str = ""
    # False where field A is not on the form (nothing to merge, nothing to say).
    announces_merge: bool = True
    # The field a conflict is shown in, if not field A (FundUsageForm has one field).
    clash_theirs: Change | None = None
    saves: bool = True  # False: a successful post renders a PDF (the KS memo)

    def name(self, field: str) -> str:
        return f"{self.prefix}-{field}" if self.prefix else field


def _fixture(request: pytest.FixtureRequest, name: str) -> Any:
    return request.getfixturevalue(name)


def _organisation(request):
    organisation = _fixture(request, "forvaltning_a")
    url = reverse("intkommun:organisation_update", args=[organisation.pk])
    return url, url, organisation


def _strategy_url(strategy_):
    url = reverse("strategies:update", args=[strategy_.pk])
    return url, url


def _strategy(request):
    strategy_ = _fixture(request, "strategy")
    return *_strategy_url(strategy_), strategy_


def _focus_area(request):
    strategy_ = _fixture(request, "strategy")
    area = FocusAreaFactory(strategy=strategy_, number=1, title="Nätverk")
    return *_strategy_url(strategy_), area


def _goal(request):
    strategy_ = _fixture(request, "strategy")
    return *_strategy_url(strategy_), strategy_.goals.order_by("order", "pk").first()


def _indicator(request):
    goal = _fixture(request, "strategy").goals.order_by("order", "pk").first()
    indicator = IndicatorFactory(goal=goal, name="Extern finansiering")
    url = reverse("strategies:indicator_update", args=[indicator.pk])
    return url, url, indicator


def _indicator_value(request):
    goal = _fixture(request, "strategy").goals.order_by("order", "pk").first()
    indicator = IndicatorFactory(goal=goal)
    value = IndicatorValueFactory(indicator=indicator, year=2017, comment="Start")
    url = reverse("strategies:indicator_values", args=[indicator.pk])
    return url, url, value


def _document_type(request):
    strategy_services.document_types_customise(kommun=_fixture(request, "kommun"))
    rules = DocumentType.objects.get(kommun=_fixture(request, "kommun"), name="Regler")
    url = reverse("strategies:document_type_update", args=[rules.pk])
    return url, url, rules


def _action(request):
    action = _fixture(request, "action_a")
    url = reverse("actions:update", args=[action.pk])
    return url, url, action


def _status_term(request):
    kommun = _fixture(request, "kommun")
    term = StatusTerm.objects.create(
        kommun=kommun, term="Klar", status="done", position=1
    )
    url = reverse("actions:status_scale", args=[kommun.pk])
    return url, url, term


def _project(request):
    project = _fixture(request, "project_a")
    url = reverse("projects:update", args=[project.pk])
    return url, url, project


def _partner(request):
    project = _fixture(request, "project_a")
    partner = project.partners.create(name="Radviliskio gimnazija", country="LT")
    url = reverse("projects:partners", args=[project.pk])
    return url, url, partner


def _partner_town(request):
    partnership = _fixture(request, "partnership_a")
    url = reverse("projects:partnership_update", args=[partnership.pk])
    return url, url, partnership.towns.get()


def _partnership_funding(request):
    partnership = _fixture(request, "partnership_a")
    funding = partnership.funding.create(year=2017, source="own", amount=1000)
    url = reverse("projects:partnership_update", args=[partnership.pk])
    return url, url, funding


def _partnership_activity(request):
    partnership = _fixture(request, "partnership_a")
    activity = partnership.activities.create(
        occurred_on=datetime.date(2017, 5, 2), kind="visit", purpose="Besök i Litauen"
    )
    url = reverse("projects:partnership_activity_update", args=[activity.pk])
    return url, url, activity


def _partnership(request):
    partnership = _fixture(request, "partnership_a")
    url = reverse("projects:partnership_update", args=[partnership.pk])
    return url, url, partnership


def _fund(request):
    fund_ = _fixture(request, "fund")
    url = reverse("projects:fund_update", args=[fund_.pk])
    return url, url, fund_


def _allocation(request):
    earmark = _fixture(request, "school_earmark")
    url = reverse("projects:allocation_update", args=[earmark.pk])
    return url, url, earmark


def _call(request):
    call = FundCall.objects.create(
        fund=_fixture(request, "fund"),
        title="Vårens utlysning",
        deadline=datetime.date(2017, 3, 31),
    )
    url = reverse("projects:call_update", args=[call.pk])
    return url, url, call


def _application(request):
    application = _fixture(request, "application_a")
    url = reverse("projects:application_update", args=[application.pk])
    return url, url, application


def _usage(request):
    application = _fixture(request, "application_a")
    project_services.fund_application_decide(
        application=application,
        granted_amount=Decimal("80000"),
        by=_fixture(request, "coordinator"),
    )
    application.refresh_from_db()
    post = reverse("projects:application_usage", args=[application.pk])
    return application.get_absolute_url(), post, application


def _programme(request):
    programme = FundingProgramme.objects.create(
        kommun=_fixture(request, "kommun"), code="EGEN", name_sv="Egen fond"
    )
    url = reverse("projects:programme_update", args=[programme.pk])
    return url, url, programme


def _round(request):
    follow_up_round_ = _fixture(request, "follow_up_round")
    url = reverse("reports:round_update", args=[follow_up_round_.pk])
    return url, url, follow_up_round_


def _report_urls(report):
    return (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_save", args=[report.pk]),
    )


def _report(request):
    report = _fixture(request, "report_a")
    return *_report_urls(report), report


def _activity(request):
    report = _fixture(request, "report_a")
    activity = ReportActivity.objects.create(
        report=report,
        activity_type="transnational_exchange",
        title="Elevutbyte med Radviliskis",
        participants=24,
        countries=["LT"],
    )
    return *_report_urls(report), activity


def _assessment(request):
    report = _fixture(request, "report_a")
    assessment = report.goal_assessments.order_by("position", "pk").first()
    return *_report_urls(report), assessment


def _kommun_assessment(request):
    kommun = _fixture(request, "kommun")
    goal = _fixture(request, "goals")[0]
    assessment = KommunGoalAssessment.objects.create(
        kommun=kommun, year=2017, goal=goal, assessment="partly", comment="Start"
    )
    url = reverse("reports:kommun_assessment", args=[kommun.pk, 2017])
    return url, url, assessment


def _memo(request):
    kommun = _fixture(request, "kommun")
    _fixture(request, "follow_up_round")
    memo = YearEndReport.objects.create(
        kommun=kommun, year=2017, summary="Ett år med många utbyten."
    )
    preview = reverse("reports:year_end_preview", args=[kommun.pk, 2017])
    generate = reverse("reports:year_end_generate", args=[kommun.pk, 2017])
    return preview, generate, memo


def _person(request):
    person = _fixture(request, "reporter_a")
    url = reverse("intkommun:person_update", args=[person.pk])
    return url, url, person


EDIT_PAGES = {
    "person": EditPage(
        PersonForm,
        _person,
        theirs=Change("last_name", "Lindqvist"),
        mine=Change("email", "rapportor.a@exempel.invalid"),
        clash="Lindström",
    ),
    "organisation": EditPage(
        OrganisationForm,
        _organisation,
        theirs=Change("name", "Bildningsförvaltningen"),
        mine=Change("short_name", "BUF"),
        clash="Utbildningsförvaltningen",
    ),
    "strategy": EditPage(
        StrategyForm,
        _strategy,
        theirs=Change("title", "Policy för internationella relationer"),
        mine=Change("diary_number", "KS2016.0999"),
        clash="Policy för internationellt samarbete",
    ),
    "focus area row": EditPage(
        FocusAreaForm,
        _focus_area,
        prefix="focus_areas-0",
        theirs=Change("title", "Nätverk och samarbeten"),
        mine=Change("description", "Kommunens nätverk i Europa."),
        clash="Europeiska nätverk",
    ),
    "goal row": EditPage(
        GoalForm,
        _goal,
        prefix="goals-0",
        theirs=Change("text", "Mer extern finansiering."),
        mine=Change("label", "a"),
        clash="Ökad extern finansiering till förvaltningarna.",
    ),
    "indicator": EditPage(
        IndicatorForm,
        _indicator,
        theirs=Change("name", "Beviljad extern finansiering"),
        mine=Change("unit", "tkr"),
        clash="Extern finansiering, beviljad",
    ),
    "indicator value row": EditPage(
        IndicatorValueForm,
        _indicator_value,
        prefix="values-0",
        theirs=Change("comment", "Två projekt beviljade"),
        mine=Change("value", Decimal("125000"), typed="125000"),
        clash="Ett projekt beviljat",
    ),
    "document type": EditPage(
        DocumentTypeForm,
        _document_type,
        theirs=Change("name", "Regler och rutiner"),
        mine=Change("order", 75, typed="75"),
        clash="Regelverk",
    ),
    "action": EditPage(
        ActionForm,
        _action,
        theirs=Change("title", "Genomföra Europaveckan i maj"),
        mine=Change("participants_text", "Vänortsgruppen"),
        clash="Genomföra Europaveckan i skolorna",
    ),
    "status term row": EditPage(
        StatusTermForm,
        _status_term,
        prefix="terms-0",
        theirs=Change("term", "Avklarad"),
        mine=Change("position", 5, typed="5"),
        clash="Färdig",
    ),
    "project": EditPage(
        ProjectForm,
        _project,
        theirs=Change("title", "Elevutbyte med Litauen"),
        mine=Change("acronym", "ELEVUT"),
        clash="Elevutbyte Skara-Radviliskis",
    ),
    "partner row": EditPage(
        PartnerForm,
        _partner,
        prefix="partners-0",
        theirs=Change("name", "Radviliskio Vaižganto gimnazija"),
        mine=Change("city", "Radviliskis"),
        clash="Gimnazija i Radviliskis",
    ),
    "partnership": EditPage(
        PartnershipForm,
        _partnership,
        theirs=Change("name", "Utbytet med Radviliskis"),
        mine=Change("decision", "KS 2015-03-02 § 45"),
        clash="Skolutbytet med Radviliskis",
    ),
    "partnership activity": EditPage(
        PartnershipActivityForm,
        _partnership_activity,
        theirs=Change("purpose", "Studiebesök i Radviliskis"),
        mine=Change("participants_text", "Lärare från Katedralskolan"),
        clash="Lärarbesök i Radviliskis",
    ),
    "partner town row": EditPage(
        PartnerTownForm,
        _partner_town,
        prefix="towns-0",
        theirs=Change("name", "Radviliškis"),
        mine=Change("country", "LV", shown="Lettland"),
        clash="Radvilišk",
    ),
    "partnership funding row": EditPage(
        PartnershipFundingForm,
        _partnership_funding,
        prefix="funding-0",
        theirs=Change("note", "KS beslut 2017"),
        mine=Change("source", "eu"),
        clash="Egen budget",
    ),
    "fund": EditPage(
        FundForm,
        _fund,
        theirs=Change("description", "Fonden för 2017."),
        mine=Change("decision", "KS 2016-12-12 § 201"),
        clash="Internationella fonden 2017.",
    ),
    "fund allocation": EditPage(
        FundAllocationForm,
        _allocation,
        theirs=Change("name", "Skolutbyten"),
        mine=Change("description", "För gymnasiets utbyten."),
        clash="Utbyten i skolan",
    ),
    "fund call": EditPage(
        FundCallForm,
        _call,
        theirs=Change("title", "Vårens första utlysning"),
        mine=Change("description", "För föreningar och förvaltningar."),
        clash="Vårutlysningen",
    ),
    "fund application": EditPage(
        FundApplicationForm,
        _application,
        theirs=Change("purpose", "Förstudie om ett Erasmus+-projekt"),
        mine=Change("amount_requested", Decimal("90000"), typed="90000"),
        clash="Medfinansiering av en förstudie",
    ),
    "fund usage": EditPage(
        FundUsageForm,
        _usage,
        theirs=Change("purpose", "Förstudie om ett Erasmus+-projekt"),
        mine=Change("amount_used", Decimal("79500"), typed="79500"),
        clash="75000",
        announces_merge=False,
        clash_theirs=Change(
            "amount_used", Decimal("70000"), shown="70\N{NO-BREAK SPACE}000"
        ),
    ),
    "funding programme": EditPage(
        FundingProgrammeForm,
        _programme,
        theirs=Change("name_sv", "Kommunens egen fond"),
        mine=Change("code", "EGNA"),
        clash="Egna fonden",
    ),
    "follow-up round": EditPage(
        RoundUpdateForm,
        _round,
        theirs=Change("instructions", "Redovisa före den 15 december."),
        mine=Change("deadline", datetime.date(2017, 12, 15), typed="2017-12-15"),
        clash="Redovisa senast i december.",
    ),
    "annual report": EditPage(
        AnnualReportForm,
        _report,
        prefix="report",
        theirs=Change("results", "Tjugo elever deltog."),
        mine=Change("needs", "Stöd att skriva ansökningar."),
        clash="Tjugofyra elever deltog.",
    ),
    "report activity row": EditPage(
        ReportActivityForm,
        _activity,
        prefix="activities-0",
        theirs=Change("title", "Elevutbyte i Radviliskis"),
        mine=Change("description", "En vecka i Litauen."),
        clash="Utbyte med Radviliskis",
    ),
    "goal assessment row": EditPage(
        GoalAssessmentForm,
        _assessment,
        prefix="goals-0",
        theirs=Change("comment", "Tre förvaltningar deltog."),
        mine=Change("assessment", "achieved"),
        clash="Två förvaltningar deltog.",
    ),
    "kommun goal assessment row": EditPage(
        KommunGoalAssessmentForm,
        _kommun_assessment,
        prefix="goals-0",
        theirs=Change("comment", "Alla förvaltningar deltog."),
        mine=Change("assessment", "achieved"),
        clash="De flesta förvaltningar deltog.",
    ),
    "KS memo": EditPage(
        MemoForm,
        _memo,
        theirs=Change("summary", "Ett år med fler utbyten än förut."),
        mine=Change("addressee", "Kommunfullmäktige"),
        clash="Ett år med många nya utbyten.",
        saves=False,
    ),
}
SAVING_PAGES = [name for name, page in EDIT_PAGES.items() if page.saves]


@pytest.fixture
def colleague(kommun):
    """The other person: a second coordinator of the kommun."""
    user = member(kommun, Membership.Role.COORDINATOR, "kollega")
    user.first_name, user.last_name = COLLEAGUE.split()
    user.save()
    return user


def edit_as(user: Any, obj: models.Model, change: Change) -> None:
    """``user`` saves ``change`` to ``obj``, as their own edit would."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    setattr(fresh, change.field, change.value)
    fresh._history_user = user
    fresh.save()


def stored(obj: models.Model, field: str) -> Any:
    return getattr(type(obj)._default_manager.get(pk=obj.pk), field)


def open_page(request, page: EditPage) -> tuple[Client, str, models.Model, dict]:
    get_url, post_url, obj = page.make(request)
    client = client_for(request.getfixturevalue("coordinator"))
    response = client.get(get_url)
    assert response.status_code == 200
    return client, post_url, obj, page_form(response, page.name(VERSION_FIELD))


# -- the tests ---------------------------------------------------------------------


@pytest.mark.parametrize("page_name", EDIT_PAGES)
def test_every_edit_page_carries_the_version(request, page_name):
    page = EDIT_PAGES[page_name]
    *_, form = open_page(request, page)
    assert form[page.name(VERSION_FIELD)][0]


@pytest.mark.parametrize("page_name", SAVING_PAGES)
def test_a_stale_form_keeps_the_other_persons_change(request, colleague, page_name):
    page = EDIT_PAGES[page_name]
    client, post_url, obj, form = open_page(request, page)
    edit_as(colleague, obj, page.theirs)

    form[page.name(page.mine.field)] = [page.mine.as_typed]
    response = client.post(post_url, form, follow=True)

    assert response.redirect_chain, response.content.decode()
    assert stored(obj, page.theirs.field) == page.theirs.value
    assert stored(obj, page.mine.field) == page.mine.value
    assert (MERGED in response.content.decode()) is page.announces_merge


@pytest.mark.parametrize("page_name", EDIT_PAGES)
def test_a_conflict_keeps_what_was_typed_and_names_who_changed_it(
    request, colleague, page_name
):
    page = EDIT_PAGES[page_name]
    theirs = page.clash_theirs or page.theirs
    client, post_url, obj, form = open_page(request, page)
    edit_as(colleague, obj, theirs)

    form[page.name(theirs.field)] = [page.clash]
    also_mine = page.mine.field != theirs.field
    if also_mine:
        form[page.name(page.mine.field)] = [page.mine.as_typed]
    response = client.post(post_url, form)

    assert response.status_code in {200, 400}
    assert stored(obj, theirs.field) == theirs.value
    assert not also_mine or stored(obj, page.mine.field) != page.mine.value
    html = response.content.decode()
    for expected in (NOTHING_SAVED, COLLEAGUE, theirs.as_shown):
        assert expected in html
    again = page_form(response, page.name(theirs.field))
    assert again[page.name(theirs.field)] == [page.clash]
    if page.saves:
        assert client.post(post_url, again).status_code == 302
        assert stored(obj, theirs.field) == type(theirs.value)(page.clash)
        assert not also_mine or stored(obj, page.mine.field) == page.mine.value


MERGING_PAGES = [
    name
    for name, page in EDIT_PAGES.items()
    if page.saves and page.announces_merge and page.clash_theirs is None
]


@pytest.mark.parametrize("page_name", MERGING_PAGES)
def test_saving_again_after_a_conflict_keeps_what_only_the_other_person_changed(
    request, colleague, page_name
):
    page = EDIT_PAGES[page_name]
    client, post_url, obj, form = open_page(request, page)
    edit_as(colleague, obj, page.theirs)
    edit_as(colleague, obj, page.mine)  # a field this user leaves as it was

    form[page.name(page.theirs.field)] = [page.clash]
    conflict = client.post(post_url, form)
    again = page_form(conflict, page.name(page.theirs.field))
    assert client.post(post_url, again).status_code == 302

    assert stored(obj, page.theirs.field) == type(page.theirs.value)(page.clash)
    assert stored(obj, page.mine.field) == page.mine.value


# -- every edit form is versioned, and every versioned form is in the table ----------

# ModelForms that only create: each says why it needs no version.
CREATE_ONLY = {
    "actions.forms.ActionUpdateForm": "adds a progress entry; it guards the action's "
    "status with the action's version itself",
    "projects.forms.AssociationForm": "only registers a new association",
}


def project_model_forms() -> set[type[forms.ModelForm]]:
    for app in apps.get_app_configs():
        if app.name not in PROJECT_APPS:
            continue
        for module in pkgutil.walk_packages(app.module.__path__, f"{app.name}."):
            if "forms" in module.name.rsplit(".", 1)[-1]:
                importlib.import_module(module.name)
    found, pending = set(), [forms.ModelForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_APPS:
                found.add(subclass)
    return found


def dotted(form_class: type) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def test_every_model_form_that_edits_is_versioned():
    unversioned = {
        dotted(form_class)
        for form_class in project_model_forms()
        if not issubclass(form_class, VersionedFormMixin)
    }
    assert unversioned == set(CREATE_ONLY)


def test_every_versioned_form_has_a_row_in_the_table():
    versioned = {
        dotted(form_class)
        for form_class in project_model_forms()
        if issubclass(form_class, VersionedFormMixin)
    }
    assert versioned == {dotted(page.form) for page in EDIT_PAGES.values()}


def update_views(patterns: list[URLPattern | URLResolver]) -> list[type[UpdateView]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += update_views(pattern.url_patterns)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, UpdateView):
            found.append(view_class)
    return found


def test_every_update_view_edits_through_a_versioned_form():
    # A view with ``fields = [...]`` would build an unversioned form of its own.
    views = update_views(get_resolver().url_patterns)
    assert len(views) >= 10
    unversioned = [
        view.__name__
        for view in views
        if not issubclass(view.form_class or object, VersionedFormMixin)
    ]
    assert unversioned == []


# -- a field that holds a list -------------------------------------------------------


def test_a_colleagues_new_country_is_kept_when_a_stale_row_is_saved(request, colleague):
    page = EDIT_PAGES["report activity row"]
    client, post_url, activity, form = open_page(request, page)
    edit_as(colleague, activity, Change("countries", ["LT", "DK"]))

    form[page.name("description")] = ["En vecka i Litauen."]
    response = client.post(post_url, form)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert sorted(country.code for country in activity.countries) == ["DK", "LT"]
    assert activity.description == "En vecka i Litauen."

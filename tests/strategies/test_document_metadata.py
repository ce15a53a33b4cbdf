"""What real documents carry besides their decision: a version, who prepared them,
and a vision above their purposes and goals (issue 15)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actions.services import match_goals
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_html
from strategies.exports import COLUMNS
from strategies.models import Goal, Indicator, Strategy
from tests.strategies.test_views import formset_data, policy_data
from tests.strategy_factories import GoalFactory, IndicatorFactory, StrategyFactory

pytestmark = pytest.mark.django_db

PREPARED_BY = "Kommunledningskontoret, internationell samordnare"
VISION = "Växjö kommun ska vara Europas Grönaste Stad."


def text_of(response) -> str:
    """The page's words, without tags, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# -- version and "Utarbetad av" ----------------------------------------------------


def test_version_and_preparer_are_saved_through_the_form_and_shown(
    coordinator_client,
):
    data = policy_data(version_text="Reviderad 2019-03-12", prepared_by=PREPARED_BY)
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 302
    strategy = Strategy.objects.get(diary_number="KS2016.0110")
    assert (strategy.version_text, strategy.prepared_by) == (
        "Reviderad 2019-03-12",
        PREPARED_BY,
    )
    page = text_of(coordinator_client.get(strategy.get_absolute_url()))
    assert "Version Reviderad 2019-03-12" in page
    assert f"Utarbetad av {PREPARED_BY}" in page


def test_the_form_labels_the_fields_in_swedish(coordinator_client):
    page = coordinator_client.get(reverse("strategies:create")).content.decode()
    assert re.search(r'for="id_version_text" class="form-label">\s*Version\s*<', page)
    assert re.search(r'for="id_prepared_by" class="form-label">\s*Utarbetad av', page)


def test_a_document_without_them_says_they_are_not_given(coordinator_client, strategy):
    page = text_of(coordinator_client.get(strategy.get_absolute_url()))
    assert "Version Inte angivet" in page
    assert "Utarbetad av Inte angivet" in page


@pytest.mark.parametrize(
    ("field", "limit"), [("version_text", 100), ("prepared_by", 300)]
)
def test_a_too_long_value_is_refused_in_swedish_and_nothing_is_saved(
    coordinator_client, field, limit
):
    data = policy_data(**{field: "x" * (limit + 1)})
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"Säkerställ att detta värde har som mest {limit} tecken (den har {limit + 1})."
    ]
    assert not Strategy.objects.filter(diary_number="KS2016.0110").exists()


def test_the_database_refuses_a_too_long_version_from_any_path(kommun):
    strategy = StrategyFactory(kommun=kommun)
    strategy.version_text = "x" * 101
    # SQLite checks the length constraint; PostgreSQL's varchar refuses it first.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        strategy.save()


def test_a_document_is_found_by_who_prepared_it(coordinator_client, kommun):
    found = StrategyFactory(kommun=kommun, prepared_by=PREPARED_BY)
    StrategyFactory(kommun=kommun)
    listing = coordinator_client.get(
        reverse("strategies:list"), {"q": "internationell samordnare"}
    )
    assert list(listing.context["object_list"]) == [found]


def exported_row(client) -> dict[str, object]:
    response = client.get(reverse("strategies:export"))
    header, row = load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(
        values_only=True
    )
    return dict(zip(header, row, strict=True))


def test_the_export_has_the_version_the_preparer_and_the_visions(
    coordinator_client, kommun
):
    strategy = StrategyFactory(
        kommun=kommun, version_text="1.0", prepared_by=PREPARED_BY
    )
    GoalFactory(strategy=strategy, kind=Goal.Kind.VISION, text=VISION)
    GoalFactory(strategy=strategy, kind=Goal.Kind.GOAL)
    row = exported_row(coordinator_client)
    assert (row["Version"], row["Utarbetad av"]) == ("1.0", PREPARED_BY)
    assert (row["Antal visioner"], row["Antal syften"], row["Antal mål"]) == (1, 0, 1)
    with translation.override("en"):
        headers = [str(column.header) for column in COLUMNS]
    assert headers.index("Version") == headers.index("Title") + 1
    assert headers.index("Prepared by") == headers.index("Document owner") + 1


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1.0", "Version 1.0"),
        ("Version 2", "Version 2"),
        ("Reviderad 2019-03-12", "Reviderad 2019-03-12"),
        ("", ""),
    ],
)
def test_a_bare_version_number_is_named_a_version(written, shown):
    with translation.override("sv"):
        assert Strategy(version_text=written).version_display == shown


def appendix(kommun, year: int) -> str:
    with translation.override("sv"):
        data = year_end_data(kommun, year)
        html = year_end_html(data, memo_for(None, data, None))
    return " ".join(html[html.index('id="s-appendix"') :].split())


def test_the_ks_appendix_prints_the_version_under_the_title(kommun):
    StrategyFactory(
        kommun=kommun,
        title="Internationell strategi",
        adopted_on=datetime.date(2016, 6, 20),
        version_text="2.1",
    )
    StrategyFactory(kommun=kommun, title="Vänortspolicy")
    html = appendix(kommun, 2017)
    assert (
        '<th scope="row">Internationell strategi<br>'
        '<span class="muted">Version 2.1</span>'
    ) in html
    assert '<th scope="row">Vänortspolicy</th>' in html


# -- vision --------------------------------------------------------------------------


@pytest.fixture
def vaxjo(kommun) -> Strategy:
    """Goals registered in the wrong order on purpose: goal, purpose, vision."""
    strategy = StrategyFactory(kommun=kommun, title="Internationell strategi")
    GoalFactory(strategy=strategy, order=1, text="Ökad extern finansiering.")
    GoalFactory(
        strategy=strategy,
        kind=Goal.Kind.PURPOSE,
        order=1,
        text="att bidra till hållbar utveckling",
    )
    GoalFactory(strategy=strategy, kind=Goal.Kind.VISION, order=1, text=VISION)
    return strategy


def test_goals_are_listed_vision_first_then_purposes_then_goals(vaxjo):
    assert [goal.kind for goal in vaxjo.goals.all()] == ["vision", "purpose", "goal"]
    assert [goal.kind for goal in Goal.objects.filter(strategy=vaxjo)] == [
        "vision",
        "purpose",
        "goal",
    ]


def test_within_a_kind_the_documents_order_still_holds(kommun):
    strategy = StrategyFactory(kommun=kommun)
    second = GoalFactory(strategy=strategy, order=2, text="Andra målet")
    first = GoalFactory(strategy=strategy, order=1, text="Första målet")
    assert list(strategy.goals.all()) == [first, second]


def test_indicators_follow_the_order_of_their_goals(vaxjo):
    goal, purpose, vision = vaxjo.goals.order_by("pk")
    made = [IndicatorFactory(goal=goal_) for goal_ in (goal, purpose, vision)]
    assert list(Indicator.objects.filter(goal__strategy=vaxjo)) == made[::-1]


def test_the_detail_page_shows_the_vision_under_its_own_heading_first(
    coordinator_client, vaxjo
):
    response = coordinator_client.get(vaxjo.get_absolute_url())
    assert [g.text for g in response.context["visions"]] == [VISION]
    assert VISION not in [g.text for g in response.context["goals"]]
    page = response.content.decode()
    assert '<h2 id="vision-heading" class="h4">Vision</h2>' in page
    assert (
        page.index(VISION)
        < page.index("att bidra till hållbar utveckling")
        < page.index("Ökad extern finansiering.")
    )


def test_an_action_plan_lists_its_strategys_goals_by_kind_with_headings(
    coordinator_client, kommun, vaxjo
):
    plan = StrategyFactory(kommun=kommun, title="Handlingsplan", parent=vaxjo)
    page = text_of(coordinator_client.get(plan.get_absolute_url()))
    section = page[page.index("Syften och mål i Internationell strategi") :]
    assert section.index("Vision 1. " + VISION) < section.index(
        "Syfte 1. att bidra till hållbar utveckling"
    )
    assert section.index("Syfte 1.") < section.index("Mål 1. Ökad extern finansiering.")


def test_the_goal_form_offers_a_vision(coordinator_client, vaxjo):
    response = coordinator_client.get(reverse("strategies:update", args=[vaxjo.pk]))
    goal_form = response.context["formsets"][1].forms[0]
    assert list(goal_form.fields["kind"].choices) == [
        ("vision", "vision"),
        ("purpose", "syfte"),
        ("goal", "mål"),
    ]
    assert goal_form.instance.kind == Goal.Kind.VISION


def test_a_vision_is_saved_through_the_form(coordinator_client):
    data = policy_data(
        **formset_data(
            "goals",
            [
                {"kind": "goal", "order": "1", "text": "Ökad extern finansiering."},
                {"kind": "vision", "order": "1", "text": VISION},
            ],
        )
    )
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 302
    strategy = Strategy.objects.get(diary_number="KS2016.0110")
    assert [(g.kind, g.text) for g in strategy.goals.all()] == [
        ("vision", VISION),
        ("goal", "Ökad extern finansiering."),
    ]


def test_a_mal_cell_names_the_goal_not_a_vision_or_purpose_with_the_same_label(
    kommun,
):
    strategy = StrategyFactory(kommun=kommun)
    vision = GoalFactory(
        strategy=strategy, kind=Goal.Kind.VISION, label="1", text="Europas grönaste"
    )
    purpose = GoalFactory(strategy=strategy, kind=Goal.Kind.PURPOSE, label="1")
    goal = GoalFactory(strategy=strategy, kind=Goal.Kind.GOAL, label="1")
    assert list(strategy.goals.all()) == [vision, purpose, goal]
    assert match_goals("Mål 1", list(strategy.goals.all())) == [goal]
    assert match_goals("europas grönaste", list(strategy.goals.all())) == [vision]

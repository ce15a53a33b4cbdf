"""Derived status, review, invariants and inheritance of governing documents."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategies.models import Strategy
from tests.strategy_factories import (
    FocusAreaFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)
Status = Strategy.Status


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def annotated_status(strategy: Strategy) -> str:
    return Strategy.objects.with_status(TODAY).get(pk=strategy.pk).annotated_status


def assert_status(strategy: Strategy, expected: str) -> None:
    # The Python rule and the database rule must agree.
    assert strategy.status_on(TODAY) == expected
    assert annotated_status(strategy) == expected


# -- derived status -----------------------------------------------------------


def test_document_without_adoption_date_is_a_draft(kommun):
    assert_status(StrategyFactory(kommun=kommun, adopted_on=None), Status.DRAFT)


def test_document_adopted_in_the_future_is_a_draft(kommun):
    assert_status(StrategyFactory(kommun=kommun, adopted_on=day(1)), Status.DRAFT)


def test_adopted_document_without_end_date_is_in_force(kommun):
    assert_status(StrategyFactory(kommun=kommun, adopted_on=day(-1)), Status.IN_FORCE)


def test_document_adopted_today_is_in_force(kommun):
    assert_status(StrategyFactory(kommun=kommun, adopted_on=TODAY), Status.IN_FORCE)


def test_document_adopted_with_unknown_date_is_in_force(kommun):
    strategy = StrategyFactory(
        kommun=kommun, adopted_on=None, adoption_date_unknown=True
    )
    assert_status(strategy, Status.IN_FORCE)


def test_adopted_document_valid_from_a_later_date_is_not_yet_in_force(kommun):
    strategy = StrategyFactory(kommun=kommun, adopted_on=day(-10), valid_from=day(5))
    assert_status(strategy, Status.UPCOMING)


def test_document_past_its_last_valid_day_has_expired(kommun):
    strategy = StrategyFactory(
        kommun=kommun, adopted_on=day(-400), valid_from=day(-365), valid_until=day(-1)
    )
    assert_status(strategy, Status.EXPIRED)


def test_document_is_in_force_on_its_last_valid_day(kommun):
    strategy = StrategyFactory(kommun=kommun, adopted_on=day(-400), valid_until=TODAY)
    assert_status(strategy, Status.IN_FORCE)


def test_document_replaced_by_an_adopted_successor_is_replaced(kommun):
    old = StrategyFactory(kommun=kommun, adopted_on=datetime.date(2009, 8, 25))
    StrategyFactory(kommun=kommun, adopted_on=datetime.date(2013, 10, 15), replaces=old)
    assert_status(old, Status.REPLACED)


def test_replaced_wins_over_expired(kommun):
    old = StrategyFactory(kommun=kommun, adopted_on=day(-900), valid_until=day(-30))
    StrategyFactory(kommun=kommun, adopted_on=day(-40), replaces=old)
    assert_status(old, Status.REPLACED)


def test_document_stays_in_force_while_its_successor_is_a_draft(kommun):
    old = StrategyFactory(kommun=kommun, adopted_on=day(-900))
    StrategyFactory(kommun=kommun, adopted_on=None, replaces=old)
    assert_status(old, Status.IN_FORCE)


def test_document_stays_in_force_until_its_successor_starts_to_apply(kommun):
    old = StrategyFactory(kommun=kommun, adopted_on=day(-900))
    StrategyFactory(
        kommun=kommun, adopted_on=day(-10), valid_from=day(20), replaces=old
    )
    assert_status(old, Status.IN_FORCE)


def test_in_force_lists_only_documents_in_force(kommun):
    in_force = StrategyFactory(kommun=kommun, adopted_on=day(-1))
    StrategyFactory(kommun=kommun, adopted_on=None)
    StrategyFactory(kommun=kommun, adopted_on=day(-400), valid_until=day(-1))
    assert list(Strategy.objects.in_force(TODAY)) == [in_force]


# -- review -------------------------------------------------------------------


def due_titles() -> set[str]:
    return set(Strategy.objects.due_for_review(TODAY).values_list("title", flat=True))


def test_document_whose_review_date_has_passed_is_due_for_review(kommun):
    strategy = StrategyFactory(kommun=kommun, title="Passerad", next_review_on=day(-1))
    assert due_titles() == {"Passerad"}
    assert strategy.review_reason_on(TODAY) == Strategy.ReviewReason.REVIEW_PASSED


def test_document_with_review_within_90_days_is_due_for_review(kommun):
    strategy = StrategyFactory(kommun=kommun, title="Snart", next_review_on=day(90))
    assert due_titles() == {"Snart"}
    assert strategy.review_reason_on(TODAY) == Strategy.ReviewReason.REVIEW_SOON


def test_document_with_review_in_91_days_is_not_yet_due(kommun):
    strategy = StrategyFactory(kommun=kommun, next_review_on=day(91))
    assert due_titles() == set()
    assert strategy.review_reason_on(TODAY) is None


def test_expired_document_without_successor_is_due_for_review(kommun):
    strategy = StrategyFactory(
        kommun=kommun, title="Utgången", adopted_on=day(-900), valid_until=day(-1)
    )
    assert due_titles() == {"Utgången"}
    assert (
        strategy.review_reason_on(TODAY)
        == Strategy.ReviewReason.EXPIRED_WITHOUT_SUCCESSOR
    )


def test_expired_document_with_a_successor_in_preparation_is_not_due(kommun):
    old = StrategyFactory(kommun=kommun, adopted_on=day(-900), valid_until=day(-1))
    StrategyFactory(kommun=kommun, title="Ny version", adopted_on=None, replaces=old)
    assert due_titles() == set()


def test_drafts_and_replaced_documents_are_never_due_for_review(kommun):
    StrategyFactory(kommun=kommun, adopted_on=None, next_review_on=day(-5))
    old = StrategyFactory(kommun=kommun, adopted_on=day(-900), next_review_on=day(-5))
    StrategyFactory(kommun=kommun, title="Efterträdare", replaces=old)
    assert due_titles() == set()


def test_is_due_for_review_uses_todays_date(kommun):
    import django.utils.timezone as timezone

    soon = timezone.localdate() + datetime.timedelta(days=10)
    assert StrategyFactory(kommun=kommun, next_review_on=soon).is_due_for_review
    later = timezone.localdate() + datetime.timedelta(days=200)
    assert not StrategyFactory(kommun=kommun, next_review_on=later).is_due_for_review


# -- invariants -------------------------------------------------------------------


def test_valid_until_before_valid_from_is_an_error_on_valid_until(kommun):
    strategy = StrategyFactory.build(
        kommun=kommun,
        valid_from=datetime.date(2017, 1, 1),
        valid_until=datetime.date(2016, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert list(error.value.message_dict) == ["valid_until"]


def test_database_refuses_valid_until_before_valid_from(kommun):
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyFactory(
            kommun=kommun,
            valid_from=datetime.date(2017, 1, 1),
            valid_until=datetime.date(2016, 1, 1),
        )


def test_database_refuses_a_known_and_an_unknown_adoption_date(kommun):
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyFactory(kommun=kommun, adoption_date_unknown=True)


def test_decision_maker_must_belong_to_the_same_kommun(kommun, other_kommun):
    strategy = StrategyFactory.build(kommun=kommun, adopted_by=other_kommun)
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "adopted_by" in error.value.message_dict


def test_decision_maker_is_chosen_or_written_not_both(kommun):
    strategy = StrategyFactory.build(
        kommun=kommun, adopted_by=kommun, adopted_by_text="Förvaltningschef"
    )
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "adopted_by_text" in error.value.message_dict


def test_document_cannot_replace_a_document_of_another_kommun(kommun, other_kommun):
    foreign = StrategyFactory(kommun=other_kommun)
    strategy = StrategyFactory.build(kommun=kommun, replaces=foreign)
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "replaces" in error.value.message_dict


def test_versions_cannot_replace_each_other_in_a_circle(kommun):
    first = StrategyFactory(kommun=kommun)
    second = StrategyFactory(kommun=kommun, replaces=first)
    first.replaces = second
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "replaces" in error.value.message_dict


def test_plan_cannot_implement_itself(kommun):
    strategy = StrategyFactory(kommun=kommun)
    strategy.parent = strategy
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "parent" in error.value.message_dict


def test_goal_may_be_part_of_a_goal_of_the_implemented_strategy(kommun):
    parent_goal = GoalFactory(strategy=StrategyFactory(kommun=kommun))
    plan = StrategyFactory(kommun=kommun, parent=parent_goal.strategy)
    GoalFactory.build(strategy=plan, parent=parent_goal).full_clean()


def test_goal_cannot_be_part_of_a_goal_of_an_unrelated_document(kommun):
    unrelated = GoalFactory(strategy=StrategyFactory(kommun=kommun))
    goal = GoalFactory.build(strategy=StrategyFactory(kommun=kommun), parent=unrelated)
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert "parent" in error.value.message_dict


def test_goal_cannot_point_at_a_focus_area_of_an_unrelated_document(kommun):
    area = FocusAreaFactory(strategy=StrategyFactory(kommun=kommun))
    goal = GoalFactory.build(strategy=StrategyFactory(kommun=kommun), focus_area=area)
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert "focus_area" in error.value.message_dict


# -- focus areas of an action plan ------------------------------------------------


def test_action_plan_without_areas_uses_the_areas_of_its_strategy(kommun):
    strategy = StrategyFactory(kommun=kommun)
    areas = [FocusAreaFactory(strategy=strategy, number=n) for n in (1, 2, 3)]
    plan = StrategyFactory(kommun=kommun, parent=strategy)
    assert plan.focus_areas_in_use() == (strategy, areas)


def test_action_plan_with_areas_of_its_own_uses_them(kommun):
    strategy = StrategyFactory(kommun=kommun)
    FocusAreaFactory(strategy=strategy)
    plan = StrategyFactory(kommun=kommun, parent=strategy)
    own = FocusAreaFactory(strategy=plan)
    assert plan.focus_areas_in_use() == (plan, [own])


# -- indicators -----------------------------------------------------------------------


def test_indicator_where_higher_is_better_reaches_target_at_or_above_it(kommun):
    indicator = IndicatorFactory(target_value=500000, target_year=2025)
    IndicatorValueFactory(indicator=indicator, year=2024, value=500000)
    assert indicator.is_target_met is True


def test_indicator_where_lower_is_better_reaches_target_at_or_below_it(kommun):
    indicator = IndicatorFactory(direction="lower", target_value=10, target_year=2025)
    IndicatorValueFactory(indicator=indicator, year=2024, value=11)
    assert indicator.is_target_met is False


def test_latest_value_is_the_value_of_the_latest_year(kommun):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, year=2019, value=3)
    IndicatorValueFactory(indicator=indicator, year=2017, value=1)
    assert indicator.latest_value.year == 2019


def test_indicator_target_needs_both_value_and_year(kommun):
    indicator = IndicatorFactory.build(
        goal=GoalFactory(), target_value=100, target_year=None
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "target_year" in error.value.message_dict


def test_database_keeps_one_indicator_value_per_year(kommun):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, year=2018)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(indicator=indicator, year=2018)

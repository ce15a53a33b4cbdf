"""Factories for governing documents, their goals and indicators."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from strategies.models import (
    DocumentType,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Strategy,
)
from tests.factories import KommunFactory


def default_type(name: str) -> DocumentType:
    """One of the seven default types the data migration creates."""
    return DocumentType.objects.defaults().get(name=name)


class StrategyFactory(factory.django.DjangoModelFactory):
    """An adopted policy, in force until further notice."""

    class Meta:
        model = Strategy
        skip_postgeneration_save = True

    kommun = factory.SubFactory(KommunFactory)
    document_type = factory.LazyFunction(lambda: default_type("Policy"))
    title = factory.Sequence(lambda n: f"Policy för internationellt arbete {n}")
    adopted_on = datetime.date(2016, 6, 20)
    paragraph = "§ 96"
    diary_number = factory.Sequence(lambda n: f"KS2016.{n:04d}")


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Prioriterat område {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    strategy = factory.SubFactory(StrategyFactory)
    kind = Goal.Kind.GOAL
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Ökad extern finansiering {n}.")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Extern finansiering beviljad {n}")
    unit = "kr"
    direction = Indicator.Direction.HIGHER


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.Sequence(lambda n: 2017 + n)
    value = Decimal("100000")

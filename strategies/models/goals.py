"""What a governing document sets out: focus areas, purposes and goals, indicators."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.formatting import numbered_label
from intkommun.limits import (
    MEDIUM_TEXT_LENGTH,
    TEXT_LENGTH,
    bounded_text,
    length_constraints,
)
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.removal import Removable, live_manager
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from strategies.models.documents import MAX_YEAR, MIN_YEAR, Strategy


def focus_area_name(number: int, title: str) -> str:
    """A focus area as lists and choices name it (its ``str``)."""
    return f"{number}. {title}"


def goal_name(label: str, text: str) -> str:
    """A goal as lists and choices name it (its ``str``): the label and the
    text, cut at 80 characters."""
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"{numbered_label(label)} {text}" if label else text


class FocusArea(models.Model):
    """A numbered area of a strategy (prioriterat område, or Växjö's "strategier")."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("governing document"),
        on_delete=models.CASCADE,
        related_name="focus_areas",
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1)]
    )
    title = models.CharField(_("title"), max_length=300)
    description = bounded_text(_("description"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    access = Access(kommun="strategy__kommun")

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        # No unique (strategy, number) in the database: renumbering two areas in
        # one form would trip it half-way. The form set checks it instead.
        ordering = ["strategy", "number", "pk"]
        constraints = [
            *length_constraints("focus_area", description=TEXT_LENGTH),
        ]

    def __str__(self) -> str:
        return focus_area_name(self.number, self.title)

    def get_absolute_url(self) -> str:
        return f"{self.strategy.get_absolute_url()}#focus-area-{self.pk}"


class GoalKind(models.TextChoices):
    """From the top level down: the order every list of goals follows."""

    VISION = "vision", _("vision")
    PURPOSE = "purpose", _("purpose")
    GOAL = "goal", _("goal")


# The stored codes sort alphabetically ("goal" before "purpose"), so lists order by
# this rank instead: vision, purpose, goal; a kind added later goes last. A lookup,
# not ``When(kind=…)``: Django cannot prefix a Q when another model orders by
# "goal" (Indicator) and so follows this ordering.
KIND_RANK = Case(
    *(
        When(Exact(F("kind"), kind), then=Value(rank))
        for rank, kind in enumerate(GoalKind.values)
    ),
    default=Value(len(GoalKind.values)),
    output_field=models.PositiveSmallIntegerField(),
)


class Goal(Removable):
    """A vision, a purpose (syfte) or a goal (mål, målsättning) of a governing
    document."""

    Kind = GoalKind

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("governing document"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.GOAL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(
        _("label"),
        max_length=10,
        blank=True,
        help_text=_("As the document numbers it, for example “a” or “2.1”."),
    )
    text = bounded_text(_("text"), max_length=MEDIUM_TEXT_LENGTH)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("A goal of this document, or of the document it implements."),
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("text")

    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = live_manager(ScopedQuerySet)
    access = Access(kommun="strategy__kommun", public_through="strategy")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["strategy", KIND_RANK.asc(), "order", "pk"]
        constraints = [
            *length_constraints("goal", text=MEDIUM_TEXT_LENGTH),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="goal_not_part_of_itself",
                violation_error_message=_("A goal cannot be part of itself."),
            ),
        ]

    def __str__(self) -> str:
        return goal_name(self.label, self.text)

    def get_absolute_url(self) -> str:
        return f"{self.strategy.get_absolute_url()}#goal-{self.pk}"

    def clean(self) -> None:
        super().clean()
        if not self.strategy_id:
            return
        allowed = {s.pk for s in self.strategy.related_strategies()}
        errors = {}
        if self.parent_id and self.parent.strategy_id not in allowed:
            errors["parent"] = _(
                "Choose a goal of this document or of the document it implements."
            )
        elif self.parent_id and self.pk and self._parent_chain_reaches_self():
            errors["parent"] = _(
                "A goal cannot be part of itself or of its own sub-goals."
            )
        if self.focus_area_id and self.focus_area.strategy_id not in allowed:
            errors["focus_area"] = _(
                "Choose a focus area of this document or of the document it implements."
            )
        if errors:
            raise ValidationError(errors)

    def _parent_chain_reaches_self(self) -> bool:
        node, seen = self.parent, set()
        while node is not None and node.pk not in seen:
            if node.pk == self.pk:
                return True
            seen.add(node.pk)
            node = node.parent
        return False


class Indicator(models.Model):
    """Measures a goal: what is counted, in which unit, and where it should end up."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        help_text=_("For example “kr”, “st” or “%”."),
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER,
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    description = bounded_text(
        _("description"),
        blank=True,
        help_text=_("How the value is measured and where it comes from."),
    )

    history = HistoricalRecords()
    objects = live_manager(ScopedQuerySet, removed_with="goal")
    access = Access(kommun="goal__strategy__kommun")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "name", "pk"]
        constraints = [
            *length_constraints("indicator", description=TEXT_LENGTH),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True, target_year__isnull=True)
                | Q(target_value__isnull=False, target_year__isnull=False),
                name="indicator_target_has_value_and_year",
                violation_error_message=_("A target needs both a value and a year."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategies:indicator_detail", args=[self.pk])

    @property
    def strategy(self) -> Strategy:
        return self.goal.strategy

    def clean(self) -> None:
        super().clean()
        if (self.target_value is None) != (self.target_year is None):
            field = "target_year" if self.target_year is None else "target_value"
            raise ValidationError({field: _("A target needs both a value and a year.")})

    def ordered_values(self) -> list[IndicatorValue]:
        return sorted(self.values.all(), key=lambda value: value.year)

    @property
    def latest_value(self) -> IndicatorValue | None:
        values = self.ordered_values()
        return values[-1] if values else None

    def meets_target(self, value: Decimal) -> bool | None:
        if self.target_value is None:
            return None
        if self.direction == self.Direction.HIGHER:
            return value >= self.target_value
        return value <= self.target_value

    @property
    def is_target_met(self) -> bool | None:
        latest = self.latest_value
        return None if latest is None else self.meets_target(latest.value)


class IndicatorValue(models.Model):
    """The outcome of an indicator for one year."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = live_manager(ScopedQuerySet, removed_with="indicator__goal")
    access = Access(kommun="indicator__goal__strategy__kommun")

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_value_one_per_year",
                violation_error_message=_("There is already a value for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    @property
    def reaches_target(self) -> bool | None:
        return self.indicator.meets_target(self.value)

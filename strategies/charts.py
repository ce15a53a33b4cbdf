"""Geometry of a small trend chart, drawn as inline SVG by a template.

Pure: yearly values in, coordinates and tick labels out. No database, no HTML, so
the same chart can be drawn on a page and in the PDF report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from intkommun.formatting import format_number

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 16, 36
TARGET_TICKS = 4


@dataclass(frozen=True)
class ChartPoint:
    year: int
    value: Decimal
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class AxisTick:
    position: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[ChartPoint, ...]
    y_ticks: tuple[AxisTick, ...]
    target_y: float | None
    target_label: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def first_year(self) -> int:
        return self.points[0].year

    @property
    def last_year(self) -> int:
        return self.points[-1].year

    @property
    def tick_label_x(self) -> float:
        return self.left - 8

    @property
    def year_label_y(self) -> float:
        return self.bottom + 20

    @property
    def target_label_y(self) -> float | None:
        return None if self.target_y is None else self.target_y - 6


def nice_step(span: float, ticks: int = TARGET_TICKS) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` steps."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _axis_range(numbers: Sequence[float]) -> tuple[float, float, float]:
    low, high = min(min(numbers), 0.0), max(max(numbers), 0.0)
    if low == high:
        high = low + 1
    step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _decimals(step: float) -> int:
    return 0 if step >= 1 else min(2, -math.floor(math.log10(step)))


def trend_chart(
    values: Sequence[tuple[int, Decimal]],
    target: Decimal | None = None,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> TrendChart | None:
    """The chart for yearly ``(year, value)`` pairs; None when there is nothing to draw."""
    if not values:
        return None
    ordered = sorted(values, key=lambda pair: pair[0])
    numbers = [float(value) for _, value in ordered]
    if target is not None:
        numbers.append(float(target))
    low, high, step = _axis_range(numbers)
    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    decimals = _decimals(step)

    def y_of(number: float) -> float:
        return bottom - (number - low) / (high - low) * (bottom - top)

    def x_of(index: int) -> float:
        if len(ordered) == 1:
            return (left + right) / 2
        return left + index * (right - left) / (len(ordered) - 1)

    points = tuple(
        ChartPoint(
            year=year,
            value=value,
            x=x_of(index),
            y=y_of(float(value)),
            label=format_number(value, _value_decimals(value)),
        )
        for index, (year, value) in enumerate(ordered)
    )
    tick_count = round((high - low) / step)
    y_ticks = tuple(
        AxisTick(
            position=y_of(low + i * step), label=format_number(low + i * step, decimals)
        )
        for i in range(tick_count + 1)
    )
    return TrendChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        y_ticks=y_ticks,
        target_y=None if target is None else y_of(float(target)),
        target_label=""
        if target is None
        else format_number(target, _value_decimals(target)),
    )


def _value_decimals(value: Decimal) -> int:
    return 0 if value == value.to_integral_value() else 2

"""Geometry of a simple bar chart, drawn as inline SVG by the KS report template.

Pure: labelled values in, bar rectangles, value labels and a text alternative out.
No database and no HTML, so the chart reads the same in the browser and the PDF,
and a screen reader gets the same figures as words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 300, 170
TOP, BOTTOM, SIDE = 22, 28, 12
GAP = 0.35  # share of each slot left empty between bars
VALUE_FONT_SIZE = 9
CHARACTER_WIDTH = 0.62  # of the font size: DejaVu Sans digits and spaces


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]

    @property
    def value_font_size(self) -> float:
        """Small enough that the longest value label fits its bar's slot, so that
        neighbouring labels never run into each other."""
        if not self.bars:
            return VALUE_FONT_SIZE
        slot = (self.width - 2 * SIDE) / len(self.bars)
        longest = max(len(bar.value_label) for bar in self.bars)
        fitting = slot * 0.95 / (CHARACTER_WIDTH * max(longest, 1))
        return round(min(VALUE_FONT_SIZE, fitting), 1)

    @property
    def description(self) -> str:
        """The text alternative: every bar's label and value, in words."""
        values = "; ".join(f"{bar.label}: {bar.value_label}" for bar in self.bars)
        return f"{self.title}. {values}." if values else f"{self.title}."


def bar_chart(
    title: str,
    items: Sequence[tuple[str, Decimal | int]],
    value_labels: Sequence[str] | None = None,
) -> BarChart:
    """Bars scaled to the largest value; zero and negative values draw no bar."""
    value_labels = value_labels or [str(value) for _, value in items]
    largest = max((Decimal(value) for _, value in items), default=Decimal(0))
    baseline = HEIGHT - BOTTOM
    slot = (WIDTH - 2 * SIDE) / max(len(items), 1)
    width = slot * (1 - GAP)
    bars = []
    for index, ((label, value), value_label) in enumerate(
        zip(items, value_labels, strict=True)
    ):
        share = Decimal(value) / largest if largest > 0 and value > 0 else Decimal(0)
        height = float(share) * (baseline - TOP)
        x = SIDE + index * slot + (slot - width) / 2
        bars.append(Bar(label, value_label, x, baseline - height, width, height))
    return BarChart(title, WIDTH, HEIGHT, baseline, tuple(bars))

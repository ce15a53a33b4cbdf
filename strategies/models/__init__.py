"""Governing documents (styrdokument), their focus areas, goals and indicators."""

from strategies.models.documents import (
    REVIEW_WARNING_DAYS,
    DocumentType,
    Strategy,
    StrategyQuerySet,
)
from strategies.models.goals import FocusArea, Goal, Indicator, IndicatorValue

__all__ = [
    "REVIEW_WARNING_DAYS",
    "DocumentType",
    "FocusArea",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "Strategy",
    "StrategyQuerySet",
]

"""Money fields and the arithmetic shared by projects, partnerships and the fund."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
# SQLite keeps decimals as binary floats, so a sum of amounts with öre can land a
# hair above the exact total. Half an öre of slack in the database checks keeps them
# from refusing what clean() accepted with exact Decimals, and still catches every
# real excess, which is at least one öre.
SLACK = Decimal("0.005")


class Currency(models.TextChoices):
    SEK = "SEK", _("Swedish kronor (SEK)")
    EUR = "EUR", _("Euro (EUR)")


def not_negative() -> list[MinValueValidator]:
    return [MinValueValidator(Decimal(0), message=_("The amount cannot be negative."))]


def amount_field(verbose_name, help_text="", **kwargs) -> models.DecimalField:
    """An optional amount of money that cannot be negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative(),
        help_text=help_text,
        **kwargs,
    )


def not_negative_q(*names: str) -> Q:
    condition = Q()
    for name in names:
        condition &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0})
    return condition


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)

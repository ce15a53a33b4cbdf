"""Funding programmes: reference data shared by every kommun, plus their own rows."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.limits import SHORT_TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet


class FundingProgrammeQuerySet(ScopedQuerySet):
    def defaults(self) -> FundingProgrammeQuerySet:
        return self.filter(kommun__isnull=True)

    def visible_to(self, user: Any) -> FundingProgrammeQuerySet:
        """A kommun's own programmes as usual, plus the shared list everyone has."""
        own = super().visible_to(user)
        if not user.is_authenticated or not user.is_active:
            return own
        return own | self.defaults()

    def available_to_kommuner(self, kommun_ids: Any) -> FundingProgrammeQuerySet:
        """What a project of these kommuner may be funded by."""
        return self.filter(Q(kommun__isnull=True) | Q(kommun__in=kommun_ids))


class FundingProgramme(models.Model):
    """An EU programme (or another source of money) that projects are funded by.

    Rows without a kommun are the shared list loaded from reference data; a
    coordinator adds the kommun's own rows (a regional fund, a foundation …).
    """

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        limit_choices_to={"kind__in": Organisation.TOP_KINDS},
        related_name="funding_programmes",
        help_text=_("Empty for the shared programmes that every municipality has."),
    )
    code = models.CharField(_("code"), max_length=40)
    name_sv = models.CharField(_("Swedish name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    managing_authority = bounded_text(
        _("managing or national authority in Sweden"),
        blank=True,
        max_length=SHORT_TEXT_LENGTH,
    )
    period = models.CharField(
        _("programme period"),
        max_length=80,
        blank=True,
        help_text=_("For example 2021-2027."),
    )
    typical_cofinancing_rate = bounded_text(
        _("typical funding rate"),
        blank=True,
        help_text=_("As a source states it; empty where no source states it."),
        max_length=SHORT_TEXT_LENGTH,
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Programmes no longer in use cannot be chosen for new projects."),
    )

    history = HistoricalRecords()
    objects = FundingProgrammeQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name_sv", "pk"]
        constraints = [
            *length_constraints(
                "programme",
                managing_authority=SHORT_TEXT_LENGTH,
                typical_cofinancing_rate=SHORT_TEXT_LENGTH,
            ),
            models.UniqueConstraint(
                fields=["kommun", "code"],
                name="funding_programme_unique_code_in_kommun",
                violation_error_message=_(
                    "There is already a programme with this code."
                ),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(kommun__isnull=True),
                name="funding_programme_unique_default_code",
                violation_error_message=_(
                    "There is already a programme with this code."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name_sv

    def get_absolute_url(self) -> str:
        return f"{reverse('projects:programme_list')}#programme-{self.pk}"

    @property
    def name(self) -> str:
        """The name the product shows: the Swedish one."""
        return self.name_sv

    @property
    def is_default(self) -> bool:
        return self.kommun_id is None

    def clean(self) -> None:
        super().clean()
        if self.kommun_id and self.code:
            shared = FundingProgramme.objects.defaults().filter(code__iexact=self.code)
            if shared.exists():
                raise ValidationError(
                    {"code": _("There is already a programme with this code.")}
                )

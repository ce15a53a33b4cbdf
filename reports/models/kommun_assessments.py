"""The kommun's own assessment of its goals for a year, beside the organisations'."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.limits import TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet
from reports.models.annual_reports import Assessment
from reports.models.rounds import FIRST_YEAR, LAST_YEAR


class KommunGoalAssessmentQuerySet(ScopedQuerySet):
    def of_year(self, kommun: Organisation, year: int) -> KommunGoalAssessmentQuerySet:
        return self.filter(kommun=kommun, year=year)


class KommunGoalAssessment(models.Model):
    """How far the whole kommun reached one goal in one year, in the coordinator's
    judgement (the same four levels as the organisations' ``GoalAssessment``).

    Coordinators write it; everyone in the kommun reads it in the KS report. Once
    the year's KS report is adopted it can no longer be changed
    (``reports.services.kommun_goal_assessments_save``).
    """

    Assessment = Assessment

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.KOMMUN},
        related_name="kommun_goal_assessments",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    # A goal deleted from its document takes its assessment along; the history
    # keeps both, and an adopted KS report keeps what it printed.
    goal = models.ForeignKey(
        "strategies.Goal",
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="kommun_assessments",
    )
    assessment = models.CharField(
        _("assessment"), max_length=20, choices=Assessment.choices, blank=True
    )
    comment = bounded_text(_("comment"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("assessed at"), default=timezone.now)

    history = HistoricalRecords()
    objects = KommunGoalAssessmentQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("the municipality's goal assessment")
        verbose_name_plural = _("the municipality's goal assessments")
        ordering = ["kommun", "year", "goal"]
        constraints = [
            *length_constraints("kommun_goal_assessment", comment=TEXT_LENGTH),
            models.UniqueConstraint(
                fields=["kommun", "year", "goal"],
                name="kommun_goal_assessment_one_per_goal_and_year",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="kommun_goal_assessment_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.goal}"

    def get_absolute_url(self) -> str:
        return reverse("reports:kommun_assessment", args=[self.kommun_id, self.year])

    @property
    def is_empty(self) -> bool:
        return not self.assessment and not self.comment.strip()

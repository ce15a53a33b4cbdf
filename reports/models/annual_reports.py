"""An organisation's annual report on its international work, and its parts.

The sections follow Växjö's list (seed 003): EU projects ongoing and closed during
the year, other international projects and submitted applications (read from the
register, see ``reports.facts``), other international work (``ReportActivity``),
results, an assessment of each goal (``GoalAssessment``) and the needs and project
ideas for next year (Skara's "sondera behov").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from actions.models import ActivityType
from intkommun.limits import (
    MEDIUM_TEXT_LENGTH,
    TEXT_LENGTH,
    bounded_text,
    length_constraints,
)
from intkommun.models import Organisation
from intkommun.participants import participant_errors, young_within_participants
from intkommun.permissions import Access, ScopedQuerySet
from reports.models.rounds import FollowUpRound


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


# The organisation works on its report in these; submitted and approved are locked.
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class Assessment(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


@dataclass(frozen=True)
class ChecklistItem:
    """One thing a report needs before it can be submitted."""

    label: str
    is_done: bool
    details: list[str] = field(default_factory=list)


class AnnualReportQuerySet(ScopedQuerySet):
    def in_open_rounds(self) -> AnnualReportQuerySet:
        return self.filter(round__is_open=True)

    def not_submitted(self) -> AnnualReportQuerySet:
        return self.filter(status__in=EDITABLE_STATUSES)

    def awaiting_reminders(self) -> AnnualReportQuerySet:
        """Not submitted, in an open round that reminds (not a back-filling one)."""
        return self.in_open_rounds().not_submitted().filter(round__is_backfill=False)

    def of_organisations(self, organisation_ids: set[int]) -> AnnualReportQuerySet:
        return self.filter(organisation__in=organisation_ids)


class AnnualReport(models.Model):
    """Förvaltningens redovisning: one organisation's report in one round."""

    Status = Status

    round = models.ForeignKey(
        FollowUpRound,
        verbose_name=_("follow-up round"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who answers questions about the report."),
    )
    contact_name = models.CharField(
        _("contact person, if not a user"),
        max_length=200,
        blank=True,
        help_text=_("Name and e-mail of a contact person who has no account here."),
    )
    results = bounded_text(
        _("results"),
        blank=True,
        help_text=_("What the international work has given the organisation."),
    )
    needs = bounded_text(
        _("needs"),
        blank=True,
        help_text=_(
            "Challenges or needs in the organisation that international work or an "
            "EU project could help to meet."
        ),
    )
    project_ideas = bounded_text(_("project ideas for next year"), blank=True)
    return_comment = bounded_text(
        _("comment on return"),
        blank=True,
        help_text=_("What the coordinator asks to be completed or changed."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The facts read from the register, frozen at approval (see reports.facts):
    # from then on the report shows these and never the live register.
    snapshot = models.JSONField(_("facts at approval"), null=True, blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])
    objects = AnnualReportQuerySet.as_manager()
    access = Access(
        kommun="round__kommun",
        reporter_organisations=("organisation",),
        # A report is the organisation's own work: reporters see only their own.
        private_to_organisations=("organisation",),
        # Reporters edit their report until they submit it, while the round is open.
        reporter_condition=Q(status__in=EDITABLE_STATUSES, round__is_open=True),
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["round", "organisation__name"]
        constraints = [
            *length_constraints(
                "annual_report",
                results=TEXT_LENGTH,
                needs=TEXT_LENGTH,
                project_ideas=TEXT_LENGTH,
                return_comment=TEXT_LENGTH,
            ),
            models.UniqueConstraint(
                fields=["round", "organisation"],
                name="annual_report_one_per_organisation_and_round",
                violation_error_message=_(
                    "The organisation already has a report in this follow-up."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.APPROVED)
                | Q(snapshot__isnull=False, approved_at__isnull=False),
                name="annual_report_approved_is_frozen",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.SUBMITTED, Status.APPROVED])
                | Q(submitted_at__isnull=False),
                name="annual_report_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return _("%(organisation)s, report %(year)s") % {
            "organisation": self.organisation.name,
            "year": self.round.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_open_for_changes(self) -> bool:
        """Draft or returned: the content can still be worked on."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def contact_display(self) -> str:
        if self.contact_person is not None:
            person = self.contact_person
            return person.get_full_name() or person.get_username()
        return self.contact_name

    def checklist(self) -> list[ChecklistItem]:
        """What the report needs before it can be submitted, done or not."""
        assessments = list(self.goal_assessments.all())
        unanswered = [a.goal_display for a in assessments if not a.assessment]
        unexplained = [
            a.goal_display
            for a in assessments
            if a.assessment == Assessment.NOT_ASSESSED and not a.comment.strip()
        ]
        items = [
            ChecklistItem(
                gettext("A contact person is named"),
                bool(self.contact_person_id or self.contact_name.strip()),
            ),
            ChecklistItem(
                gettext("The results of the international work are described"),
                bool(self.results.strip()),
            ),
        ]
        if assessments:
            done = len(assessments) - len(unanswered)
            items.append(
                ChecklistItem(
                    gettext("Every goal is assessed (%(done)s of %(total)s)")
                    % {"done": done, "total": len(assessments)},
                    not unanswered,
                    unanswered,
                )
            )
            items.append(
                ChecklistItem(
                    gettext("A goal marked “Not assessed” has a comment saying why"),
                    not unexplained,
                    unexplained,
                )
            )
        return items

    def missing_items(self) -> list[str]:
        """What is still missing, in words, each goal by name."""
        missing = []
        for item in self.checklist():
            if item.is_done:
                continue
            if item.details:
                missing.extend(f"{item.label}: {detail}" for detail in item.details)
            else:
                missing.append(item.label)
        return missing


def _report_part_access() -> Access:
    return Access(
        kommun="report__round__kommun",
        reporter_organisations=("report__organisation",),
        private_to_organisations=("report__organisation",),
        reporter_condition=Q(
            report__status__in=EDITABLE_STATUSES, report__round__is_open=True
        ),
    )


class ReportActivity(models.Model):
    """Other international work of the year: one row per activity (Skövde's types)."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    activity_type = models.CharField(
        _("activity type"), max_length=30, choices=ActivityType.choices
    )
    title = models.CharField(_("what was done"), max_length=300)
    countries = CountryField(_("countries involved"), multiple=True, blank=True)
    participants = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    young_participants = models.PositiveIntegerField(
        _("of whom young people (under 26)"), null=True, blank=True
    )
    description = bounded_text(_("description"), blank=True)
    is_example = models.BooleanField(_("example"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    access = _report_part_access()

    class Meta:
        verbose_name = _("other international work")
        verbose_name_plural = _("other international work")
        ordering = ["report", "pk"]
        constraints = [
            *length_constraints("report_activity", description=TEXT_LENGTH),
            young_within_participants("report_activity_young_within_participants"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        errors.update(participant_errors(self.participants, self.young_participants))
        if errors:
            raise ValidationError(errors)


class GoalAssessment(models.Model):
    """How far the organisation reached one goal of the kommun's strategies.

    The goal's wording is copied, so that the report still reads as it was
    assessed if the goal is later reworded or removed from the register.
    """

    Assessment = Assessment

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.CASCADE,
        related_name="goal_assessments",
    )
    goal = models.ForeignKey(
        "strategies.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    strategy_title = models.CharField(_("governing document"), max_length=300)
    goal_label = models.CharField(_("label"), max_length=10, blank=True)
    goal_text = bounded_text(_("goal"), max_length=MEDIUM_TEXT_LENGTH)
    position = models.PositiveIntegerField(_("position"), default=0)
    assessment = models.CharField(
        _("assessment"), max_length=20, choices=Assessment.choices, blank=True
    )
    comment = bounded_text(_("comment"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    access = _report_part_access()

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        ordering = ["report", "position", "pk"]
        constraints = [
            *length_constraints(
                "goal_assessment", goal_text=MEDIUM_TEXT_LENGTH, comment=TEXT_LENGTH
            ),
            models.UniqueConstraint(
                fields=["report", "goal"],
                name="goal_assessment_one_per_goal_and_report",
            ),
        ]

    def __str__(self) -> str:
        return self.goal_display

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()

    @property
    def goal_full_display(self) -> str:
        return (
            f"{self.goal_label}. {self.goal_text}"
            if self.goal_label
            else self.goal_text
        )

    @property
    def goal_display(self) -> str:
        text = self.goal_text if len(self.goal_text) <= 90 else self.goal_text[:89]
        text = text if text == self.goal_text else text.rstrip() + "…"
        return f"{self.goal_label}. {text}" if self.goal_label else text


class ReportEvent(models.Model):
    """A step in a report's life: who did what, when, and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        SAVED = "saved", _("Saved as draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        REMINDER = "reminder", _("Reminder sent")

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    comment = bounded_text(_("comment"), blank=True)

    objects = ScopedQuerySet.as_manager()
    access = Access(
        kommun="report__round__kommun",
        private_to_organisations=("report__organisation",),
    )

    class Meta:
        constraints = [
            *length_constraints("report_event", comment=TEXT_LENGTH),
        ]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["report", "at", "pk"]
        indexes = [models.Index(fields=["report", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def by_display(self) -> str:
        if self.by is None:
            return gettext("the system")
        return self.by.get_full_name() or self.by.get_username()

"""The action plan: actions as adopted (Åtgärd, Medverkande, Tidpunkt, Ansvarig)
and the log of what happened on each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from actions.timeline import DateSpan
from actions.timing import parse_timing
from intkommun.formatting import person_name
from intkommun.limits import (
    SHORT_TEXT_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
    bounded_text,
    length_constraints,
)
from intkommun.participants import participant_errors, young_within_participants
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.removal import Removable, live_manager
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from intkommun.years import DATE_VALIDATORS


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = (Status.DONE, Status.CANCELLED)


class ActivityType(models.TextChoices):
    # Skövde's four types of international work, plus two the plans also hold.
    TRANSNATIONAL_EXCHANGE = "transnational_exchange", _("Transnational exchange")
    EU_PROJECT = "eu_project", _("EU project")
    INTERNATIONAL_NETWORK = "international_network", _("International network")
    EXTERNAL_MONITORING = "external_monitoring", _("External monitoring")
    TRAINING = "training", _("Training and information")
    OTHER = "other", _("Other")


class TargetGroup(models.Model):
    """Reference data: who an action is for (children and young people first)."""

    class Code(models.TextChoices):
        CHILDREN_AND_YOUNG_PEOPLE = "young", _("Children and young people")
        STAFF = "staff", _("Staff")
        RESIDENTS = "residents", _("Residents")
        BUSINESS = "business", _("Business")
        CIVIL_SOCIETY = "civil_society", _("Civil society")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label_of(self.code)

    @classmethod
    def label_of(cls, code: str) -> str:
        """The code's name in the active language (the code itself if unknown)."""
        return str(dict(cls.Code.choices).get(code, code))


def active_in_year_q(year: int) -> Q:
    """Actions whose period touches the year (ongoing ones from their start on);
    a condition on the fields, so that it also filters their history records."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    starts_in_time = Q(starts_on__lte=end) | Q(starts_on__isnull=True)
    ends_in_time = Q(ends_on__gte=start) | Q(ends_on__isnull=True, is_ongoing=True)
    dated = Q(starts_on__isnull=False) | Q(ends_on__isnull=False)
    return dated & starts_in_time & ends_in_time


UNDATED = Q(starts_on__isnull=True, ends_on__isnull=True)


class ActionQuerySet(ScopedQuerySet):
    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        late = self.filter(ends_on__lt=today, is_ongoing=False)
        return late.exclude(status__in=CLOSED_STATUSES)

    def not_overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def active_in_year(self, year: int) -> ActionQuerySet:
        return self.filter(active_in_year_q(year))

    def date_span(self) -> DateSpan:
        """The earliest and latest date of the actions, and whether any is
        ongoing, in one query (the months of a plan's timeline)."""
        row = self.order_by().aggregate(
            first_start=Min("starts_on"),
            first_end=Min("ends_on"),
            last_start=Max("starts_on"),
            last_end=Max("ends_on"),
            ongoing=Count("pk", filter=Q(is_ongoing=True)),
        )
        firsts = [row[name] for name in ("first_start", "first_end") if row[name]]
        lasts = [row[name] for name in ("last_start", "last_end") if row[name]]
        return DateSpan(
            first=min(firsts, default=None),
            last=max(lasts, default=None),
            has_ongoing=bool(row["ongoing"]),
        )

    def with_latest_update(self) -> ActionQuerySet:
        # The base manager: the entries of the row's own action, without joining
        # the action again to leave out removed ones (a join per row and column).
        latest = ActionUpdate._base_manager.filter(action=OuterRef("pk")).order_by(
            "-occurred_on", "-created_at"
        )
        return self.annotate(
            latest_update_on=Subquery(latest.values("occurred_on")[:1]),
            latest_update_text=Subquery(latest.values("text")[:1]),
        )


class Action(Removable):
    """One action of an action plan, kept verbatim as adopted plus follow-up fields."""

    plan = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    focus_area = models.ForeignKey(
        "strategies.FocusArea",
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    goals = models.ManyToManyField(
        "strategies.Goal", verbose_name=_("goals"), blank=True, related_name="actions"
    )
    reference = models.CharField(
        _("reference number"),
        max_length=20,
        blank=True,
        help_text=_("The action's number in the plan, e.g. 2.3."),
    )
    position = models.PositiveIntegerField(_("position in the plan"), default=0)
    title = bounded_text(_("action"), max_length=TITLE_LENGTH)
    participants_text = bounded_text(
        _("participants"), blank=True, max_length=SHORT_TEXT_LENGTH
    )
    participant_organisations = models.ManyToManyField(
        "intkommun.Organisation",
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="participating_actions",
    )
    timing_text = models.CharField(_("timing"), max_length=500, blank=True)
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    is_ongoing = models.BooleanField(
        _("ongoing"), default=False, help_text=_("Continues with no fixed end.")
    )
    responsible_text = bounded_text(
        _("responsible"), blank=True, max_length=SHORT_TEXT_LENGTH
    )
    responsible_organisations = models.ManyToManyField(
        "intkommun.Organisation",
        verbose_name=_("responsible organisations"),
        blank=True,
        related_name="responsible_actions",
    )
    description = bounded_text(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    activity_type = models.CharField(
        _("activity type"), max_length=30, choices=ActivityType.choices, blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="actions"
    )
    budget = models.DecimalField(
        _("budget (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # The import that created the action, so that the import can be undone.
    import_batch = models.ForeignKey(
        "actions.ActionImport",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns(
        "title", "description", "participants_text", "responsible_text", "timing_text"
    )

    history = HistoricalRecords(
        m2m_fields=[
            responsible_organisations,
            participant_organisations,
            target_groups,
        ],
        excluded_fields=SEARCH_COLUMNS,
    )
    objects = live_manager(ActionQuerySet)
    access = Access(
        kommun="plan__kommun",
        reporter_organisations=("responsible_organisations",),
        public_through="plan",
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "position", "pk"]
        constraints = [
            *length_constraints(
                "action",
                title=TITLE_LENGTH,
                participants_text=SHORT_TEXT_LENGTH,
                responsible_text=SHORT_TEXT_LENGTH,
                description=TEXT_LENGTH,
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="action_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="action_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", args=[self.pk])

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 90 else self.title[:88].rstrip() + " …"

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def is_overdue_on(self, today: datetime.date) -> bool:
        """The end has passed and it is not done; ongoing work ("och fortlöpande")
        continues past its end date and is never overdue. A page of many actions
        asks this with the day it computed once."""
        return (
            not self.is_ongoing
            and self.ends_on is not None
            and self.ends_on < today
            and self.status not in CLOSED_STATUSES
        )

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
        if self.focus_area_id and self.plan_id:
            allowed = {self.plan_id, self.plan.parent_id}
            if self.focus_area.strategy_id not in allowed:
                raise ValidationError(
                    {
                        "focus_area": _(
                            "Choose a focus area of this plan or of its strategy."
                        )
                    }
                )

    def work_since(self, moment: datetime.datetime | None, *, last: Any) -> list[str]:
        """What people have done to the action since ``moment``, in words: a change
        (``last``, its newest history record since then: by whom and when), progress
        entries, links from projects."""
        reasons = []
        if last is not None or (moment and self.updated_at > moment):
            when = last.history_date if last else self.updated_at
            reasons.append(
                gettext("changed by %(person)s %(date)s")
                % {
                    "person": person_name(last and last.history_user) or "–",
                    "date": formats.date_format(timezone.localtime(when), "j F"),
                }
            )
        count = getattr(self, "update_count", None)
        count = self.updates.count() if count is None else count
        if count:
            reasons.append(
                ngettext(
                    "has %(count)s progress entry",
                    "has %(count)s progress entries",
                    count,
                )
                % {"count": count}
            )
        for project in self.projects.all():
            reasons.append(
                gettext("is linked to the project %(project)s") % {"project": project}
            )
        return reasons

    def apply_timing(self, default_year: int | None = None) -> bool:
        """Set the dates from the Tidpunkt text; False when it could not be read."""
        timing = parse_timing(self.timing_text, default_year=default_year)
        if not timing.is_understood:
            return False
        self.starts_on, self.ends_on = timing.starts_on, timing.ends_on
        self.is_ongoing = timing.is_ongoing
        return True


class ActionUpdate(models.Model):
    """A log entry: what happened on an action, by whom, with how many people."""

    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    occurred_on = models.DateField(_("date"), validators=DATE_VALIDATORS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="action_updates",
    )
    text = bounded_text(_("what happened"))
    new_status = models.CharField(
        _("new status"), max_length=20, choices=Status.choices, blank=True
    )
    participants = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    young_participants = models.PositiveIntegerField(
        _("of whom young people (under 26)"), null=True, blank=True
    )
    countries = CountryField(_("countries involved"), multiple=True, blank=True)
    is_example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    history = HistoricalRecords()
    objects = live_manager(ScopedQuerySet, removed_with="action")
    access = Access(
        kommun="action__plan__kommun",
        reporter_organisations=("action__responsible_organisations",),
        public_through="action",
    )

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["-occurred_on", "-created_at"]
        indexes = [
            # The start page's latest logged progress: the newest few entries
            # without sorting every entry of the kommun (EXPLAIN on PostgreSQL).
            models.Index(
                fields=["-created_at", "-id"], name="action_update_latest_idx"
            ),
        ]
        constraints = [
            *length_constraints("action_update", text=TEXT_LENGTH),
            young_within_participants("action_update_young_within_participants"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.action}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        errors.update(participant_errors(self.participants, self.young_participants))
        if self.occurred_on and self.occurred_on > timezone.localdate():
            errors["occurred_on"] = _("An update cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class UndoBlocker:
    action: Action
    reasons: list[str]


class ActionImport(models.Model):
    """An uploaded or pasted plan (or bulk update) waiting for the coordinator's
    confirmation. The source is kept so that the preview and the import read the
    very same input, and so that the kommun can see later what was imported."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Import of an action plan")
        BULK_UPDATE = "bulk_update", _("Update from Excel")

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        APPLIED = "applied", _("imported")
        DISCARDED = "discarded", _("discarded")
        UNDONE = "undone", _("undone")

    kommun = models.ForeignKey(
        "intkommun.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    plan = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("action plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    source_name = models.CharField(_("source"), max_length=255)
    source_text = models.TextField(_("pasted text"), blank=True)
    source_file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    # The input as parsed at upload (a plan's rows, or a bulk update's cells), so
    # that reloading the preview never parses the file again; None for imports
    # staged before it was kept.
    parsed = models.JSONField(_("parsed input"), null=True, blank=True, editable=False)
    # What the coordinator chose in the preview of a plan: for each table whose
    # columns were not recognised, one target per column (None: no actions in
    # it); and the rows as corrected, in the shape of a parsed row. None: not
    # chosen yet, and the rows are the parsed ones.
    columns = models.JSONField(_("columns"), null=True, blank=True, editable=False)
    rows = models.JSONField(_("corrected rows"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    applied_count = models.PositiveIntegerField(_("number of actions"), default=0)
    skipped_count = models.PositiveIntegerField(
        _("number of actions skipped as already in the plan"), default=0
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Two coordinators may correct one preview; its version is its newest record.
    # The input itself never changes and is not copied into every record.
    history = HistoricalRecords(excluded_fields=["parsed", "source_text"])
    objects = ScopedQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_name}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    @property
    def is_applied(self) -> bool:
        return self.state == self.State.APPLIED

    def mark_applied(self, *, created: int, skipped: int) -> None:
        self.state = self.State.APPLIED
        self.applied_at = timezone.now()
        self.applied_count, self.skipped_count = created, skipped
        self.save(
            update_fields=["state", "applied_at", "applied_count", "skipped_count"]
        )

    def mark_undone(self, *, by: Any) -> None:
        self.state = self.State.UNDONE
        self.undone_at, self.undone_by = timezone.now(), by
        self.save(update_fields=["state", "undone_at", "undone_by"])

    def undo_blockers(self) -> list[UndoBlocker]:
        """The batch's actions that someone has worked on since the import, and how:
        undoing would throw that work away."""
        actions = self.actions.annotate(update_count=models.Count("updates"))
        last_changes = self._newest_changes_since_applied()
        blockers = []
        for action in actions.prefetch_related("projects").order_by("position"):
            last = last_changes.get(action.pk)
            reasons = action.work_since(self.applied_at, last=last)
            if reasons:
                blockers.append(UndoBlocker(action=action, reasons=reasons))
        return blockers

    def _newest_changes_since_applied(self) -> dict[int, Any]:
        """The newest history record of each of the batch's actions made after the
        import, in one query."""
        if self.applied_at is None:
            return {}
        records = (
            Action.history.filter(
                id__in=self.actions.values("pk"), history_date__gt=self.applied_at
            )
            .select_related("history_user")
            .order_by("id", "-history_date", "-history_id")
        )
        newest: dict[int, Any] = {}
        for record in records:
            newest.setdefault(record.id, record)
        return newest

    def read_source(self) -> bytes:
        if self.source_file:
            with self.source_file.open("rb") as handle:
                return handle.read()
        return self.source_text.encode("utf-8")

    def correct(self, *, by: Any, columns: Any = None, rows: Any = None) -> None:
        """Keep what the coordinator chose in the preview (see the fields)."""
        self.columns, self.rows = columns, rows
        self._history_user = by
        self.save(update_fields=["columns", "rows"])


STATUS_TERM_LENGTH = 40


class StatusTerm(models.Model):
    """A word of the kommun's own follow-up scale ("Klar", "Påbörjad", "A") and
    the status it stands for. Several terms may stand for one status; the first
    by position is how that status is shown (actions.status_scale)."""

    kommun = models.ForeignKey(
        "intkommun.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="status_terms",
    )
    term = models.CharField(_("term"), max_length=STATUS_TERM_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    position = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("status term")
        verbose_name_plural = _("status terms")
        ordering = ["kommun", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                "kommun",
                name="status_term_unique_per_kommun",
                violation_error_message=_("The scale already has this term."),
            )
        ]

    def __str__(self) -> str:
        return self.term


class ImportColumnMapping(models.Model):
    """How a kommun said a table layout's columns map to an action's fields, so
    that the same headers are offered the same way next time."""

    kommun = models.ForeignKey(
        "intkommun.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # actions.plan_columns.signature of the headers.
    signature = models.CharField(_("signature"), max_length=64)
    headers = models.JSONField(_("headers"))
    columns = models.JSONField(_("columns"))  # one target per header
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("chosen at"), auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("column mapping of an import")
        verbose_name_plural = _("column mappings of imports")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "signature"], name="import_mapping_unique_layout"
            )
        ]

    def __str__(self) -> str:
        return " | ".join(self.headers)

"""Governing documents (styrdokument) and their document types.

DESIGN §2.2. One model, ``Strategy``, holds every kind of governing document; its
kind is a ``DocumentType`` (reference data a kommun can make its own). The status
of a document is derived from its dates and from the documents that replace it,
never typed: see ``Strategy.status_on`` and ``StrategyQuerySet.with_status``,
which must agree.

Dates of decision and validity may be known only by their year or month
(``intkommun.partial_dates``): "antagen av kommunfullmäktige 2012". The rule for
such a date, the same in Python and in SQL:

- a **start** (adoption, valid from) counts from the **first** day of what is
  known: a document adopted "2012" is adopted on every day of 2012, so it is in
  force in the 2012 year-end report but not in 2011's;
- an **end** (valid until) counts to the **last** day of what is known: valid
  until "2014" is still in force on 31 December 2014 and has expired in 2015.

"Adopted, date not known" says only that the document was adopted by the time it
was registered. It counts as adopted from the year of its first history record
(or from ``valid_from`` when that is earlier), so an old register entry never
turns a document into one that was in force in every year.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.limits import TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.partial_dates import (
    PartialDate,
    Precision,
    partial_date,
    precision_field,
)
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from intkommun.years import DATE_VALIDATORS, FIRST_YEAR, LAST_YEAR
from strategies import validators

if TYPE_CHECKING:
    from strategies.models.goals import FocusArea

REVIEW_WARNING_DAYS = 90
VERSION_TEXT_LENGTH = 100
PREPARED_BY_LENGTH = 300
MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR

# The seven types of the seeds, from the most overarching down: (name, order,
# holds actions). Migration 0002 keeps its own frozen copy of this list.
DEFAULT_DOCUMENT_TYPES = (
    ("Program", 10, False),
    ("Policy", 20, False),
    ("Strategi", 30, False),
    ("Plan", 40, False),
    ("Handlingsplan", 50, True),
    ("Riktlinjer", 60, False),
    ("Regler", 70, False),
)


class DocumentTypeQuerySet(ScopedQuerySet):
    def defaults(self) -> DocumentTypeQuerySet:
        return self.filter(kommun__isnull=True)

    def ensure_defaults(self) -> None:
        """Create any of the seven default types that is missing; touch no others."""
        for name, order, is_action_plan in DEFAULT_DOCUMENT_TYPES:
            self.get_or_create(
                kommun=None,
                name=name,
                defaults={"order": order, "is_action_plan": is_action_plan},
            )

    def visible_to(self, user: Any) -> DocumentTypeQuerySet:
        """The kommuner's own types as usual, plus the defaults everyone starts with."""
        own = super().visible_to(user)
        if not user.is_authenticated or not user.is_active:
            return own
        return own | self.defaults()

    def available_to(self, kommun: Organisation) -> DocumentTypeQuerySet:
        """The kommun's own list once it has one, the defaults until then."""
        own = self.filter(kommun=kommun)
        return own if own.exists() else self.defaults()


class DocumentType(models.Model):
    """Program, policy, strategi, plan … as one kommun names and ranks them.

    Rows without a kommun are the defaults every kommun starts with. A kommun that
    adds or reorders types gets its own copy of the list (``services``), because
    kommuner rank the same types differently (vocabulary.md §2).
    """

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        limit_choices_to={"kind": Organisation.Kind.KOMMUN},
        related_name="document_types",
        help_text=_("Empty for the default types that every municipality starts with."),
    )
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Lower numbers come first, from the most overarching type down."),
    )
    is_action_plan = models.BooleanField(
        _("holds actions"),
        default=False,
        help_text=_(
            "Documents of this type are action plans with actions to follow up."
        ),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Types no longer in use cannot be chosen for new documents."),
    )

    history = HistoricalRecords()
    objects = DocumentTypeQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "name"], name="document_type_unique_name_in_kommun"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(kommun__isnull=True),
                name="document_type_unique_default_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_default(self) -> bool:
        return self.kommun_id is None


def original_document_path(strategy: Strategy, filename: str) -> str:
    # A random folder: the path can never be guessed, and two uploads of
    # "policy.pdf" never collide. Files are served only through a checked view.
    return f"styrdokument/{strategy.kommun_id}/{uuid.uuid4().hex}/{filename}"


class StrategyQuerySet(ScopedQuerySet):
    def with_status(self, today: datetime.date | None = None) -> StrategyQuerySet:
        """Annotate ``annotated_status``; the same rule as ``Strategy.status_on``."""
        today = today or timezone.localdate()
        in_force_successor = Strategy.objects.filter(replaces=OuterRef("pk")).filter(
            Strategy.adopted_q(today), Strategy.started_q(today)
        )
        status = Case(
            When(
                Strategy.adopted_q(today),
                then=Case(
                    When(
                        Exists(in_force_successor), then=Value(Strategy.Status.REPLACED)
                    ),
                    When(Strategy.ended_q(today), then=Value(Strategy.Status.EXPIRED)),
                    When(
                        ~Strategy.started_q(today),
                        then=Value(Strategy.Status.UPCOMING),
                    ),
                    default=Value(Strategy.Status.IN_FORCE),
                ),
            ),
            default=Value(Strategy.Status.DRAFT),
            output_field=models.CharField(),
        )
        return self.annotate(annotated_status=status)

    def with_status_in(
        self, statuses: list[str], today: datetime.date | None = None
    ) -> StrategyQuerySet:
        return self.with_status(today).filter(annotated_status__in=statuses)

    def in_force(self, today: datetime.date | None = None) -> StrategyQuerySet:
        return self.with_status_in([Strategy.Status.IN_FORCE], today)

    def due_for_review(self, today: datetime.date | None = None) -> StrategyQuerySet:
        """Review date passed or within 90 days, or expired with no successor."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
        live = [Strategy.Status.IN_FORCE, Strategy.Status.UPCOMING]
        has_successor = Exists(Strategy.objects.filter(replaces=OuterRef("pk")))
        return self.with_status(today).filter(
            Q(annotated_status__in=live, next_review_on__lte=horizon)
            | (Q(annotated_status=Strategy.Status.EXPIRED) & ~has_successor)
        )

    def with_earlier_versions(self) -> list[Strategy]:
        """The documents, each with ``earlier_versions`` loaded: see
        ``load_earlier_versions``."""
        strategies = list(self)
        load_earlier_versions(strategies)
        return strategies

    def applying_to(self, organisation: Organisation) -> StrategyQuerySet:
        """Documents that govern the organisation: for it, a body above it, or all."""
        chain = [organisation, *organisation.ancestors()]
        return self.filter(
            Q(applies_to__in=chain) | Q(applies_to__isnull=True),
            kommun_id=organisation.kommun_id,
        ).distinct()


class Strategy(models.Model):
    """A governing document (styrdokument): program, policy, strategi, plan …"""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UPCOMING = "upcoming", _("adopted, not yet in force")
        IN_FORCE = "in_force", _("in force")
        EXPIRED = "expired", _("expired")
        REPLACED = "replaced", _("replaced")

    class ReviewReason(models.TextChoices):
        REVIEW_PASSED = "review_passed", _("Review date has passed")
        REVIEW_SOON = "review_soon", _("Review within 90 days")
        EXPIRED_WITHOUT_SUCCESSOR = "expired", _("Expired without a successor")

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.KOMMUN},
        related_name="strategies",
    )
    document_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    title = models.CharField(_("title"), max_length=300)
    # Not ``version``: in this project an object's version is its newest history
    # record (``intkommun.versioning``); this is the text the document prints.
    version_text = models.CharField(
        _("version"),
        max_length=VERSION_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "As the document writes it, for example “1.0”, “Version 2” or "
            "“Reviderad 2019-03-12”."
        ),
    )
    adopted_by = models.ForeignKey(
        Organisation,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_strategies",
        help_text=_("The council, board or committee that adopted the document."),
    )
    adopted_by_text = models.CharField(
        _("adopted by (other)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only when the decision-maker is not an organisation in the register, "
            "for example “Förvaltningschef”."
        ),
    )
    adopted_on = models.DateField(
        _("adopted on"),
        null=True,
        blank=True,
        help_text=_("Empty, or a date in the future, while the document is a draft."),
        validators=DATE_VALIDATORS,
    )
    adopted_on_precision = precision_field()
    adoption_date_unknown = models.BooleanField(
        _("adopted, date not known"),
        default=False,
        help_text=_(
            "For an older document that has been adopted but whose date of "
            "decision is not known. Give at least the year above instead if it "
            "is known: without it, the document counts as in force only from the "
            "year it was registered here."
        ),
    )
    paragraph = models.CharField(
        _("paragraph"), max_length=30, blank=True, help_text=_("For example “§ 96”.")
    )
    diary_number = models.CharField(
        _("diary number"),
        max_length=60,
        blank=True,
        help_text=_("As the municipality writes it, for example “KS2016.0110”."),
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    valid_from_precision = precision_field()
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Empty when the document applies until further notice. A year or a "
            "month means to its last day."
        ),
        validators=DATE_VALIDATORS,
    )
    valid_until_precision = precision_field()
    document_owner = models.CharField(
        _("document owner"),
        max_length=200,
        blank=True,
        help_text=_(
            "The office or post responsible for the document (dokumentansvarig)."
        ),
    )
    prepared_by = models.CharField(
        _("prepared by"),
        max_length=PREPARED_BY_LENGTH,
        blank=True,
        help_text=_(
            "Who drew up the document (utarbetad av), for example "
            "“Kommunledningskontoret, internationell samordnare”."
        ),
    )
    applies_to = models.ManyToManyField(
        Organisation,
        verbose_name=_("applies to"),
        blank=True,
        related_name="governing_documents",
        help_text=_("Leave empty when the document applies to the whole municipality."),
    )
    applies_to_text = models.CharField(
        _("applies to, as written"),
        max_length=300,
        blank=True,
        help_text=_("As the document says it, for example “Samtliga nämnder”."),
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        help_text=_("The earlier version that this document replaces."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementing_documents",
        help_text=_("For an action plan: the strategy or policy it implements."),
    )
    review_interval = models.CharField(
        _("review interval"),
        max_length=120,
        blank=True,
        help_text=_("For example “1 gång per mandatperiod”."),
    )
    next_review_on = models.DateField(
        _("next review"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    purpose = bounded_text(_("purpose"), blank=True)
    budget_text = bounded_text(
        _("budget and financing"),
        blank=True,
        help_text=_("What the document says about money, as written."),
    )
    follow_up_text = bounded_text(
        _("follow-up"),
        blank=True,
        help_text=_("How and when the document is followed up, as written."),
    )
    original_document = models.FileField(
        _("original document"),
        upload_to=original_document_path,
        blank=True,
        max_length=255,
        validators=[
            FileExtensionValidator(list(validators.ALLOWED_EXTENSIONS)),
            validators.validate_document_size,
            validators.validate_document_content,
        ],
        help_text=_(
            "The adopted document as a PDF or Word file (.docx), at most 20 MB."
        ),
    )

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns(
        "title",
        "purpose",
        "diary_number",
        "document_owner",
        "prepared_by",
        "applies_to_text",
    )

    history = HistoricalRecords(m2m_fields=[applies_to], excluded_fields=SEARCH_COLUMNS)
    objects = StrategyQuerySet.as_manager()
    # Public while in force (drafts never): what the public pages and the open
    # API show, and so their goals and actions too (``public_through``).
    access = Access(kommun="kommun", public=lambda: Strategy.in_force_q())

    class Meta:
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        ordering = ["document_type__order", "title"]
        constraints = [
            *length_constraints(
                "strategy",
                purpose=TEXT_LENGTH,
                budget_text=TEXT_LENGTH,
                follow_up_text=TEXT_LENGTH,
                # The form and PostgreSQL check these too; SQLite does not.
                version_text=VERSION_TEXT_LENGTH,
                prepared_by=PREPARED_BY_LENGTH,
            ),
            # Only when the end is a day: "valid until 2017" (stored as its first
            # day) may follow "valid from 15 March 2017"; ``clean`` checks those.
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | ~Q(valid_until_precision=Precision.DAY)
                | Q(valid_until__gte=F("valid_from")),
                name="strategy_valid_until_after_valid_from",
                violation_error_message=_("The end of validity is before its start."),
            ),
            models.CheckConstraint(
                condition=Q(adoption_date_unknown=False) | Q(adopted_on__isnull=True),
                name="strategy_adoption_date_known_or_unknown",
                violation_error_message=_(
                    "A document cannot both have a date of adoption and an unknown one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(replaces=F("pk")) & ~Q(parent=F("pk")),
                name="strategy_not_related_to_itself",
                violation_error_message=_(
                    "A document cannot replace or implement itself."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:detail", args=[self.pk])

    # -- status ---------------------------------------------------------------

    @staticmethod
    def in_force_q() -> Q:
        """In force today, by the one rule of ``StrategyQuerySet.with_status``."""
        return Q(pk__in=Strategy.objects.in_force().values("pk"))

    @staticmethod
    def adopted_q(today: datetime.date) -> Q:
        """Adopted by ``today``: see the module's docstring for partial dates and
        for "date not known"."""
        known = Q(adopted_on__lte=today)
        if today.year >= timezone.localdate().year:
            # Registered by now, whatever the history says (or lacks).
            return known | Q(adoption_date_unknown=True)
        registered = Strategy.history.model.objects.filter(
            id=OuterRef("pk"), history_date__lt=_start_of_year(today.year + 1)
        )
        return known | (
            Q(adoption_date_unknown=True)
            & (Q(valid_from__lte=today) | Q(Exists(registered)))
        )

    @staticmethod
    def started_q(today: datetime.date) -> Q:
        """Valid from (the first day of) ``valid_from`` on, or from adoption."""
        return Q(valid_from__isnull=True) | Q(valid_from__lte=today)

    @staticmethod
    def ended_q(today: datetime.date) -> Q:
        """The last day of ``valid_until`` is before ``today``.

        ``valid_until`` holds the first day of its period, so a month or a year
        has ended once today's month or year is a later one."""
        return (
            Q(valid_until_precision=Precision.DAY, valid_until__lt=today)
            | Q(
                valid_until_precision=Precision.MONTH,
                valid_until__lt=today.replace(day=1),
            )
            | Q(
                valid_until_precision=Precision.YEAR,
                valid_until__lt=today.replace(month=1, day=1),
            )
        )

    def is_adopted_on(self, today: datetime.date) -> bool:
        if self.adopted_on is not None:
            return self.adopted_on <= today
        if not self.adoption_date_unknown:
            return False
        if today.year >= timezone.localdate().year:
            return True
        if self.valid_from is not None and self.valid_from <= today:
            return True
        return self.registered_on is not None and self.registered_on.year <= today.year

    def has_started_on(self, today: datetime.date) -> bool:
        return self.valid_from is None or self.valid_from <= today

    def has_ended_on(self, today: datetime.date) -> bool:
        return (
            self.valid_until is not None and self.valid_until_partial.last_day < today
        )

    # The document's long texts and its search columns: what a list that only
    # names a document can leave unread (``defer``).
    LONG_TEXT_FIELDS = (
        "purpose",
        "budget_text",
        "follow_up_text",
        "applies_to_text",
        "search_vector",
        "search_text",
    )

    # What ``is_in_force_as_successor_on`` reads of a successor (and the link
    # to the document it replaces), for a prefetch of successors.
    SUCCESSION_FIELDS = (
        "replaces",
        "adopted_on",
        "adoption_date_unknown",
        "valid_from",
    )

    def is_in_force_as_successor_on(self, today: datetime.date) -> bool:
        return self.is_adopted_on(today) and self.has_started_on(today)

    def status_on(self, today: datetime.date) -> str:
        if not self.is_adopted_on(today):
            return self.Status.DRAFT
        if self.pk and any(
            successor.is_in_force_as_successor_on(today)
            for successor in self.successors.all()
        ):
            return self.Status.REPLACED
        if self.has_ended_on(today):
            return self.Status.EXPIRED
        if not self.has_started_on(today):
            return self.Status.UPCOMING
        return self.Status.IN_FORCE

    @property
    def status(self) -> str:
        annotated = getattr(self, "annotated_status", None)
        return annotated or self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.IN_FORCE

    # -- review ---------------------------------------------------------------

    def review_reason_on(self, today: datetime.date) -> Strategy.ReviewReason | None:
        """Why the document needs attention; None when it does not."""
        status = self.status_on(today)
        if status == self.Status.EXPIRED and not list(self.successors.all()):
            return self.ReviewReason.EXPIRED_WITHOUT_SUCCESSOR
        if status not in (self.Status.IN_FORCE, self.Status.UPCOMING):
            return None
        if self.next_review_on is None:
            return None
        if self.next_review_on < today:
            return self.ReviewReason.REVIEW_PASSED
        if self.next_review_on <= today + datetime.timedelta(days=REVIEW_WARNING_DAYS):
            return self.ReviewReason.REVIEW_SOON
        return None

    @property
    def is_due_for_review(self) -> bool:
        return self.review_reason_on(timezone.localdate()) is not None

    # -- dates as known ----------------------------------------------------------

    @property
    def adopted(self) -> PartialDate | None:
        """The date of decision as far as it is known: "2012", "mars 2012" …"""
        return partial_date(self, "adopted_on")

    @property
    def valid_from_partial(self) -> PartialDate | None:
        return partial_date(self, "valid_from")

    @property
    def valid_until_partial(self) -> PartialDate | None:
        return partial_date(self, "valid_until")

    @cached_property
    def registered_on(self) -> datetime.date | None:
        """The day the document was first registered here (its first history
        record); what "adopted, date not known" is counted from."""
        if self.pk is None:
            return None
        first = (
            self.history.order_by("history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        return timezone.localdate(first) if first else None

    @property
    def counted_from_year(self) -> int | None:
        """For "adopted, date not known": the year from which the document counts
        as adopted (see ``is_adopted_on``); None when the date is known."""
        if not self.adoption_date_unknown:
            return None
        years = [timezone.localdate().year]
        if self.registered_on is not None:
            years.append(self.registered_on.year)
        if self.valid_from is not None:
            years.append(self.valid_from.year)
        return min(years)

    # -- what the document says and what it is tied to ---------------------------

    @property
    def adopting_body(self) -> str:
        return self.adopted_by.name if self.adopted_by_id else self.adopted_by_text

    @property
    def version_display(self) -> str:
        """ "1.0" reads "Version 1.0"; "Version 2" or "Ej reviderad" as written."""
        text = self.version_text
        if text[:1].isdigit():
            return gettext("Version %(version)s") % {"version": text}
        return text

    @cached_property
    def earlier_versions(self) -> list[Strategy]:
        """The documents this one replaces, the latest first: what it replaced,
        what that replaced … ``load_earlier_versions`` fills it for many."""
        load_earlier_versions([self])
        return self.__dict__["earlier_versions"]

    @property
    def is_action_plan(self) -> bool:
        return self.document_type.is_action_plan

    @property
    def original_document_filename(self) -> str:
        return self.original_document.name.rsplit("/", 1)[-1]

    def focus_areas_in_use(self) -> tuple[Strategy, list[FocusArea]]:
        """The document's own focus areas, or those of the document it implements.

        An action plan usually breaks down its strategy's areas (DESIGN §2.2).
        """
        own = list(self.focus_areas.all())
        if own or self.parent_id is None:
            return self, own
        return self.parent, list(self.parent.focus_areas.all())

    def related_strategies(self) -> list[Strategy]:
        """This document and the one it implements: where its goals may point."""
        return [self] if self.parent_id is None else [self, self.parent]

    # -- invariants ------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        start, end = self.valid_from_partial, self.valid_until_partial
        if start and end and end.last_day < start.first_day:
            errors["valid_until"] = ValidationError(
                _(
                    "The document cannot stop applying before it starts to apply "
                    "(valid from %(date)s)."
                ),
                code="valid_until_before_valid_from",
                params={"date": str(start)},
            )
        if self.adopted_on and self.adoption_date_unknown:
            errors["adoption_date_unknown"] = _(
                "Either give the date of adoption or tick that it is not known, not both."
            )
        if self.adopted_by_id and self.adopted_by_text:
            errors["adopted_by_text"] = _(
                "Choose the decision-maker from the list or write it here, not both."
            )
        if self.kommun_id:
            errors.update(self._same_kommun_errors())
        errors.update(self._chain_errors())
        if errors:
            raise ValidationError(errors)

    def _same_kommun_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if self.adopted_by_id and self.adopted_by.kommun_id != self.kommun_id:
            errors["adopted_by"] = _(
                "Choose a decision-maker in the same municipality."
            )
        for name in ("replaces", "parent"):
            related = getattr(self, name)
            if related is not None and related.kommun_id != self.kommun_id:
                errors[name] = _("Choose a document of the same municipality.")
        document_type = self.document_type if self.document_type_id else None
        if document_type and document_type.kommun_id not in (None, self.kommun_id):
            errors["document_type"] = _("Choose a document type of this municipality.")
        return errors

    def _chain_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        for name, message in (
            (
                "replaces",
                _("A document cannot replace itself, even through other versions."),
            ),
            (
                "parent",
                _("A document cannot implement itself, even through other plans."),
            ),
        ):
            if self._leads_back_to_self(name):
                errors[name] = message
        return errors

    def _leads_back_to_self(self, attribute: str) -> bool:
        node, seen = getattr(self, attribute), set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                return True
            seen.add(node.pk)
            node = getattr(node, attribute)
        return False


def _start_of_year(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def load_earlier_versions(strategies: list[Strategy]) -> None:
    """Set ``earlier_versions`` on each document: the chain of the versions it
    replaces, walked in Python over one query for the kommuner's documents."""
    if not strategies:
        return
    known = {
        row.pk: row
        for row in Strategy.objects.filter(
            kommun_id__in={strategy.kommun_id for strategy in strategies}
        ).only(
            "pk",
            "kommun_id",
            "replaces_id",
            "title",
            "adopted_on",
            "adopted_on_precision",
            "adoption_date_unknown",
        )
    }
    for strategy in strategies:
        chain, seen = [], {strategy.pk}
        node = known.get(strategy.replaces_id)
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = known.get(node.replaces_id)
        strategy.earlier_versions = chain

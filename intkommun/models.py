"""Core vocabulary: the organisation tree of a kommun and who belongs where."""

from __future__ import annotations

from dataclasses import dataclass

import simple_history
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.permissions import Access, ScopedQuerySet


class OrganisationQuerySet(ScopedQuerySet):
    def kommuner(self) -> OrganisationQuerySet:
        """The top organisations: every kommun and every region."""
        return self.filter(kind__in=Organisation.TOP_KINDS)

    def in_kommun(self, kommun: Organisation) -> OrganisationQuerySet:
        return self.filter(kommun=kommun)


@dataclass(frozen=True)
class Licence:
    """An open-data licence as machine readers know it: SPDX id, name, deed."""

    id: str
    name: str
    url: str


LICENCES = {
    licence.id: licence
    for licence in (
        Licence(
            "CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"
        ),
        Licence(
            "CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"
        ),
    )
}


class Organisation(models.Model):
    """A node of a kommun's organisation tree; the root of every tree is a kommun.

    A region (or landsting) runs the same international work and is the root of
    its tree exactly like a kommun: everywhere the code says "kommun" for the top
    organisation, a region is meant too.
    """

    class Kind(models.TextChoices):
        KOMMUN = "kommun", _("municipality")
        REGION = "region", _("region")
        NAMND = "namnd", _("committee or council")
        FORVALTNING = "forvaltning", _("administration")
        BOLAG = "bolag", _("municipal company")
        ENHET = "enhet", _("unit")
        EXTERN = "extern", _("external party")

    class OpenDataLicence(models.TextChoices):
        # DIGG recommends CC0 for open data: anyone may reuse it without terms.
        CC0 = "CC0-1.0", _("CC0 1.0 (no conditions; recommended by DIGG)")
        CC_BY = "CC-BY-4.0", _("CC BY 4.0 (reusers must name the municipality)")

    # The kinds that are the root of a tree (and nothing else is).
    TOP_KINDS = (Kind.KOMMUN, Kind.REGION)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The root kommun of the tree, kept on every row so that every query can be
    # scoped to one kommun without walking the tree. Set by save(), never typed.
    kommun = models.ForeignKey(
        "self",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Number of inhabitants, for figures per inhabitant."),
    )
    population_source = models.CharField(
        _("source of the population"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the number comes from and for which day, e.g. "
            "“SCB, 31 december 2025”."
        ),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_("The municipality's logo for the cover of reports (PNG or JPEG)."),
    )
    # Public pages (issue 19): a kommun's coordinator opts in; nothing is public
    # by default, and no person's name even then unless they allow it.
    publishes_publicly = models.BooleanField(
        _("publish public pages"),
        default=False,
        help_text=_(
            "Show residents, without login, the governing documents in force, the "
            "action plans with the status of each action, the EU projects, the "
            "twin towns and networks and the adopted KS reports."
        ),
    )
    public_shows_names = models.BooleanField(
        _("show names on the public pages"),
        default=False,
        help_text=_(
            "Show who wrote a progress entry and the projects' contact persons."
        ),
    )
    open_data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=OpenDataLicence.choices,
        default=OpenDataLicence.CC0,
        help_text=_(
            "The terms on which anyone may reuse what the public pages and the "
            "open API publish."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )

    history = HistoricalRecords(excluded_fields=["kommun"])
    objects = OrganisationQuerySet.as_manager()
    # The kommun's own organisations are named on its public pages (who is
    # responsible, who owns a project); external parties are not.
    access = Access(kommun="kommun", public=~Q(kind=Kind.EXTERN))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=["kommun", "region"]) & Q(parent__isnull=True))
                | (~Q(kind__in=["kommun", "region"]) & Q(parent__isnull=False)),
                name="organisation_kommun_is_root",
                violation_error_message=_(
                    "A municipality is the root of its tree; "
                    "every other organisation belongs to one."
                ),
            ),
            models.UniqueConstraint(
                fields=["parent", "name"], name="organisation_unique_name_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.is_kommun:
            self.kommun_id = self.parent.kommun_id
        super().save(*args, **kwargs)
        if self.is_kommun and self.kommun_id != self.pk:
            # The root points at itself; only knowable once the row has its key.
            Organisation.objects.filter(pk=self.pk).update(kommun=self.pk)
            self.kommun_id = self.pk

    def get_absolute_url(self) -> str:
        return reverse("intkommun:organisation_detail", args=[self.pk])

    @property
    def licence(self) -> Licence:
        """The licence of the kommun's open data."""
        return LICENCES[self.open_data_licence]

    @property
    def is_kommun(self) -> bool:
        """Whether this is a top organisation: a kommun or a region."""
        return self.kind in self.TOP_KINDS

    @property
    def is_region(self) -> bool:
        return self.kind == self.Kind.REGION

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Organisation]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self) -> None:
        super().clean()
        if self.is_kommun:
            if self.parent_id:
                raise ValidationError(
                    {
                        "parent": _(
                            "A municipality cannot be part of another organisation."
                        )
                    }
                )
            return
        if self.parent is None:
            raise ValidationError(
                {"parent": _("Choose which organisation this one is part of.")}
            )
        if self.pk and (self.parent == self or self in self.parent.ancestors()):
            raise ValidationError(
                {
                    "parent": _(
                        "An organisation cannot be part of itself or of its own units."
                    )
                }
            )
        if self.pk and self.kommun_id and self.parent.kommun_id != self.kommun_id:
            raise ValidationError(
                {
                    "parent": _(
                        "An organisation cannot be moved to another municipality."
                    )
                }
            )
        if self.population is not None or self.population_source:
            raise ValidationError(
                {"population": _("Only a municipality has a population.")}
            )
        if self.logo:
            raise ValidationError({"logo": _("Only a municipality has a logo.")})
        if self.publishes_publicly or self.public_shows_names:
            raise ValidationError(
                {"publishes_publicly": _("Only a municipality publishes pages.")}
            )


class Membership(models.Model):
    """A user's role in an organisation; it covers the organisation's subtree."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        REPORTER = "reporter", _("reporter")
        READER = "reader", _("reader")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_contact_person = models.BooleanField(
        _("contact person for international work"), default=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique_user_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        super().clean()
        if (
            self.role == self.Role.COORDINATOR
            and self.organisation_id
            and not self.organisation.is_kommun
        ):
            raise ValidationError(
                {
                    "organisation": _(
                        "A coordinator is a member of the municipality itself."
                    )
                }
            )


# Who changed a person's name, e-mail or whether they may log in. The password hash
# never goes into the history; the last login is not a change anyone made.
simple_history.register(
    User, app="intkommun", excluded_fields=["password", "last_login"]
)

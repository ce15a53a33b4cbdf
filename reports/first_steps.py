"""The coordinator's first steps (DESIGN §1, a first day that guides): what a new
kommun does before the register is in use, each step with where to do it. Shown
on the start page until every step is done."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext as _

from actions.models import Action
from intkommun.models import Membership, Organisation
from reports.models import FollowUpRound
from reports.services import reportable_organisations
from strategies.models import Strategy


@dataclass(frozen=True)
class Step:
    label: str
    is_done: bool
    url: str
    link_text: str


def first_steps(kommun: Organisation) -> list[Step]:
    """The steps in order; one query, each step a subquery."""
    reporters = Membership.objects.filter(
        organisation__kommun=kommun.kommun_id, role=Membership.Role.REPORTER
    )
    done = (
        Organisation._base_manager.filter(pk=kommun.pk)
        .values(
            plan=Exists(Strategy.objects.filter(kommun=kommun)),
            actions=Exists(Action.objects.filter(plan__kommun=kommun)),
            organisations=Exists(reportable_organisations(kommun)),
            reporters=Exists(reporters),
            reporters_without_email=Exists(reporters.filter(user__email="")),
            round=Exists(FollowUpRound.objects.filter(kommun=kommun)),
        )
        .get()
    )
    add_organisation = reverse("intkommun:organisation_create")
    return [
        Step(
            _("Register the governing documents, first the action plan"),
            done["plan"],
            reverse("strategies:create"),
            _("Register a governing document"),
        ),
        Step(
            _("Add the plan's actions, or import the whole plan"),
            done["actions"],
            reverse("actions:import"),
            _("Import an action plan"),
        ),
        Step(
            _("Add the committees, administrations and companies that report"),
            done["organisations"],
            f"{add_organisation}?parent={kommun.pk}",
            _("Add an organisation"),
        ),
        Step(
            _("Invite the reporters, each with an e-mail address"),
            done["reporters"] and not done["reporters_without_email"],
            reverse("intkommun:person_invite"),
            _("Invite a person"),
        ),
        Step(
            _("Open the year's follow-up"),
            done["round"],
            f"{reverse('reports:round_create')}?kommun={kommun.pk}",
            _("Open a follow-up"),
        ),
    ]

"""Reporter editing through ``Access.reporter_organisations``, on a stand-in model.

The core has no model that reporters edit; domain apps declare one. This checks
the rule itself with Membership's organisation as the "responsible" organisation.
"""

from __future__ import annotations

import pytest

from intkommun import permissions
from intkommun.models import Membership, Organisation
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def responsible_rule(monkeypatch):
    rule = permissions.Access(kommun="kommun", reporter_organisations=("parent",))
    monkeypatch.setattr(Organisation, "access", rule)


def test_reporter_edits_what_their_organisation_is_responsible_for(
    responsible_rule, forvaltning_a, enhet_a, reporter_a
):
    # enhet_a's parent is förvaltning A: reporter A is responsible for it.
    assert permissions.can_edit(reporter_a, enhet_a)


def test_reporter_cannot_edit_another_organisations_object(
    responsible_rule, enhet_a, reporter_b
):
    assert not permissions.can_edit(reporter_b, enhet_a)


def test_reporter_rule_stays_within_the_kommun(
    responsible_rule, other_kommun, reporter_a
):
    foreign = Organisation.objects.create(
        parent=other_kommun,
        name="Annan förvaltning",
        kind=Organisation.Kind.FORVALTNING,
    )
    assert not permissions.can_edit(reporter_a, foreign)


def test_reporter_condition_narrows_what_a_reporter_may_edit(
    monkeypatch, forvaltning_a, enhet_a, reporter_a
):
    from django.db.models import Q

    rule = permissions.Access(
        kommun="kommun",
        reporter_organisations=("parent",),
        reporter_condition=Q(is_active=True),
    )
    monkeypatch.setattr(Organisation, "access", rule)
    enhet_a.is_active = False
    enhet_a.save()
    assert not permissions.can_edit(reporter_a, enhet_a)


def test_editable_query_never_repeats_rows(responsible_rule, forvaltning_a, enhet_a):
    # Two memberships of one reporter that both cover enhet A: still one row.
    reporter = member(forvaltning_a, Membership.Role.REPORTER, "dubbel")
    Membership.objects.create(
        user=reporter, organisation=enhet_a, role=Membership.Role.REPORTER
    )
    child = Organisation.objects.create(
        parent=enhet_a, name="Klass 9A", kind=Organisation.Kind.ENHET
    )
    rows = list(Organisation.objects.editable_by(reporter))
    assert rows.count(enhet_a) == 1
    assert rows.count(child) == 1


def test_private_objects_are_seen_only_by_their_organisations_reporters(
    monkeypatch,
    kommun,
    forvaltning_a,
    enhet_a,
    forvaltning_b,
    reporter_a,
    reporter_b,
    reader,
    coordinator,
):
    rule = permissions.Access(kommun="kommun", private_to_organisations=("parent",))
    monkeypatch.setattr(Organisation, "access", rule)
    # enhet_a's parent is förvaltning A: private to förvaltning A's reporters.
    assert permissions.can_view(reporter_a, enhet_a)
    assert not permissions.can_view(reporter_b, enhet_a)
    assert permissions.can_view(reader, enhet_a)
    assert permissions.can_view(coordinator, enhet_a)

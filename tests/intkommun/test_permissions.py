"""The rule table of DESIGN §3, for the core's own models."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from intkommun import permissions
from intkommun.models import Membership, Organisation
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_every_role_sees_every_organisation_of_its_own_kommun(
    kommun, forvaltning_a, forvaltning_b, coordinator, reporter_a, reader
):
    for user in (coordinator, reporter_a, reader):
        visible = set(Organisation.objects.visible_to(user))
        assert visible == {kommun, forvaltning_a, forvaltning_b}


def test_nobody_sees_another_kommuns_organisations(
    kommun, other_kommun, coordinator, reporter_a, reader
):
    for user in (coordinator, reporter_a, reader):
        assert other_kommun not in Organisation.objects.visible_to(user)
        assert not permissions.can_view(user, other_kommun)


def test_superuser_sees_every_kommun(kommun, other_kommun):
    admin = UserFactory(username="admin", is_superuser=True)
    assert set(Organisation.objects.visible_to(admin)) >= {kommun, other_kommun}
    assert permissions.can_edit(admin, other_kommun)


def test_the_kommuner_a_user_sees_by_name_are_those_organisations_visible_shows(
    kommun, other_kommun, forvaltning_a, django_assert_num_queries
):
    third = Organisation.objects.create(name="Götene kommun", kind="kommun")
    user = member(forvaltning_a, Membership.Role.READER, "tva_kommuner")
    member(other_kommun, Membership.Role.COORDINATOR, "annan")
    Membership.objects.create(
        user=user, organisation=other_kommun, role=Membership.Role.READER
    )
    expected = list(
        Organisation.objects.visible_to(user)
        .kommuner()
        .order_by("name")
        .values_list("pk", flat=True)
    )
    assert expected == [other_kommun.pk, kommun.pk]  # Essunga, then Skara
    permissions.forget(user)
    with django_assert_num_queries(1):  # the memberships, once for the request
        assert permissions.visible_kommun_ids_by_name(user) == expected
        assert permissions.visible_kommun_ids_by_name(user) == expected
    admin = UserFactory(username="admin", is_superuser=True)
    assert permissions.visible_kommun_ids_by_name(admin) == [
        other_kommun.pk,
        third.pk,
        kommun.pk,
    ]
    assert permissions.visible_kommun_ids_by_name(AnonymousUser()) == []


def test_the_kommuner_a_user_coordinates_by_name_from_the_memberships(
    kommun, other_kommun, forvaltning_a, django_assert_num_queries
):
    user = member(kommun, Membership.Role.COORDINATOR, "tva_roller")
    Membership.objects.create(
        user=user, organisation=other_kommun, role=Membership.Role.COORDINATOR
    )
    Membership.objects.create(
        user=user, organisation=forvaltning_a, role=Membership.Role.READER
    )
    expected = list(permissions.coordinator_kommuner(user))
    assert expected == [other_kommun, kommun]  # Essunga, then Skara
    permissions.forget(user)
    with django_assert_num_queries(1):  # the memberships, once for the request
        assert permissions.coordinated_kommuner(user) == expected
        assert permissions.coordinated_kommuner(user) == expected
    reader = member(forvaltning_a, Membership.Role.READER, "bara_lasare")
    assert permissions.coordinated_kommuner(reader) == []
    admin = UserFactory(username="admin", is_superuser=True)
    assert permissions.coordinated_kommuner(admin) == [other_kommun, kommun]
    assert permissions.coordinated_kommuner(AnonymousUser()) == []


def test_anonymous_and_inactive_users_see_nothing(kommun, coordinator):
    assert not Organisation.objects.visible_to(AnonymousUser()).exists()
    coordinator.is_active = False
    coordinator.save()
    permissions.forget(coordinator)
    assert not Organisation.objects.visible_to(coordinator).exists()


def test_user_without_membership_sees_nothing(kommun):
    assert not Organisation.objects.visible_to(UserFactory(username="ny")).exists()


def test_coordinator_edits_everything_in_own_kommun_only(
    kommun, other_kommun, forvaltning_a, coordinator
):
    assert permissions.can_edit(coordinator, kommun)
    assert permissions.can_edit(coordinator, forvaltning_a)
    assert not permissions.can_edit(coordinator, other_kommun)


def test_reader_edits_nothing(kommun, forvaltning_a, reader):
    assert not Organisation.objects.editable_by(reader).exists()


def test_reporter_cannot_edit_organisations(forvaltning_a, reporter_a):
    # Organisations name no reporter organisations: only coordinators change them.
    assert not permissions.can_edit(reporter_a, forvaltning_a)


def test_get_visible_or_404_hides_another_kommuns_object(other_kommun, coordinator):
    with pytest.raises(Http404):
        permissions.get_visible_or_404(
            coordinator, Organisation.objects.all(), pk=other_kommun.pk
        )


def test_get_editable_or_403_forbids_what_is_only_visible(forvaltning_a, reader):
    with pytest.raises(PermissionDenied):
        permissions.get_editable_or_403(
            reader, Organisation.objects.all(), pk=forvaltning_a.pk
        )


def test_reporter_membership_covers_the_subtree(forvaltning_a, enhet_a, forvaltning_b):
    reporter = member(forvaltning_a, Membership.Role.REPORTER, "r")
    scope = permissions._scope(reporter)
    assert scope.reporter_organisation_ids == {forvaltning_a.pk, enhet_a.pk}


def test_reporter_of_a_unit_does_not_cover_its_parent(forvaltning_a, enhet_a):
    reporter = member(enhet_a, Membership.Role.REPORTER, "r")
    assert permissions._scope(reporter).reporter_organisation_ids == {enhet_a.pk}


def test_is_coordinator_is_per_kommun(kommun, other_kommun, coordinator, reader):
    assert permissions.is_coordinator(coordinator, kommun)
    assert not permissions.is_coordinator(coordinator, other_kommun)
    assert not permissions.is_coordinator(reader, kommun)


def test_permissions_are_read_once_per_user(django_assert_num_queries, kommun, reader):
    permissions.visible_kommun_ids(reader)
    with django_assert_num_queries(0):
        permissions.visible_kommun_ids(reader)
        permissions.memberships(reader)


def test_own_organisations_are_the_memberships_with_their_subtrees(
    kommun, forvaltning_a, enhet_a, forvaltning_b, reporter_a, coordinator
):
    assert permissions.own_organisation_ids(reporter_a) == {
        forvaltning_a.pk,
        enhet_a.pk,
    }
    assert permissions.own_organisation_ids(coordinator) == {
        kommun.pk,
        forvaltning_a.pk,
        enhet_a.pk,
        forvaltning_b.pk,
    }


def test_who_may_register_new_things_for_which_organisations(
    kommun, forvaltning_a, enhet_a, forvaltning_b, coordinator, reporter_a, reader
):
    assert set(permissions.registrable_organisations(coordinator)) == {
        kommun,
        forvaltning_a,
        enhet_a,
        forvaltning_b,
    }
    assert set(permissions.registrable_organisations(reporter_a)) == {
        forvaltning_a,
        enhet_a,
    }
    assert not permissions.may_register(reader)


# -- kommun_id_of: the kommun a changed row belongs to ------------------------------


def test_kommun_id_of_follows_the_access_rule(
    kommun, forvaltning_a, django_assert_num_queries
):
    from actions.models import Action
    from tests.strategy_factories import StrategyFactory

    plan = StrategyFactory(kommun=kommun)
    action = Action.objects.create(plan=plan, title="Vänortsbesök")
    person = UserFactory()
    known: dict = {}

    with django_assert_num_queries(0):
        assert permissions.kommun_id_of(plan) == kommun.pk
        assert permissions.kommun_id_of(forvaltning_a) == kommun.pk
        assert permissions.kommun_id_of(person) is None  # no access rule
    with django_assert_num_queries(1):
        assert permissions.kommun_id_of(action, known) == kommun.pk
        assert permissions.kommun_id_of(action, known) == kommun.pk
    action.plan_id = None
    assert permissions.kommun_id_of(action) is None

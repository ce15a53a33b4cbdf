"""Factories for the tests: small, explicit, no randomness that assertions rely on."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from intkommun.models import Membership, Organisation


class KommunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    kind = Organisation.Kind.KOMMUN
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    short_name = ""


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.FORVALTNING
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    parent = factory.SubFactory(KommunFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("test-password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(KommunFactory)
    role = Membership.Role.READER


def member(organisation: Organisation, role: str, username: str, **kwargs):
    """A user with one role in one organisation."""
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role, **kwargs)
    return user

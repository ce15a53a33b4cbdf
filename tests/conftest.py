"""Personas of DESIGN §3, in two kommuner.

Kommun A ("Skara") has förvaltning A (with an enhet below it) and förvaltning B;
kommun B ("Essunga") has its own coordinator. Every access rule is tested with an
allowed and a denied persona from this set.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from intkommun.models import Membership, Organisation
from tests.factories import KommunFactory, OrganisationFactory, member

Role = Membership.Role


@pytest.fixture(autouse=True)
def _fast_and_swedish(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "sv"
    # A page's query count must not depend on how slow the machine is: a session is
    # refreshed (one UPDATE) only this long after the login; test_session_refresh.py
    # tests the production minute.
    settings.SESSION_REFRESH_SECONDS = 15 * 60
    # A cache of its own for each test, in memory: no test sees another's cached
    # key figures, and query counts leave the cache out. test_key_figures_cache.py
    # uses the production cache table.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def kommun(db) -> Organisation:
    return KommunFactory(name="Skara kommun", short_name="Skara")


@pytest.fixture
def other_kommun(db) -> Organisation:
    return KommunFactory(name="Essunga kommun", short_name="Essunga")


@pytest.fixture
def forvaltning_a(kommun) -> Organisation:
    return OrganisationFactory(parent=kommun, name="Barn- och utbildningsförvaltningen")


@pytest.fixture
def enhet_a(forvaltning_a) -> Organisation:
    return OrganisationFactory(
        parent=forvaltning_a, name="Katedralskolan", kind=Organisation.Kind.ENHET
    )


@pytest.fixture
def forvaltning_b(kommun) -> Organisation:
    return OrganisationFactory(parent=kommun, name="Samhällsbyggnadsförvaltningen")


@pytest.fixture
def coordinator(kommun):
    return member(kommun, Role.COORDINATOR, "samordnare", is_contact_person=True)


@pytest.fixture
def reporter_a(forvaltning_a):
    return member(forvaltning_a, Role.REPORTER, "rapportor_a")


@pytest.fixture
def reporter_b(forvaltning_b):
    return member(forvaltning_b, Role.REPORTER, "rapportor_b")


@pytest.fixture
def reader(kommun):
    return member(kommun, Role.READER, "lasare")


@pytest.fixture
def other_coordinator(other_kommun):
    return member(other_kommun, Role.COORDINATOR, "annan_samordnare")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    return client_for(coordinator)


@pytest.fixture
def reporter_a_client(reporter_a) -> Client:
    return client_for(reporter_a)


@pytest.fixture
def reporter_b_client(reporter_b) -> Client:
    return client_for(reporter_b)


@pytest.fixture
def reader_client(reader) -> Client:
    return client_for(reader)


@pytest.fixture
def other_coordinator_client(other_coordinator) -> Client:
    return client_for(other_coordinator)

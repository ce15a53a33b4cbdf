"""A review date of 1800-01-01 is a typo; the form says so in Swedish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strategies.models import Strategy
from tests.strategies.test_views import policy_data

pytestmark = pytest.mark.django_db

MESSAGE = "Ange ett datum mellan 1900-01-01 och 2100-12-31."


@pytest.mark.parametrize(
    "field", ["next_review_on", "adopted_on", "valid_from", "valid_until"]
)
def test_a_date_in_1800_is_refused_next_to_the_field(coordinator_client, kommun, field):
    data = policy_data(**{field: "1800-01-01"})
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()[field]
    assert [str(error.message) for error in errors] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    assert not Strategy.objects.exists()


def test_the_last_plausible_day_is_accepted(coordinator_client, kommun):
    data = policy_data(next_review_on="2100-12-31")
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 302
    assert Strategy.objects.get().next_review_on.year == 2100

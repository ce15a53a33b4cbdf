"""Every list's filters, sorting and paging, driven with arbitrary query strings
(hypothesis): the answer is a page or a refusal, never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import client_for
from tests.html_forms import FormFields

pytestmark = pytest.mark.django_db

# Every page that lists with a filter form, and the exports that take the same filter.
LISTS = [
    ("actions:list", None),
    ("actions:mine", None),
    ("projects:list", None),
    ("projects:partnership_list", None),
    ("projects:programme_list", None),
    ("projects:fund_list", None),
    ("projects:applications", None),
    ("projects:application_list", None),
    ("projects:key_figures", None),
    ("projects:gaps", None),
    ("strategies:list", None),
    ("strategies:due_for_review", None),
    ("strategies:goal_list", None),
    ("reports:round_list", None),
    ("reports:report_list", None),
    ("reports:year_end_list", None),
    ("intkommun:search", None),
    ("intkommun:organisation_list", None),
    ("actions:export", "actions:list"),
    ("projects:export", "projects:list"),
    ("projects:partnership_export", "projects:partnership_list"),
    ("projects:application_export", "projects:application_list"),
    ("strategies:export", "strategies:list"),
    ("strategies:goal_export", "strategies:goal_list"),
    ("reports:round_export", "reports:round_list"),
    ("intkommun:organisation_export", "intkommun:organisation_list"),
    ("reports:report_export", "reports:report_list"),
    ("reports:year_end_export", "reports:year_end_list"),
]
# What people and crawlers put in query strings besides the form's own fields.
EXTRA_NAMES = ["page", "o", "sort", "ordering", "year", "q", "kommun", "type"]

ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from(
        ["", "0", "-1", "10000", "99999999999999999999", "1e309", "NaN", "2017-13-45"]
    ),
)


def field_names(client, url_name: str) -> list[str]:
    """The names of the page's GET form fields, as a browser would send them."""
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    names = {
        name for form in FormFields(response.content.decode()).forms for name in form
    }
    return sorted(names - {"csrfmiddlewaretoken"}) + EXTRA_NAMES


@pytest.mark.parametrize(("url_name", "form_page"), LISTS)
def test_a_list_answers_any_query_string_without_a_server_error(
    coordinator, url_name, form_page
):
    client = client_for(coordinator)
    client.raise_request_exception = False
    names = field_names(client, form_page or url_name)
    url = reverse(url_name)

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: CI is repeatable
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        st.dictionaries(
            st.sampled_from(names), st.lists(ODD_TEXT, max_size=3), max_size=4
        )
    )
    def answers(query: dict[str, list[str]]) -> None:
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)

    answers()

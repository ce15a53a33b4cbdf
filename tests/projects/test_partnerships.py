"""Twin towns, exchanges, networks and agreements, and their activity logs."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from projects.exports import PARTNERSHIP_COLUMNS
from projects.models import Partnership, PartnershipActivity
from tests.spreadsheets import assert_text, exported_rows, hostile

pytestmark = pytest.mark.django_db

LIST = reverse("projects:partnership_list")
CREATE = reverse("projects:partnership_create")


def detail(partnership) -> str:
    return reverse("projects:partnership_detail", args=[partnership.pk])


def activity_url(partnership) -> str:
    return reverse("projects:partnership_activity_add", args=[partnership.pk])


def formset_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": v for name, v in row.items()})
    return data


def partnership_data(responsible, towns=None, funding=None, **fields) -> dict:
    data = {
        "kind": "twin_town",
        "name": "Nordiskt vänortssamarbete",
        "responsible_organisation": responsible.pk,
        "status": "active",
        "starts_on": "",
        "ends_on": "",
        "via": "",
        "agreement_on": "",
        "decision": "",
        "contacts": "",
        "annual_fee": "",
        "description": "",
        **formset_data(
            "towns", [{"name": "", "country": "IS"}] if towns is None else towns
        ),
        **formset_data("funding", funding or []),
    }
    return {**data, **fields}


def activity_data(**fields) -> dict:
    data = {
        "occurred_on": "2017-08-20",
        "kind": "visit",
        "purpose": "Vänortsutbyte",
        "participants": "12",
        "young_participants": "8",
        "cost": "24 500,50",
        "recurrence": "none",
    }
    return {**data, **fields}


def names(response) -> set[str]:
    return {partnership.name for partnership in response.context["object_list"]}


def test_the_list_is_scoped_filtered_and_exported(
    reader_client, partnership_a, foreign_partnership, kommun
):
    network = Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name="Europa Direkt",
        responsible_organisation=kommun,
    )
    assert names(reader_client.get(LIST)) == {partnership_a.name, network.name}
    assert names(reader_client.get(LIST, {"kind": "network"})) == {network.name}
    assert names(reader_client.get(LIST, {"country": "LT"})) == {partnership_a.name}
    assert names(reader_client.get(LIST, {"q": "radviliskis"})) == {partnership_a.name}
    response = reader_client.get(
        reverse("projects:partnership_export"), {"kind": "exchange"}
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [partnership_a.name]


def test_a_reporter_registers_a_partnership_for_their_organisation(
    reporter_a_client, forvaltning_a
):
    data = partnership_data(forvaltning_a, annual_fee="12 000", starts_on="2015")
    assert reporter_a_client.post(CREATE, data).status_code == 302
    partnership = Partnership.objects.get()
    assert [town.country.code for town in partnership.towns.all()] == ["IS"]
    assert partnership.annual_fee == Decimal("12000")
    assert (partnership.starts_on, partnership.starts_on_precision) == (
        datetime.date(2015, 1, 1),
        "year",
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"annual_fee": "-100"}, "annual_fee"),
        ({"annual_fee": "tolv"}, "annual_fee"),
        ({"agreement_on": "2015-02-30"}, "agreement_on"),
        ({"starts_on": "15000"}, "starts_on"),
        ({"starts_on": "2015", "ends_on": "2012"}, "ends_on"),
        ({"kind": ""}, "kind"),
    ],
)
def test_invalid_partnership_input_saves_nothing(
    reporter_a_client, forvaltning_a, fields, error
):
    response = reporter_a_client.post(CREATE, partnership_data(forvaltning_a, **fields))
    assert set(response.context["form"].errors) == {error}
    assert not Partnership.objects.exists()


def test_a_reporter_cannot_register_for_another_forvaltning(
    reporter_a_client, forvaltning_b
):
    response = reporter_a_client.post(CREATE, partnership_data(forvaltning_b))
    assert "responsible_organisation" in response.context["form"].errors
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("client_name", "view_status", "edit_status"),
    [
        ("coordinator_client", 200, 200),
        ("reporter_a_client", 200, 200),
        ("reporter_b_client", 200, 403),
        ("reader_client", 200, 403),
        ("other_coordinator_client", 404, 404),
    ],
)
def test_who_may_see_and_edit_a_partnership(
    request, partnership_a, client_name, view_status, edit_status
):
    client = request.getfixturevalue(client_name)
    assert client.get(detail(partnership_a)).status_code == view_status
    edit = reverse("projects:partnership_update", args=[partnership_a.pk])
    assert client.get(edit).status_code == edit_status


def test_a_reporter_logs_an_activity(reporter_a_client, partnership_a):
    response = reporter_a_client.post(activity_url(partnership_a), activity_data())
    assert response.status_code == 302
    activity = PartnershipActivity.objects.get()
    assert activity.partnership == partnership_a
    assert activity.young_participants == 8
    assert activity.cost == Decimal("24500.50")
    assert activity.occurred_on == datetime.date(2017, 8, 20)


def test_an_activity_known_only_by_its_year_is_logged_with_who_and_where(
    reporter_a_client, partnership_a
):
    data = activity_data(
        occurred_on="2012",
        kind="study_visit",
        participants_text="Skolelever från Katedralskolan, två lärare",
        countries=["LT", "LV"],
    )
    response = reporter_a_client.post(activity_url(partnership_a), data)
    assert response.status_code == 302
    activity = PartnershipActivity.objects.get()
    assert activity.occurred_on == datetime.date(2012, 1, 1)
    assert activity.occurred_on_precision == "year"
    assert str(activity.occurred) == "2012"
    assert activity.get_kind_display() == "Studiebesök"
    assert activity.participants_text == "Skolelever från Katedralskolan, två lärare"
    assert [country.code for country in activity.countries] == ["LT", "LV"]
    page = reporter_a_client.get(detail(partnership_a)).content.decode()
    assert "Skolelever från Katedralskolan" in page
    assert "Lettland" in page


def test_an_activity_known_by_its_month_prints_the_month(
    reporter_a_client, partnership_a
):
    data = activity_data(occurred_on="mars 2012", kind="delegation_sent")
    reporter_a_client.post(activity_url(partnership_a), data)
    activity = PartnershipActivity.objects.get()
    assert (activity.occurred_on, activity.occurred_on_precision) == (
        datetime.date(2012, 3, 1),
        "month",
    )
    assert "mars 2012" in reporter_a_client.get(detail(partnership_a)).content.decode()


def test_activities_logged_before_partial_dates_keep_their_day(partnership_a):
    activity = PartnershipActivity.objects.create(
        partnership=partnership_a,
        occurred_on=datetime.date(2016, 5, 4),
        kind=PartnershipActivity.Kind.DELEGATION,
        purpose="Delegation från Radviliskis",
    )
    assert str(activity.occurred) == "4 maj 2016"
    assert activity.countries == []


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"young_participants": "13"}, "young_participants"),
        ({"participants": ""}, "participants"),
        ({"cost": "-1"}, "cost"),
        ({"occurred_on": "igår"}, "occurred_on"),
        ({"occurred_on": "2012-13"}, "occurred_on"),
        ({"countries": ["XX"]}, "countries"),
        ({"participants_text": "x" * 301}, "participants_text"),
        ({"purpose": ""}, "purpose"),
    ],
)
def test_an_invalid_activity_is_shown_with_its_errors_and_not_saved(
    reporter_a_client, partnership_a, fields, error
):
    response = reporter_a_client.post(
        activity_url(partnership_a), activity_data(**fields)
    )
    assert response.status_code == 400
    assert error in response.context["activity_form"].errors
    assert not PartnershipActivity.objects.exists()


def test_an_activity_cannot_be_dated_in_the_future(reporter_a_client, partnership_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = activity_data(occurred_on=tomorrow.isoformat())
    response = reporter_a_client.post(activity_url(partnership_a), data)
    assert "occurred_on" in response.context["activity_form"].errors


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("reporter_b_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_only_editors_log_activities(request, partnership_a, client_name, status):
    client = request.getfixturevalue(client_name)
    assert (
        client.post(activity_url(partnership_a), activity_data()).status_code == status
    )
    assert not PartnershipActivity.objects.exists()


def test_text_typed_as_a_formula_is_exported_as_text_and_money_as_numbers(
    reader_client, forvaltning_a
):
    forvaltning_a.name = hostile(0)
    forvaltning_a.save()
    typed = {
        "name": hostile(1),
        "decision": hostile(3),
        "contacts": hostile(4),
        "description": hostile(5),
    }
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        responsible_organisation=forvaltning_a,
        annual_fee=Decimal("2500.00"),
        starts_on=datetime.date(2015, 1, 1),
        starts_on_precision="year",
        **typed,
    )
    partnership.towns.create(name=hostile(2), country="FI")
    response = reader_client.get(reverse("projects:partnership_export"))
    (row,) = exported_rows(response, PARTNERSHIP_COLUMNS)
    for header, value in [
        ("Name", typed["name"]),
        ("Partner towns", f"{hostile(2)}, Finland"),
        ("Decision", typed["decision"]),
        ("Contacts", typed["contacts"]),
        ("Description", typed["description"]),
        ("Responsible organisation", hostile(0)),
    ]:
        assert_text(row[header], value)
    assert (row["Annual fee (SEK)"].value, row["Annual fee (SEK)"].data_type) == (
        2500,
        "n",
    )
    assert row["Start"].value == "2015"


def test_a_logged_activity_is_corrected_and_its_history_says_who(
    reporter_a_client, reporter_a, partnership_a
):
    reporter_a_client.post(activity_url(partnership_a), activity_data())
    activity = PartnershipActivity.objects.get()
    url = reverse("projects:partnership_activity_update", args=[activity.pk])
    form = reporter_a_client.get(url).context["form"]
    data = {**activity_data(), "loaded_version": form["loaded_version"].value()}
    data.update(participants="14", young_participants="12", occurred_on="augusti 2017")
    response = reporter_a_client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.participants, activity.young_participants) == (14, 12)
    assert activity.occurred_on_precision == "month"
    newest = activity.history.first()
    assert (newest.history_type, newest.history_user) == ("~", reporter_a)
    assert (
        "augusti 2017" in reporter_a_client.get(detail(partnership_a)).content.decode()
    )


def test_a_wrong_correction_keeps_what_was_typed_and_saves_nothing(
    reporter_a_client, partnership_a
):
    reporter_a_client.post(activity_url(partnership_a), activity_data())
    activity = PartnershipActivity.objects.get()
    url = reverse("projects:partnership_activity_update", args=[activity.pk])
    data = {**activity_data(), "participants": "3", "young_participants": "9"}
    response = reporter_a_client.post(url, data)
    assert response.status_code == 200
    assert 'value="9"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.young_participants == 8


def test_an_activity_is_removed_only_after_confirming_and_its_history_keeps_it(
    reporter_a_client, reporter_a, partnership_a
):
    reporter_a_client.post(activity_url(partnership_a), activity_data())
    activity = PartnershipActivity.objects.get()
    url = reverse("projects:partnership_activity_remove", args=[activity.pk])
    page = reporter_a_client.get(url)
    assert page.status_code == 200 and PartnershipActivity.objects.exists()
    assert "Ta bort aktiviteten" in page.content.decode()
    response = reporter_a_client.post(url)
    assert response.url == detail(partnership_a) + "#activities"
    assert not PartnershipActivity.objects.exists()
    removed = PartnershipActivity.history.filter(history_type="-").get()
    assert (removed.young_participants, removed.history_user) == (8, reporter_a)

"""Indicators of a goal, their yearly values and the trend chart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from strategies.charts import nice_step, trend_chart
from strategies.models import Indicator, IndicatorValue
from strategies.templatetags.strategies_format import amount, paragraphs
from tests.strategy_factories import IndicatorFactory, IndicatorValueFactory
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(strategy):
    return strategy.goals.order_by("order").first()


@pytest.fixture
def indicator(goal):
    indicator = IndicatorFactory(
        goal=goal,
        name="Extern finansiering beviljad",
        target_value=500000,
        target_year=2025,
    )
    for year, value in ((2017, 120000), (2018, 250000), (2019, 410000)):
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    return indicator


def values_data(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "values-TOTAL_FORMS": str(len(rows)),
        "values-INITIAL_FORMS": str(initial),
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"values-{index}-{key}": value for key, value in row.items()})
    return data


def test_coordinator_adds_an_indicator_to_a_goal(coordinator_client, goal):
    url = reverse("strategies:indicator_create", args=[goal.pk])
    response = coordinator_client.post(
        url,
        {
            "name": "Unga deltagare i internationella utbyten",
            "unit": "st",
            "direction": "higher",
            "target_value": "200",
            "target_year": "2026",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert (indicator.goal, indicator.target_value) == (goal, Decimal("200"))


def test_reporter_cannot_add_an_indicator(reporter_a_client, goal):
    url = reverse("strategies:indicator_create", args=[goal.pk])
    assert (
        reporter_a_client.post(url, {"name": "X", "direction": "higher"}).status_code
        == 403
    )
    assert not Indicator.objects.exists()


def test_target_value_without_year_is_refused_next_to_the_year(
    coordinator_client, goal
):
    url = reverse("strategies:indicator_create", args=[goal.pk])
    response = coordinator_client.post(
        url, {"name": "X", "direction": "higher", "target_value": "10"}
    )
    assert "target_year" in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_coordinator_enters_values_per_year(coordinator_client, indicator):
    stored = list(indicator.values.order_by("year"))
    rows = [
        {"id": value.pk, "year": value.year, "value": value.value, "comment": ""}
        for value in stored
    ]
    rows[0]["value"] = "125000"
    rows.append(
        {"year": "2020", "value": "480000", "comment": "Två EU-projekt beviljade"}
    )
    data = values_data(rows, initial=len(stored))
    for index, value in enumerate(stored):
        data.update(loaded_version(value, f"values-{index}"))
    url = reverse("strategies:indicator_values", args=[indicator.pk])
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert dict(indicator.values.values_list("year", "value")) == {
        2017: Decimal("125000"),
        2018: Decimal("250000"),
        2019: Decimal("410000"),
        2020: Decimal("480000"),
    }


def test_two_values_for_the_same_year_are_refused(coordinator_client, indicator):
    rows = [{"year": "2021", "value": "1"}, {"year": "2021", "value": "2"}]
    url = reverse("strategies:indicator_values", args=[indicator.pk])
    response = coordinator_client.post(url, values_data(rows))
    assert response.status_code == 200
    assert not IndicatorValue.objects.filter(year=2021).exists()
    # Named as the form labels it, not by its code name ("för year").
    assert "Två rader har samma år; rätta en av dem." in response.content.decode()


def test_year_of_a_stored_value_cannot_be_changed(coordinator_client, indicator):
    value = indicator.values.get(year=2017)
    rows = [{"id": value.pk, "year": "2030", "value": "1"}]
    data = {**values_data(rows, initial=1), **loaded_version(value, "values-0")}
    url = reverse("strategies:indicator_values", args=[indicator.pk])
    coordinator_client.post(url, data)
    value.refresh_from_db()
    assert value.year == 2017


def test_reader_cannot_enter_values(reader_client, indicator):
    url = reverse("strategies:indicator_values", args=[indicator.pk])
    response = reader_client.post(url, values_data([{"year": "2021", "value": "9"}]))
    assert response.status_code == 403
    assert not IndicatorValue.objects.filter(year=2021).exists()


@pytest.mark.parametrize(
    "persona", ["coordinator_client", "reporter_a_client", "reader_client"]
)
def test_indicator_page_shows_a_chart_with_a_table_of_the_same_values(
    request, persona, indicator
):
    response = request.getfixturevalue(persona).get(indicator.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="trend-chart"' in content
    assert 'role="img"' in content and "<title" in content and "<desc" in content
    assert [point.year for point in response.context["chart"].points] == [
        2017,
        2018,
        2019,
    ]
    assert "<caption>" in content and "410\u00a0000" in content


def test_indicator_of_another_kommun_does_not_exist(
    other_coordinator_client, indicator
):
    assert other_coordinator_client.get(indicator.get_absolute_url()).status_code == 404


def test_coordinator_deletes_an_indicator(coordinator_client, indicator):
    url = reverse("strategies:indicator_delete", args=[indicator.pk])
    assert coordinator_client.post(url).status_code == 302
    assert not Indicator.objects.exists()


def test_goal_lists_its_indicators_on_the_document_page(coordinator_client, indicator):
    response = coordinator_client.get(indicator.goal.strategy.get_absolute_url())
    assert "Extern finansiering beviljad" in response.content.decode()


# -- chart geometry (pure) -----------------------------------------------------------------


def test_chart_of_no_values_is_none():
    assert trend_chart([]) is None


def test_chart_puts_years_left_to_right_and_higher_values_higher():
    chart = trend_chart([(2019, Decimal(30)), (2017, Decimal(10)), (2018, Decimal(20))])
    assert [point.year for point in chart.points] == [2017, 2018, 2019]
    xs = [point.x for point in chart.points]
    ys = [point.y for point in chart.points]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert chart.points[0].x == chart.left and chart.points[-1].x == chart.right


def test_chart_axis_covers_the_values_and_the_target():
    chart = trend_chart([(2017, Decimal(120000))], target=Decimal(500000))
    labels = [tick.label.replace("\u00a0", " ") for tick in chart.y_ticks]
    assert labels == ["0", "200 000", "400 000", "600 000"]
    assert chart.top < chart.target_y < chart.points[0].y < chart.bottom
    assert chart.points[0].x == (chart.left + chart.right) / 2


def test_chart_handles_negative_and_equal_values():
    chart = trend_chart([(2017, Decimal(-5)), (2018, Decimal(-5))])
    assert all(chart.top <= point.y <= chart.bottom for point in chart.points)


@pytest.mark.parametrize(
    ("span", "step"), [(10, 5), (500000, 200000), (0.3, 0.1), (7, 2)]
)
def test_nice_step_is_one_two_or_five_times_a_power_of_ten(span, step):
    assert nice_step(span) == pytest.approx(step)


# -- text formatting -------------------------------------------------------------------------


def test_paragraphs_turn_dash_lines_into_a_list_and_escape_html():
    html = paragraphs("Rapporteringen ska innehålla:\n\n- Projekt;\n- <b>Resultat</b>")
    assert html == (
        "<p>Rapporteringen ska innehålla:</p>"
        "<ul><li>Projekt;</li><li>&lt;b&gt;Resultat&lt;/b&gt;</li></ul>"
    )


def test_amount_shows_decimals_only_when_there_are_any():
    assert amount(Decimal("500000.00")) == "500\u00a0000"
    assert amount(Decimal("12.5")) == "12,50"
    assert amount(None) == "–"

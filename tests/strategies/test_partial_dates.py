"""Governing documents whose dates are known only by year or month: "antagen av
kommunfullmäktige 2012". In force only from what is known of the adoption, printed
as known, and the KS report's appendix with the deciding body and the chain of
versions."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from intkommun.partial_dates import Precision
from reports.services import goals_to_assess
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_html
from strategies.models import Strategy
from tests.factories import OrganisationFactory
from tests.strategies.test_views import policy_data
from tests.strategy_factories import GoalFactory, StrategyFactory, default_type
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

Status = Strategy.Status
YEAR, MONTH = Precision.YEAR, Precision.MONTH


def report_titles(kommun, year: int) -> list[str]:
    return [strategy.title for strategy in year_end_data(kommun, year).strategies]


def status_on(strategy: Strategy, day: datetime.date) -> str:
    """The Python rule and the database rule, which must agree."""
    annotated = Strategy.objects.with_status(day).get(pk=strategy.pk).annotated_status
    assert strategy.status_on(day) == annotated
    return annotated


def programme_2012(kommun, **fields) -> Strategy:
    fields = {
        "title": "Internationellt program",
        "adopted_on": datetime.date(2012, 1, 1),
        "adopted_on_precision": YEAR,
        **fields,
    }
    return StrategyFactory(kommun=kommun, **fields)


def registered_in(strategy: Strategy, year: int) -> None:
    """As if the document had been entered in the register in ``year``."""
    strategy.history.update(
        history_date=timezone.make_aware(datetime.datetime(year, 5, 4, 10, 0))
    )


# -- in force only from what is known of the adoption ------------------------------


def test_a_document_adopted_in_2012_is_in_the_2012_report_only_from_2012(kommun):
    programme_2012(kommun)
    assert report_titles(kommun, 2005) == []
    assert report_titles(kommun, 2011) == []
    assert report_titles(kommun, 2012) == ["Internationellt program"]
    assert report_titles(kommun, 2013) == ["Internationellt program"]


def test_the_goals_of_a_document_adopted_in_2012_are_assessed_from_2012(
    kommun, forvaltning_a
):
    goal = GoalFactory(strategy=programme_2012(kommun), text="Fler utbyten")
    goals_of = lambda year: [  # noqa: E731
        section.goal for section in year_end_data(kommun, year).goals
    ]
    assert goals_of(2011) == []
    assert goals_of(2012) == [goal]
    assert list(goals_to_assess(forvaltning_a, 2011)) == []
    assert list(goals_to_assess(forvaltning_a, 2012)) == [goal]


def test_a_year_counts_from_its_first_day(kommun):
    strategy = programme_2012(kommun)
    assert status_on(strategy, datetime.date(2011, 12, 31)) == Status.DRAFT
    assert status_on(strategy, datetime.date(2012, 1, 1)) == Status.IN_FORCE


def test_a_month_of_adoption_counts_from_its_first_day(kommun):
    strategy = programme_2012(
        kommun, adopted_on=datetime.date(2012, 3, 1), adopted_on_precision=MONTH
    )
    assert status_on(strategy, datetime.date(2012, 2, 29)) == Status.DRAFT
    assert status_on(strategy, datetime.date(2012, 3, 1)) == Status.IN_FORCE
    assert report_titles(kommun, 2011) == []
    assert report_titles(kommun, 2012) == ["Internationellt program"]


def test_valid_until_a_year_means_to_its_last_day(kommun):
    strategy = programme_2012(
        kommun, valid_until=datetime.date(2014, 1, 1), valid_until_precision=YEAR
    )
    assert status_on(strategy, datetime.date(2014, 12, 31)) == Status.IN_FORCE
    assert status_on(strategy, datetime.date(2015, 1, 1)) == Status.EXPIRED
    assert report_titles(kommun, 2014) == ["Internationellt program"]
    assert report_titles(kommun, 2015) == []


def test_valid_until_a_month_means_to_its_last_day(kommun):
    strategy = programme_2012(
        kommun, valid_until=datetime.date(2014, 6, 1), valid_until_precision=MONTH
    )
    assert status_on(strategy, datetime.date(2014, 6, 30)) == Status.IN_FORCE
    assert status_on(strategy, datetime.date(2014, 7, 1)) == Status.EXPIRED


def test_a_successor_adopted_in_a_year_replaces_from_that_year(kommun):
    old = programme_2012(
        kommun,
        title="Internationellt program 2008",
        adopted_on=datetime.date(2008, 1, 1),
    )
    programme_2012(kommun, title="Internationell strategi 2012", replaces=old)
    assert status_on(old, datetime.date(2011, 12, 31)) == Status.IN_FORCE
    assert status_on(old, datetime.date(2012, 12, 31)) == Status.REPLACED
    assert report_titles(kommun, 2011) == ["Internationellt program 2008"]
    assert report_titles(kommun, 2012) == ["Internationell strategi 2012"]


# -- "adopted, date not known" ------------------------------------------------------


def unknown(kommun, **fields) -> Strategy:
    return StrategyFactory(
        kommun=kommun,
        title="Internationell policy",
        adopted_on=None,
        adoption_date_unknown=True,
        **fields,
    )


def test_an_unknown_adoption_date_no_longer_counts_in_every_year(kommun):
    strategy = unknown(kommun)
    this_year = timezone.localdate().year
    assert report_titles(kommun, 2005) == []
    assert report_titles(kommun, this_year - 1) == []
    assert report_titles(kommun, this_year) == ["Internationell policy"]
    assert strategy.status == Status.IN_FORCE
    assert strategy.counted_from_year == this_year


def test_an_unknown_adoption_date_counts_from_the_year_it_was_registered(kommun):
    strategy = unknown(kommun)
    registered_in(strategy, 2010)
    strategy = Strategy.objects.get(pk=strategy.pk)
    assert report_titles(kommun, 2009) == []
    assert report_titles(kommun, 2010) == ["Internationell policy"]
    assert status_on(strategy, datetime.date(2009, 12, 31)) == Status.DRAFT
    assert status_on(strategy, datetime.date(2010, 1, 1)) == Status.IN_FORCE
    assert strategy.counted_from_year == 2010


def test_an_earlier_valid_from_says_when_an_unknown_adoption_applied(kommun):
    strategy = unknown(kommun, valid_from=datetime.date(2017, 1, 1))
    assert report_titles(kommun, 2016) == []
    assert report_titles(kommun, 2017) == ["Internationell policy"]
    assert status_on(strategy, datetime.date(2017, 6, 1)) == Status.IN_FORCE
    assert strategy.counted_from_year == 2017


def test_the_detail_page_says_from_when_an_unknown_date_counts(
    coordinator_client, kommun
):
    strategy = unknown(kommun)
    registered_in(strategy, 2010)
    page = coordinator_client.get(strategy.get_absolute_url()).content.decode()
    assert "Datum okänt" in page
    assert "Räknas som gällande från 2010" in page


# -- the form -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "precision", "shown", "printed"),
    [
        ("2012", datetime.date(2012, 1, 1), YEAR, "2012", "2012"),
        ("mars 2012", datetime.date(2012, 3, 1), MONTH, "2012-03", "mars 2012"),
        (
            "2012-03-15",
            datetime.date(2012, 3, 15),
            Precision.DAY,
            "2012-03-15",
            "15 mars 2012",
        ),
    ],
)
def test_the_form_takes_a_year_a_month_or_a_day_and_shows_it_back(
    coordinator_client, kommun, typed, stored, precision, shown, printed
):
    response = coordinator_client.post(
        reverse("strategies:create"), policy_data(adopted_on=typed)
    )
    assert response.status_code == 302
    strategy = Strategy.objects.get()
    assert (strategy.adopted_on, strategy.adopted_on_precision) == (stored, precision)
    form_page = coordinator_client.get(reverse("strategies:update", args=[strategy.pk]))
    assert f'value="{shown}"' in form_page.content.decode()
    detail = coordinator_client.get(strategy.get_absolute_url()).content.decode()
    assert printed in detail


def test_the_form_keeps_a_partial_date_through_an_edit(coordinator_client, kommun):
    coordinator_client.post(
        reverse("strategies:create"),
        policy_data(adopted_on="2012", valid_from="2012-03", valid_until="2014"),
    )
    strategy = Strategy.objects.get()
    url = reverse("strategies:update", args=[strategy.pk])
    data = policy_data(
        title="Nytt namn",
        adopted_on="2012",
        valid_from="2012-03",
        valid_until="2014",
        **loaded_version(strategy),
    )
    data = {key: value for key, value in data.items() if not key.startswith("goals")}
    data.update(
        {
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "1000",
        }
    )
    assert coordinator_client.post(url, data).status_code == 302
    strategy.refresh_from_db()
    assert strategy.title == "Nytt namn"
    assert str(strategy.adopted) == "2012"
    assert strategy.valid_from_precision == MONTH
    assert (strategy.valid_until, strategy.valid_until_precision) == (
        datetime.date(2014, 1, 1),
        YEAR,
    )


def test_valid_until_a_year_may_follow_a_day_in_that_year(coordinator_client, kommun):
    response = coordinator_client.post(
        reverse("strategies:create"),
        policy_data(valid_from="2012-03-15", valid_until="2012"),
    )
    assert response.status_code == 302
    assert Strategy.objects.get().valid_until_partial.last_day == datetime.date(
        2012, 12, 31
    )


def test_valid_until_a_year_before_valid_from_is_refused(coordinator_client, kommun):
    response = coordinator_client.post(
        reverse("strategies:create"),
        policy_data(valid_from="2013-03-15", valid_until="2012"),
    )
    assert response.status_code == 200
    assert "valid_until" in response.context["form"].errors
    assert not Strategy.objects.exists()


def test_the_form_tells_how_to_give_a_year_instead_of_an_unknown_date(
    coordinator_client, kommun
):
    page = coordinator_client.get(reverse("strategies:create")).content.decode()
    assert "Ange hellre åtminstone året" in page


# -- lists and exports ------------------------------------------------------------


def test_the_list_prints_dates_as_far_as_they_are_known(coordinator_client, kommun):
    programme_2012(
        kommun, valid_until=datetime.date(2014, 6, 1), valid_until_precision=MONTH
    )
    page = coordinator_client.get(reverse("strategies:list")).content.decode()
    assert ">2012<" in page
    assert "juni 2014" in page
    assert "1 januari 2012" not in page


def test_the_export_gives_partial_dates_as_text_and_days_as_dates(
    coordinator_client, kommun
):
    programme_2012(
        kommun,
        valid_from=datetime.date(2012, 3, 1),
        valid_from_precision=MONTH,
        valid_until=datetime.date(2015, 12, 31),
    )
    response = coordinator_client.get(reverse("strategies:export"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Beslutsdatum"] == "2012"
    assert row["Gäller från"] == "2012-03"
    assert row["Gäller till och med"] == datetime.datetime(2015, 12, 31)


# -- the KS report's appendix -------------------------------------------------------


@pytest.fixture
def chain(kommun):
    council = OrganisationFactory(
        kommun=kommun, parent=kommun, kind="namnd", name="Kommunfullmäktige"
    )
    programme = StrategyFactory(
        kommun=kommun,
        title="Internationellt program 2008",
        document_type=default_type("Program"),
        adopted_on=datetime.date(2008, 3, 1),
        adopted_on_precision=MONTH,
    )
    strategy = programme_2012(
        kommun,
        title="Internationell strategi 2012",
        adopted_by=council,
        paragraph="§ 96",
        replaces=programme,
    )
    return StrategyFactory(
        kommun=kommun,
        title="Internationell strategi 2016",
        adopted_by=None,
        adopted_by_text="Kommunstyrelsen",
        adopted_on=datetime.date(2016, 3, 15),
        valid_from=datetime.date(2016, 1, 1),
        valid_from_precision=YEAR,
        replaces=strategy,
    )


def appendix(kommun, year: int) -> str:
    with translation.override("sv"):
        data = year_end_data(kommun, year)
        html = year_end_html(data, memo_for(None, data, None))
    return " ".join(html[html.index('id="s-appendix"') :].split())


def test_the_appendix_prints_the_deciding_body_and_the_decision_as_known(kommun, chain):
    html = appendix(kommun, 2013)
    assert "Kommunfullmäktige 2012 § 96" in html
    html = appendix(kommun, 2016)
    assert "Kommunstyrelsen 15 mars 2016" in html
    assert "Från och med 2016, tillsvidare" in html


def test_the_appendix_shows_the_chain_of_versions(kommun, chain):
    html = appendix(kommun, 2016)
    assert (
        "Ersätter: Internationell strategi 2012 (beslut 2012), som ersatte "
        "Internationellt program 2008 (beslut mars 2008)"
    ) in html


def test_the_chain_costs_the_same_queries_for_one_document_or_many(kommun, chain):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year_end_data(kommun, 2016)
        return len(captured)

    before = queries()
    for number in range(5):
        older = StrategyFactory(kommun=kommun, title=f"Plan {number} äldre")
        StrategyFactory(kommun=kommun, title=f"Plan {number}", replaces=older)
    assert queries() == before


def test_the_detail_page_shows_the_chain_with_links(coordinator_client, chain):
    page = " ".join(
        coordinator_client.get(chain.get_absolute_url()).content.decode().split()
    )
    assert "som ersatte" in page
    assert chain.replaces.replaces.get_absolute_url() in page
    assert "(beslut mars 2008)" in page

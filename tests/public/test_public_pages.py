"""Issue 19: a kommun's public pages, opt-in by its coordinator.

Nothing is public until the kommun publishes; then only what the models' public
rules allow: documents in force (never drafts), actions of adopted plans with
their status in the kommun's words and latest progress (no one's name unless
allowed), granted EU projects, partnerships and adopted KS reports.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate, StatusTerm
from intkommun.formatting import format_long_date as long_date
from projects.models import FundApplication, Partnership, Project
from reports.models import AnnualReport, FollowUpRound, YearEndReport
from strategies.models import Strategy
from tests.factories import KommunFactory, OrganisationFactory
from tests.strategy_factories import GoalFactory, StrategyFactory, default_type

pytestmark = pytest.mark.django_db

PAGES = (
    "public:kommun",
    "public:documents",
    "public:action_plans",
    "public:projects",
    "public:partnerships",
    "public:year_end_list",
)
ADOPTED_PDF = b"%PDF-1.7\n% the adopted KS report\n"
DRAFT_PDF = b"%PDF-1.7\n% a draft\n"


def publish(kommun, *, names: bool = False) -> None:
    kommun.publishes_publicly = True
    kommun.public_shows_names = names
    kommun.save()


@pytest.fixture
def plan(kommun):
    return StrategyFactory(
        kommun=kommun,
        title="Handlingsplan för internationellt arbete 2026",
        document_type=default_type("Handlingsplan"),
    )


@pytest.fixture
def action(plan, coordinator):
    action = Action.objects.create(
        plan=plan, reference="2.1", title="Delta i V6-nätverket", status="in_progress"
    )
    ActionUpdate.objects.create(
        action=action,
        occurred_on=datetime.date(2026, 3, 4),
        author=coordinator,
        text="Första mötet hölls i Lidköping.",
    )
    return action


def adopted_report(kommun, year: int = 2025) -> YearEndReport:
    report = YearEndReport.objects.create(
        kommun=kommun, year=year, sha256=hashlib.sha256(ADOPTED_PDF).hexdigest()
    )
    report.file.save("ks-rapport.pdf", ContentFile(ADOPTED_PDF))
    report.status = YearEndReport.Status.ADOPTED
    report.ks_paragraph = "§ 42"
    report.adopted_at = timezone.now()
    report.save()
    return report


def draft_report(kommun, year: int = 2026) -> YearEndReport:
    report = YearEndReport.objects.create(
        kommun=kommun, year=year, sha256=hashlib.sha256(DRAFT_PDF).hexdigest()
    )
    report.file.save("ks-rapport.pdf", ContentFile(DRAFT_PDF))
    return report


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def page(kommun, name: str) -> str:
    return Client().get(reverse(name, args=[kommun.pk])).content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_kommun_that_does_not_publish_has_no_public_pages(kommun, action, name):
    adopted_report(kommun)
    assert Client().get(reverse(name, args=[kommun.pk])).status_code == 404


def test_its_adopted_report_cannot_be_downloaded_either(kommun):
    adopted_report(kommun)
    url = reverse("public:year_end_download", args=[kommun.pk, 2025])
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_an_unknown_kommun_or_an_organisation_below_one_is_404(kommun, name):
    publish(kommun)
    below = OrganisationFactory(parent=kommun, name="Kultur")
    assert Client().get(reverse(name, args=[below.pk])).status_code == 404
    assert Client().get(reverse(name, args=[below.pk + 1000])).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_a_publishing_kommun_shows_its_pages_to_anyone_in_swedish(kommun, name):
    publish(kommun)
    response = Client(headers={"accept-language": "en"}).get(
        reverse(name, args=[kommun.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert 'class="skip-link"' in html
    assert "Skara kommun" in html
    assert reverse("intkommun:search") not in html  # no staff menu


def test_the_plan_shows_each_action_with_its_status_in_the_kommuns_words(
    kommun, action
):
    StatusTerm.objects.create(kommun=kommun, term="Påbörjad", status="in_progress")
    publish(kommun)
    html = page(kommun, "public:action_plans")
    assert "Handlingsplan för internationellt arbete 2026" in html
    assert "Delta i V6-nätverket" in html
    assert "Påbörjad" in html
    assert "Första mötet hölls i Lidköping." in html
    assert "4 mars 2026" in html


def test_no_one_is_named_unless_the_coordinator_allows_it(kommun, action, coordinator):
    coordinator.first_name, coordinator.last_name = "Anna", "Samordnarsson"
    coordinator.save()
    Project.objects.create(
        title="Unga i Europa",
        owner=kommun,
        status=Project.Status.ONGOING,
        contact_person="Bertil Kontaktsson",
    )
    publish(kommun)
    for name in PAGES:
        html = page(kommun, name)
        assert "Samordnarsson" not in html
        assert "Kontaktsson" not in html
        assert coordinator.username not in html
    publish(kommun, names=True)
    assert "Anna Samordnarsson" in page(kommun, "public:action_plans")
    assert "Bertil Kontaktsson" in page(kommun, "public:projects")


def test_drafts_removed_objects_and_other_kommuners_are_never_shown(
    kommun, other_kommun, plan, action, coordinator
):
    StrategyFactory(kommun=kommun, title="Utkast till strategi", adopted_on=None)
    StrategyFactory(
        kommun=kommun,
        title="Gammal policy",
        valid_until=datetime.date(2019, 12, 31),
    )
    StrategyFactory(kommun=other_kommun, title="Essungas policy")
    GoalFactory(strategy=plan, text="Fler ansökningar beviljas.")
    GoalFactory(strategy=plan, text="Borttaget mål").remove(by=coordinator)
    Action.objects.create(plan=plan, title="Borttagen åtgärd").remove(by=coordinator)
    Project.objects.create(title="Bara en idé", owner=kommun)
    Project.objects.create(
        title="Beviljat men borttaget", owner=kommun, status=Project.Status.ONGOING
    ).remove(by=coordinator)
    Partnership.objects.create(
        kind=Partnership.Kind.NETWORK, name="V6", responsible_organisation=kommun
    )
    Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Borttagen vänort",
        responsible_organisation=kommun,
    ).remove(by=coordinator)
    draft_report(kommun)
    publish(kommun)
    html = "".join(page(kommun, name) for name in PAGES)
    assert "Fler ansökningar beviljas." in html
    assert "V6" in html
    assert "ks-rapporter/2026/" not in html  # the draft KS report
    for hidden in (
        "Utkast till strategi",
        "Gammal policy",
        "Essungas policy",
        "Borttaget mål",
        "Borttagen åtgärd",
        "Bara en idé",
        "Beviljat men borttaget",
        "Borttagen vänort",
    ):
        assert hidden not in html, hidden


def test_annual_reports_and_fund_applications_are_never_public(kommun, forvaltning_a):
    round_ = FollowUpRound.objects.create(
        kommun=kommun, year=2025, deadline=datetime.date(2026, 2, 1)
    )
    AnnualReport.objects.create(round=round_, organisation=forvaltning_a)
    publish(kommun)
    assert AnnualReport.objects.exists()
    assert not AnnualReport.objects.public_in(kommun).exists()
    assert not FundApplication.objects.public_in(kommun).exists()


def test_eu_projects_show_their_funding_and_programme(kommun):
    Project.objects.create(
        title="Unga i Europa",
        owner=kommun,
        status=Project.Status.ONGOING,
        currency="EUR",
        exchange_rate=Decimal("11.5"),
        municipality_budget=Decimal("200000"),
        eu_grant=Decimal("160000"),
    )
    publish(kommun)
    html = page(kommun, "public:projects")
    assert "Unga i Europa" in html
    assert "160\xa0000" in html
    assert "200\xa0000" in html


def test_the_adopted_report_downloads_byte_for_byte_with_its_checksum_shown(kommun):
    report = adopted_report(kommun)
    publish(kommun)
    html = page(kommun, "public:year_end_list")
    assert report.sha256 in html
    assert report.sha256 == hashlib.sha256(ADOPTED_PDF).hexdigest()
    url = reverse("public:year_end_download", args=[kommun.pk, 2025])
    assert url in html
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == ADOPTED_PDF


def test_a_report_that_is_not_adopted_cannot_be_downloaded(kommun):
    draft_report(kommun, 2026)
    publish(kommun)
    url = reverse("public:year_end_download", args=[kommun.pk, 2026])
    assert Client().get(url).status_code == 404
    assert "ks-rapporter/2026/" not in page(kommun, "public:year_end_list")


def test_another_kommuns_adopted_report_is_not_served_under_this_kommun(
    kommun, other_kommun
):
    adopted_report(other_kommun, 2024)
    publish(kommun)
    publish(other_kommun)
    url = reverse("public:year_end_download", args=[kommun.pk, 2024])
    assert Client().get(url).status_code == 404


def test_the_sitemap_lists_only_publishing_kommuner(kommun, other_kommun):
    publish(kommun)
    xml = Client().get(reverse("public:sitemap")).content.decode()
    for name in PAGES:
        assert reverse(name, args=[kommun.pk]) in xml
    assert f"/offentligt/{other_kommun.pk}/" not in xml
    assert "<urlset" in xml


def test_stopping_publication_takes_effect_at_once_despite_the_cache(kommun):
    publish(kommun)
    assert Client().get(reverse("public:kommun", args=[kommun.pk])).status_code == 200
    kommun.publishes_publicly = False
    kommun.save()
    assert Client().get(reverse("public:kommun", args=[kommun.pk])).status_code == 404


def test_a_page_is_cached_for_five_minutes(kommun, plan, django_assert_num_queries):
    publish(kommun)
    url = reverse("public:action_plans", args=[kommun.pk])
    Client().get(url)
    Action.objects.create(plan=plan, title="Ny åtgärd i dag")
    with django_assert_num_queries(1):  # only whether the kommun still publishes
        response = Client().get(url)
    assert "Ny åtgärd i dag" not in response.content.decode()


def test_the_coordinator_publishes_on_the_kommuns_form(coordinator_client, kommun):
    url = reverse("intkommun:organisation_update", args=[kommun.pk])
    form = coordinator_client.get(url).context["form"]
    assert "publishes_publicly" in form.fields
    assert "public_shows_names" in form.fields


def test_an_organisation_below_the_kommun_has_no_publishing_setting(
    coordinator_client, forvaltning_a
):
    url = reverse("intkommun:organisation_update", args=[forvaltning_a.pk])
    form = coordinator_client.get(url).context["form"]
    assert "publishes_publicly" not in form.fields
    assert "open_data_licence" not in form.fields


def test_the_public_rules_need_the_kommun_to_publish(kommun, action):
    assert not Action.objects.public_in(kommun).exists()
    publish(kommun)
    assert list(Action.objects.public_in(kommun)) == [action]


def test_a_kommun_of_another_kind_is_not_public_by_default():
    assert KommunFactory().publishes_publicly is False


@pytest.mark.parametrize("name", PAGES)
def test_every_page_says_the_licence_and_links_the_open_api(kommun, name):
    publish(kommun)
    html = page(kommun, name)
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in html
    assert "öppna data under licensen" in html
    assert f'href="/api/v1/strategies/?kommun={kommun.pk}"' in html
    assert 'href="/api/v1/openapi.json"' in html


def test_a_new_licence_shows_at_once_despite_the_cache(kommun):
    publish(kommun)
    assert "CC0 1.0" in page(kommun, "public:kommun")
    kommun.open_data_licence = kommun.OpenDataLicence.CC_BY
    kommun.save()
    html = page(kommun, "public:kommun")
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "CC0 1.0" not in html
    assert kommun.history.first().open_data_licence == "CC-BY-4.0"


def test_the_coordinator_chooses_the_licence_on_the_kommuns_form(
    coordinator_client, kommun
):
    url = reverse("intkommun:organisation_update", args=[kommun.pk])
    form = coordinator_client.get(url).context["form"]
    assert form.initial["open_data_licence"] == "CC0-1.0"
    assert [value for value, _label in form.fields["open_data_licence"].choices] == [
        "CC0-1.0",
        "CC-BY-4.0",
    ]


def date_history(model, day: datetime.date) -> None:
    """Move the model's history entries to ``day`` (noon, Swedish time)."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    model.history.update(history_date=at)


def footer(html: str) -> str:
    return html[html.index("<footer") :]


def test_the_footer_says_who_publishes_and_when_what_is_shown_last_changed(
    kommun, plan, action
):
    for model in (Strategy, Action, ActionUpdate):
        date_history(model, datetime.date(2020, 3, 4))
    # Changed later, but nobody sees it: a draft and another kommun's policy.
    StrategyFactory(kommun=kommun, title="Utkast", adopted_on=None)
    StrategyFactory(title="Essungas policy")
    publish(kommun)
    for name in PAGES:
        text = footer(page(kommun, name))
        assert "Publicerat av Skara kommun" in text
        assert "Uppgifterna ändrades senast den 4 mars 2020." in text


def test_a_newer_progress_entry_dates_the_pages(kommun, plan, action, coordinator):
    for model in (Strategy, Action, ActionUpdate):
        date_history(model, datetime.date(2020, 3, 4))
    ActionUpdate.objects.create(
        action=action,
        occurred_on=datetime.date(2026, 5, 1),
        author=coordinator,
        text="Andra mötet.",
    )
    publish(kommun)
    text = footer(page(kommun, "public:documents"))
    assert f"senast den {long_date(timezone.localdate())}." in text


def test_with_nothing_shown_the_footer_gives_no_date(kommun):
    publish(kommun)
    text = footer(page(kommun, "public:kommun"))
    assert "Publicerat av Skara kommun" in text
    assert "ändrades senast" not in text


@pytest.mark.parametrize("name", PAGES)
def test_a_register_holding_the_demos_examples_says_it_is_a_demonstration(kommun, name):
    publish(kommun)
    assert "Demonstrationsdata" not in page(kommun, name)
    OrganisationFactory(parent=kommun, name="Exempelförvaltningen", is_example=True)
    cache.clear()
    html = page(kommun, name)
    assert "Demonstrationsdata:" in html
    assert "inte kommunens officiella uppgifter" in html
    # Inside the main content, so "skip to content" does not skip it.
    assert html.index('id="main"') < html.index("Demonstrationsdata")


def test_another_kommuns_examples_do_not_make_this_one_a_demonstration(
    kommun, other_kommun
):
    OrganisationFactory(parent=other_kommun, name="Påhittad", is_example=True)
    publish(kommun)
    assert "Demonstrationsdata" not in page(kommun, "public:kommun")


def test_the_adoption_date_is_written_the_swedish_way(kommun):
    report = adopted_report(kommun, 2016)
    YearEndReport.objects.filter(pk=report.pk).update(
        adopted_at=timezone.make_aware(datetime.datetime(2017, 3, 6, 10))
    )
    publish(kommun)
    html = page(kommun, "public:year_end_list")
    assert ">6 mars 2017</time>" in html
    assert "2017-03-06</td>" not in html

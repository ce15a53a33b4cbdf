"""The five seed documents as ``seed_demo`` loads them (seeds/README.md)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from intkommun.demo import SEED_FOLDER, load_organisations_and_users
from strategies.demo import load_demo
from strategies.demo_documents import SEED_DOCUMENTS
from strategies.models import FocusArea, Goal, Strategy
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

Status = Strategy.Status
date = datetime.date
SEEDS = SEED_FOLDER


@pytest.fixture
def demo(db):
    load_organisations_and_users(io.StringIO())
    load_demo(io.StringIO())


def document(kommun: str, title: str) -> Strategy:
    return Strategy.objects.get(kommun__name=kommun, title=title)


def counts(strategy: Strategy) -> tuple[int, int, int]:
    return (
        strategy.goals.filter(kind=Goal.Kind.PURPOSE).count(),
        strategy.goals.filter(kind=Goal.Kind.GOAL).count(),
        strategy.focus_areas.count(),
    )


def test_essunga_plan_is_loaded_as_the_seed_says(demo):
    plan = document("Essunga kommun", "Internationell strategisk plan")
    assert plan.document_type.name == "Plan"
    assert (plan.adopted_by.name, plan.adopted_on, plan.paragraph) == (
        "Kommunfullmäktige",
        date(2017, 2, 20),
        "§ 4",
    )
    assert plan.diary_number == "2016.000193"
    assert (plan.valid_from, plan.valid_until) == (date(2017, 1, 1), date(2019, 12, 31))
    assert (plan.document_owner, plan.applies_to_text) == (
        "Kommunchef",
        "Samtliga nämnder",
    )
    assert counts(plan) == (7, 7, 0)
    goals = list(plan.goals.filter(kind=Goal.Kind.GOAL).values_list("text", flat=True))
    assert goals[1] == "Ökad extern finansiering."
    assert plan.status_on(date(2018, 1, 1)) == Status.IN_FORCE
    assert plan.status_on(date(2026, 1, 1)) == Status.EXPIRED


def test_skara_strategy_and_its_action_plan_are_loaded(demo):
    strategy = document("Skara kommun", "Strategi för ökad internationalisering")
    plan = document(
        "Skara kommun",
        "Handlingsplan genomförande – Strategi för ökad internationalisering",
    )
    # Nothing the seed does not say: no date, §, Dnr or validity for the strategy.
    assert (strategy.adopted_on, strategy.paragraph, strategy.diary_number) == (
        None,
        "",
        "",
    )
    assert (strategy.valid_from, strategy.valid_until) == (None, None)
    assert strategy.adoption_date_unknown
    assert counts(strategy) == (0, 0, 3)
    # "tar sin utgångspunkt i Skara Vision 2025": the vision comes first.
    assert [(g.kind, g.text) for g in strategy.goals.all()] == [
        (
            Goal.Kind.VISION,
            "Visionens mål är att 2025 ska en välfärd med god kvalitet vara självklar.",
        )
    ]
    assert list(strategy.focus_areas.values_list("title", flat=True)) == [
        "Internationella nätverk, kontakter och relationer",
        "Omvärlds- och intressebevakning",
        "Transnationella utvecklingsprojekt",
    ]
    assert plan.parent == strategy
    assert plan.document_type.name == "Handlingsplan" and plan.is_action_plan
    assert counts(plan) == (0, 3, 0)
    assert list(plan.goals.values_list("label", flat=True)) == ["a", "b", "c"]
    assert plan.goals.get(label="b").text.startswith(
        "Att utbilda Skara kommuns förvaltningar"
    )
    assert "500 000 kr" in plan.budget_text and "250 000 kronor" in plan.budget_text
    assert plan.focus_areas_in_use() == (strategy, list(strategy.focus_areas.all()))


def test_enkoping_policy_is_loaded_with_its_nine_goals(demo):
    policy = document("Enköpings kommun", "Internationell policy för Enköpings kommun")
    assert policy.document_type.name == "Policy"
    assert policy.diary_number == "KS2013/520"
    assert policy.adopted_on is None and policy.adoption_date_unknown
    assert counts(policy) == (0, 9, 0)
    assert policy.purpose.startswith(
        "Syftet med Enköping kommuns internationella arbete"
    )
    assert "Stockholm Business Alliance" in policy.goals.get(order=3).text


def test_vaxjo_strategy_replaces_the_2009_strategy(demo):
    strategy = document("Växjö kommun", "Internationell strategi för Växjö kommun")
    old = document("Växjö kommun", "Internationell strategi")
    assert (strategy.adopted_by.name, strategy.adopted_on, strategy.paragraph) == (
        "Kommunfullmäktige",
        date(2013, 10, 15),
        "§ 213",
    )
    assert strategy.diary_number == "KS/2012:935"
    assert strategy.valid_until is None
    assert strategy.document_owner == "Planeringskontoret"
    assert counts(strategy) == (2, 0, 3)
    assert list(strategy.focus_areas.values_list("title", flat=True)) == [
        "Extern finansiering",
        "Omvärldssamverkan",
        "Kompetensutveckling",
    ]
    assert strategy.replaces == old
    assert (old.adopted_by.name, old.adopted_on, old.paragraph) == (
        "Kommunfullmäktige",
        date(2009, 8, 25),
        "§ 170",
    )
    assert (old.diary_number, old.purpose, counts(old)) == ("", "", (0, 0, 0))
    assert old.status == Status.REPLACED
    assert strategy.status == Status.IN_FORCE


def test_skovde_policy_is_loaded_with_its_review_interval(demo):
    policy = document("Skövde kommun", "Policy för internationellt arbete")
    assert (policy.adopted_by.name, policy.adopted_on, policy.paragraph) == (
        "Kommunfullmäktige",
        date(2016, 6, 20),
        "§ 96",
    )
    assert policy.diary_number == "KS2016.0110"
    assert policy.valid_until is None
    assert policy.review_interval == "1 gång per mandatperiod"
    assert policy.document_owner == "SC SMS"
    assert policy.applies_to_text == "Samtliga sektorer, nämnder och kommunala bolag"
    assert counts(policy) == (4, 2, 0)
    assert policy.status == Status.IN_FORCE


def test_each_kommuns_coordinator_sees_only_its_own_seed_documents(demo):
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="vaxjo.samordnare")
    response = client_for(coordinator).get(reverse("strategies:list"))
    assert sorted(s.title for s in response.context["object_list"]) == [
        "Internationell strategi",
        "Internationell strategi för Växjö kommun",
    ]


def test_seed_demo_twice_creates_nothing_new(db):
    call_command("seed_demo", stdout=io.StringIO())
    before = (
        Strategy.objects.count(),
        Goal.objects.count(),
        FocusArea.objects.count(),
        Strategy.history.count(),
        Goal.history.count(),
        FocusArea.history.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    after = (
        Strategy.objects.count(),
        Goal.objects.count(),
        FocusArea.objects.count(),
        Strategy.history.count(),
        Goal.history.count(),
        FocusArea.history.count(),
    )
    # The seeds' seven documents and the example plan of last year to next year,
    # with its two example goals.
    assert before == after == (8, 37, 6, 8, 37, 6)


def test_every_demo_text_is_verbatim_from_its_seed():
    def normal(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("*", "")).strip()

    for seed in SEED_DOCUMENTS:
        source = normal((SEEDS / seed.source).read_text(encoding="utf-8"))
        texts = [
            seed.purpose,
            seed.budget_text,
            seed.follow_up_text,
            seed.review_interval,
            *seed.visions,
            *seed.purposes,
            *(g.text for g in seed.goals),
            *(a.title for a in seed.focus_areas),
            *(a.description for a in seed.focus_areas),
        ]
        for text in texts:
            for line in text.split("\n"):
                line = line.removeprefix("- ").strip()
                assert normal(line) in source, (seed.title, line)


def test_no_seed_states_a_version_or_who_prepared_it_so_none_is_set(demo):
    # No "Version" or "Utarbetad av" in the five headers. Skövde's "Reviderad: Ej
    # reviderad" and Växjö's "Senast ändrad" are left to the coordinator.
    assert not Strategy.objects.exclude(version_text="", prepared_by="").exists()
    for seed in SEED_DOCUMENTS:
        source = (SEEDS / seed.source).read_text(encoding="utf-8")
        assert "Utarbetad av" not in source and "Version" not in source


def test_demo_restores_default_types_that_a_flushed_database_has_lost(db):
    from strategies.models import DocumentType

    DocumentType.objects.all().delete()
    load_organisations_and_users(io.StringIO())
    load_demo(io.StringIO())
    assert DocumentType.objects.defaults().count() == 7
    assert Strategy.objects.count() == 7

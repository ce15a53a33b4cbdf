"""Pages of the register: who sees and edits what, and saving a document."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from intkommun.models import Organisation
from strategies import validators
from strategies.models import Goal, Strategy
from tests.factories import OrganisationFactory, UserFactory
from tests.strategies.conftest import EXE_BYTES, PDF_BYTES, docx_bytes, upload
from tests.strategy_factories import (
    FocusAreaFactory,
    GoalFactory,
    IndicatorFactory,
    StrategyFactory,
    default_type,
)
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


def formset_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def policy_data(**overrides) -> dict:
    """What a coordinator types for Skövde's policy (seed 004)."""
    data = {
        "document_type": default_type("Policy").pk,
        "title": "Policy för internationellt arbete",
        "adopted_on": "2016-06-20",
        "paragraph": "96",
        "diary_number": "KS2016.0110",
        "valid_from": "",
        "valid_until": "",
        "document_owner": "SC SMS",
        "applies_to_text": "Samtliga sektorer, nämnder och kommunala bolag",
        "review_interval": "1 gång per mandatperiod",
        "purpose": "Syftet med policyn är att tydliggöra hur Skövde kommun valt att "
        "definiera internationellt arbete.",
        **formset_data("focus_areas", []),
        **formset_data(
            "goals",
            [
                {
                    "kind": "purpose",
                    "order": "1",
                    "text": "utveckla kommunens olika verksamheter,",
                },
                {
                    "kind": "goal",
                    "order": "2",
                    "text": "En annan målsättning är ökad förståelse.",
                },
            ],
        ),
    }
    data.update(overrides)
    return data


# -- seeing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["coordinator_client", "reporter_a_client", "reader_client"]
)
def test_everyone_in_the_kommun_sees_its_documents(
    request, persona, strategy, other_strategy
):
    client = request.getfixturevalue(persona)
    listing = client.get(reverse("strategies:list"))
    assert list(listing.context["object_list"]) == [strategy]
    assert client.get(strategy.get_absolute_url()).status_code == 200


def test_another_kommuns_document_does_not_exist_for_a_coordinator(
    other_coordinator_client, strategy
):
    assert other_coordinator_client.get(strategy.get_absolute_url()).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login_page(client, strategy):
    response = client.get(strategy.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_detail_shows_document_information_goals_and_links(coordinator_client, kommun):
    old = StrategyFactory(kommun=kommun, title="Internationell strategi 2009")
    strategy = StrategyFactory(kommun=kommun, replaces=old, diary_number="KS/2012:935")
    FocusAreaFactory(strategy=strategy, number=1, title="Extern finansiering")
    GoalFactory(
        strategy=strategy,
        kind=Goal.Kind.PURPOSE,
        text="att bidra till hållbar utveckling",
    )
    plan = StrategyFactory(kommun=kommun, title="Handlingsplan 2017", parent=strategy)
    response = coordinator_client.get(strategy.get_absolute_url())
    content = response.content.decode()
    for text in (
        "KS/2012:935",
        "Extern finansiering",
        "att bidra till hållbar utveckling",
        "Internationell strategi 2009",
        "Handlingsplan 2017",
    ):
        assert text in content
    assert list(response.context["implementing"]) == [plan]
    assert response.context["can_edit"] is True
    successors = coordinator_client.get(old.get_absolute_url()).context["successors"]
    assert list(successors) == [strategy]


def test_action_plan_page_shows_its_strategys_focus_areas_and_goals(
    coordinator_client, kommun
):
    strategy = StrategyFactory(kommun=kommun)
    area = FocusAreaFactory(
        strategy=strategy, title="Transnationella utvecklingsprojekt"
    )
    goal = GoalFactory(strategy=strategy, text="Ökad extern finansiering.")
    plan = StrategyFactory(
        kommun=kommun, parent=strategy, document_type=default_type("Handlingsplan")
    )
    response = coordinator_client.get(plan.get_absolute_url())
    assert response.context["areas_owner"] == strategy
    assert response.context["focus_areas"] == [area]
    assert response.context["parent_goals"] == [goal]
    assert "Transnationella utvecklingsprojekt" in response.content.decode()


# -- editing: coordinators only --------------------------------------------------------


@pytest.fixture
def edit_urls(strategy):
    indicator = IndicatorFactory(goal=strategy.goals.first())
    return [
        reverse("strategies:update", args=[strategy.pk]),
        reverse("strategies:delete", args=[strategy.pk]),
        reverse("strategies:indicator_create", args=[indicator.goal_id]),
        reverse("strategies:indicator_update", args=[indicator.pk]),
        reverse("strategies:indicator_values", args=[indicator.pk]),
        reverse("strategies:indicator_delete", args=[indicator.pk]),
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_only_the_kommuns_coordinator_may_open_edit_pages(
    request, edit_urls, persona, status
):
    client = request.getfixturevalue(persona)
    for url in edit_urls:
        assert client.get(url).status_code == status, url


def test_reporter_cannot_change_a_document_by_posting(reporter_a_client, strategy):
    url = reverse("strategies:update", args=[strategy.pk])
    data = policy_data(title="Ändrad", **loaded_version(strategy))
    response = reporter_a_client.post(url, data)
    assert response.status_code == 403
    strategy.refresh_from_db()
    assert strategy.title == "Policy för internationellt arbete"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator_client", 200), ("reporter_a_client", 403), ("reader_client", 403)],
)
def test_only_coordinators_may_open_the_new_document_page(request, persona, status):
    assert (
        request.getfixturevalue(persona).get(reverse("strategies:create")).status_code
        == status
    )


def test_coordinator_creates_only_in_their_own_kommun(coordinator_client, other_kommun):
    url = reverse("strategies:create") + f"?kommun={other_kommun.pk}"
    assert coordinator_client.get(url).status_code == 403


def test_superuser_first_chooses_the_kommun(client, kommun, other_kommun):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    response = client.get(reverse("strategies:create"))
    assert list(response.context["kommuner"]) == [other_kommun, kommun]
    chosen = client.get(reverse("strategies:create") + f"?kommun={kommun.pk}")
    assert chosen.context["kommun"] == kommun


def test_coordinator_registers_a_policy_with_goals_and_its_pdf(
    coordinator_client, kommun
):
    kf = OrganisationFactory(
        parent=kommun, name="Kommunfullmäktige", kind=Organisation.Kind.NAMND
    )
    data = policy_data(
        adopted_by=kf.pk, original_document=upload("policy.pdf", PDF_BYTES)
    )
    response = coordinator_client.post(reverse("strategies:create"), data)
    strategy = Strategy.objects.get(diary_number="KS2016.0110")
    assert response.status_code == 302
    assert response.url == strategy.get_absolute_url()
    assert (strategy.kommun, strategy.adopted_by, strategy.paragraph) == (
        kommun,
        kf,
        "§ 96",
    )
    assert strategy.adopted_on == datetime.date(2016, 6, 20)
    assert [goal.kind for goal in strategy.goals.order_by("order")] == [
        "purpose",
        "goal",
    ]
    assert strategy.original_document.name.endswith("/policy.pdf")
    assert strategy.history.first().history_user.username == "samordnare"
    found = coordinator_client.get(reverse("strategies:list"), {"q": "KS2016.0110"})
    assert list(found.context["object_list"]) == [strategy]


def test_coordinator_edits_document_focus_areas_and_goals_in_one_form(
    coordinator_client, strategy
):
    goals = list(strategy.goals.order_by("order"))
    data = policy_data(
        title="Policy för internationellt arbete (reviderad)",
        **formset_data(
            "focus_areas", [{"number": "1", "title": "Extern finansiering"}]
        ),
        **formset_data(
            "goals",
            [
                {
                    "id": goals[0].pk,
                    "kind": "goal",
                    "order": "1",
                    "text": goals[0].text,
                },
                {
                    "id": goals[1].pk,
                    "kind": "goal",
                    "order": "2",
                    "text": "x",
                    "DELETE": "on",
                },
                {"kind": "goal", "order": "3", "text": "Ett nytt mål."},
            ],
            initial=2,
        ),
        **loaded_version(strategy),
        **loaded_version(goals[0], "goals-0"),
        **loaded_version(goals[1], "goals-1"),
    )
    response = coordinator_client.post(
        reverse("strategies:update", args=[strategy.pk]), data
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.title.endswith("(reviderad)")
    assert list(strategy.focus_areas.values_list("title", flat=True)) == [
        "Extern finansiering"
    ]
    texts = list(strategy.goals.order_by("order").values_list("text", flat=True))
    assert texts == [goals[0].text, "Ett nytt mål."]


def test_goal_can_be_linked_to_a_focus_area_once_the_document_exists(
    coordinator_client, strategy
):
    area = FocusAreaFactory(strategy=strategy, number=1)
    goal = strategy.goals.order_by("order").first()
    data = policy_data(
        **formset_data(
            "focus_areas", [{"id": area.pk, "number": "1", "title": area.title}], 1
        ),
        **formset_data(
            "goals",
            [
                {
                    "id": goal.pk,
                    "kind": "goal",
                    "order": "1",
                    "text": goal.text,
                    "focus_area": area.pk,
                }
            ],
            initial=1,
        ),
        **loaded_version(strategy),
        **loaded_version(area, "focus_areas-0"),
        **loaded_version(goal, "goals-0"),
    )
    coordinator_client.post(reverse("strategies:update", args=[strategy.pk]), data)
    goal.refresh_from_db()
    assert goal.focus_area == area


def test_two_focus_areas_cannot_share_a_number(coordinator_client, strategy):
    data = policy_data(
        **formset_data(
            "focus_areas",
            [{"number": "1", "title": "A"}, {"number": "1", "title": "B"}],
        ),
        **loaded_version(strategy),
    )
    response = coordinator_client.post(
        reverse("strategies:update", args=[strategy.pk]), data
    )
    assert response.status_code == 200
    assert "number" in response.context["formsets"][0].errors[1]
    assert not strategy.focus_areas.exists()


# -- validation: errors next to the field, nothing saved ---------------------------------


def field_error_codes(response, field: str) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data()[field]]


def test_valid_until_before_valid_from_is_refused_next_to_the_field(
    coordinator_client, kommun
):
    data = policy_data(valid_from="2017-01-01", valid_until="2016-12-31")
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert response.status_code == 200
    assert field_error_codes(response, "valid_until") == [
        "valid_until_before_valid_from"
    ]
    assert 'id="error_1_id_valid_until"' in response.content.decode()
    assert not Strategy.objects.exists()
    assert not Goal.objects.exists()


def test_program_renamed_to_pdf_is_refused(coordinator_client, kommun):
    data = policy_data(original_document=upload("policy.pdf", EXE_BYTES))
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert field_error_codes(response, "original_document") == ["invalid_document"]
    assert 'id="error_1_id_original_document"' in response.content.decode()
    assert not Strategy.objects.exists()


def test_file_with_another_extension_is_refused(coordinator_client, kommun):
    data = policy_data(original_document=upload("policy.exe", EXE_BYTES))
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert "invalid_extension" in field_error_codes(response, "original_document")
    assert not Strategy.objects.exists()


def test_word_document_named_pdf_is_refused_with_a_hint(coordinator_client, kommun):
    data = policy_data(original_document=upload("policy.pdf", docx_bytes()))
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert field_error_codes(response, "original_document") == ["extension_mismatch"]


def test_oversized_file_is_refused(coordinator_client, kommun, monkeypatch):
    monkeypatch.setattr(validators, "MAX_DOCUMENT_BYTES", len(PDF_BYTES) - 1)
    data = policy_data(original_document=upload("policy.pdf", PDF_BYTES))
    response = coordinator_client.post(reverse("strategies:create"), data)
    assert field_error_codes(response, "original_document") == ["file_too_large"]
    assert not Strategy.objects.exists()


def test_word_document_is_accepted(coordinator_client, kommun):
    data = policy_data(original_document=upload("policy.docx", docx_bytes()))
    assert (
        coordinator_client.post(reverse("strategies:create"), data).status_code == 302
    )
    assert Strategy.objects.get().original_document.name.endswith("policy.docx")


def test_uploaded_document_can_be_removed(coordinator_client, strategy):
    strategy.original_document = upload("policy.pdf", PDF_BYTES)
    strategy.save()
    data = policy_data(remove_original_document="on", **loaded_version(strategy))
    coordinator_client.post(reverse("strategies:update", args=[strategy.pk]), data)
    strategy.refresh_from_db()
    assert not strategy.original_document


# -- the original document is served only through a checked view ------------------------


@pytest.fixture
def strategy_with_pdf(strategy):
    strategy.original_document = upload(
        "Policy för internationellt arbete.pdf", PDF_BYTES
    )
    strategy.save()
    return strategy


@pytest.mark.parametrize(
    "persona", ["coordinator_client", "reporter_a_client", "reader_client"]
)
def test_everyone_in_the_kommun_downloads_the_original(
    request, persona, strategy_with_pdf
):
    client = request.getfixturevalue(persona)
    response = client.get(reverse("strategies:document", args=[strategy_with_pdf.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_kommun_cannot_download_the_original(
    other_coordinator_client, strategy_with_pdf
):
    url = reverse("strategies:document", args=[strategy_with_pdf.pk])
    assert other_coordinator_client.get(url).status_code == 404


def test_edit_page_links_the_checked_view_not_the_storage(
    coordinator_client, strategy_with_pdf
):
    response = coordinator_client.get(
        reverse("strategies:update", args=[strategy_with_pdf.pk])
    )
    content = response.content.decode()
    assert reverse("strategies:document", args=[strategy_with_pdf.pk]) in content
    assert "/media/" not in content


# -- deleting ------------------------------------------------------------------------------


def test_coordinator_deletes_a_document(coordinator_client, strategy):
    response = coordinator_client.post(reverse("strategies:delete", args=[strategy.pk]))
    assert response.status_code == 302
    assert not Strategy.objects.filter(pk=strategy.pk).exists()


def test_document_that_a_plan_implements_cannot_be_deleted(
    coordinator_client, strategy
):
    StrategyFactory(kommun=strategy.kommun, parent=strategy)
    response = coordinator_client.post(reverse("strategies:delete", args=[strategy.pk]))
    assert response.status_code == 302
    assert response.url == strategy.get_absolute_url()
    assert Strategy.objects.filter(pk=strategy.pk).exists()


def test_reader_cannot_delete_a_document(reader_client, strategy):
    assert (
        reader_client.post(reverse("strategies:delete", args=[strategy.pk])).status_code
        == 403
    )
    assert Strategy.objects.filter(pk=strategy.pk).exists()


# -- history -------------------------------------------------------------------------------


def test_history_of_a_document_is_visible_in_the_kommun_only(
    coordinator_client, other_coordinator_client, strategy
):
    url = reverse("intkommun:history", args=["strategies", "strategy", strategy.pk])
    assert coordinator_client.get(url).status_code == 200
    assert other_coordinator_client.get(url).status_code == 404


# -- due for review and new action plans ------------------------------------------------------


def test_review_page_lists_the_kommuns_documents_with_the_reason(
    coordinator_client, kommun, other_kommun
):
    import django.utils.timezone as timezone

    today = timezone.localdate()
    soon = StrategyFactory(
        kommun=kommun, next_review_on=today + datetime.timedelta(days=30)
    )
    expired = StrategyFactory(
        kommun=kommun,
        adopted_on=datetime.date(2017, 2, 20),
        valid_until=datetime.date(2019, 12, 31),
    )
    StrategyFactory(kommun=kommun, next_review_on=today + datetime.timedelta(days=400))
    StrategyFactory(
        kommun=other_kommun, next_review_on=today - datetime.timedelta(days=1)
    )
    response = coordinator_client.get(reverse("strategies:due_for_review"))
    assert response.context["rows"] == [
        (expired, Strategy.ReviewReason.EXPIRED_WITHOUT_SUCCESSOR),
        (soon, Strategy.ReviewReason.REVIEW_SOON),
    ]


def test_new_action_plan_starts_from_the_strategy_it_implements(
    coordinator_client, strategy
):
    url = reverse("strategies:create") + f"?parent={strategy.pk}"
    form = coordinator_client.get(url).context["form"]
    assert form.initial["parent"] == strategy
    assert form.initial["document_type"].name == "Handlingsplan"


def test_action_plan_cannot_be_started_from_another_kommuns_strategy(
    coordinator_client, other_strategy
):
    url = reverse("strategies:create") + f"?parent={other_strategy.pk}"
    assert coordinator_client.get(url).status_code == 404


def test_a_goal_label_with_its_own_full_stop_is_not_given_another(
    coordinator_client, strategy
):
    Goal.objects.create(
        strategy=strategy, kind=Goal.Kind.GOAL, label="a.", text="Fler utbyten"
    )
    Goal.objects.create(
        strategy=strategy, kind=Goal.Kind.GOAL, label="2", text="Fler projekt"
    )
    page = coordinator_client.get(strategy.get_absolute_url()).content.decode()
    assert "a.." not in page
    assert ">a.</span>" in page and ">2.</span>" in page

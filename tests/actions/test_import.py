"""Importing an action plan (DESIGN §4.3): preview first, then all or nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from actions import services
from actions.models import Action, ActionImport
from actions.plan_parsing import parse_text
from intkommun.demo import SEED_FOLDER
from intkommun.models import Organisation
from strategies.models import FocusArea

pytestmark = pytest.mark.django_db

SKARA_PLAN = SEED_FOLDER / "001_eb7c21d3ea54bc9a.txt"


@pytest.fixture
def skara_plan(plan, kommun):
    for short in ("KF", "KS"):
        Organisation.objects.create(
            parent=kommun, name=f"Organ {short}", short_name=short, kind="namnd"
        )
    Organisation.objects.create(parent=kommun, name="Katedralskolan", kind="enhet")
    return plan


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, plan, name, data):
    return client.post(
        reverse("actions:import"),
        {"plan": plan.pk, "file": SimpleUploadedFile(name, data)},
    )


def test_skara_plan_imports_its_22_actions_verbatim_in_their_focus_areas(skara_plan):
    parsed = parse_text(SKARA_PLAN.read_text(encoding="utf-8"))
    actions = services.plan_import(plan=skara_plan, parsed=parsed).created
    assert len(actions) == 22 == Action.objects.filter(plan=skara_plan).count()
    europaveckan = Action.objects.get(title__startswith="Genomföra Europaveckan")
    assert (
        europaveckan.participants_text == "Skaras invånare samt medarbetare i kommunen"
    )
    assert europaveckan.timing_text == "Maj 2017"
    assert europaveckan.responsible_text == (
        "Internationell samordnare i samarbete med V6 och Europa Direkt"
    )
    assert (europaveckan.starts_on.isoformat(), europaveckan.ends_on.isoformat()) == (
        "2017-05-01",
        "2017-05-31",
    )
    assert europaveckan.focus_area.title == (
        "Omvärldsspaning, intressebevakning och kunskapsutbyten"
    )
    areas = FocusArea.objects.filter(strategy=skara_plan).order_by("number")
    assert [(a.number, a.title) for a in areas] == [
        (1, "Internationella nätverk, kontakter och relationer"),
        (2, "Omvärldsspaning, intressebevakning och kunskapsutbyten"),
        (3, "Transnationella projekt"),
    ]
    per_area = [a.actions.count() for a in areas]
    assert per_area == [5, 6, 4]
    assert Action.objects.filter(plan=skara_plan, focus_area=None).count() == 7


def test_responsible_organisations_are_found_in_the_ansvarig_text(skara_plan):
    services.plan_import(
        plan=skara_plan, parsed=parse_text(SKARA_PLAN.read_text(encoding="utf-8"))
    )
    radviliskis = Action.objects.get(title__contains="Radviliskis")
    names = sorted(o.name for o in radviliskis.responsible_organisations.all())
    assert names == ["Katedralskolan", "Organ KF", "Organ KS"]


def test_a_plan_using_its_strategys_areas_matches_them_by_heading_number(
    plan, kommun, plan_type
):
    from strategies.models import Strategy

    strategy = Strategy.objects.create(
        kommun=kommun, document_type=plan_type, title="Strategi"
    )
    FocusArea.objects.create(strategy=strategy, number=2, title="Omvärldsbevakning")
    plan.parent = strategy
    plan.save()
    text = "2. Omvärldsspaning\n\nÅtgärd: Bevaka EU\nTidpunkt: 2017\nAnsvarig: KS\n"
    [action] = services.plan_import(plan=plan, parsed=parse_text(text)).created
    assert action.focus_area.title == "Omvärldsbevakning"
    assert FocusArea.objects.count() == 1


def test_coordinator_pastes_previews_and_confirms(coordinator_client, plan):
    text = "Åtgärd: Ta fram en ansökningsmall\nTidpunkt: januari-februari 2017\nAnsvarig: KS\n"
    response = coordinator_client.post(
        reverse("actions:import"), {"plan": plan.pk, "text": text}
    )
    staged = ActionImport.objects.get()
    assert response.url == reverse("actions:import_preview", args=[staged.pk])
    preview = coordinator_client.get(response.url)
    assert "Ta fram en ansökningsmall" in preview.content.decode()
    assert "1 januari 2017" in preview.content.decode()
    assert not Action.objects.exists()

    coordinator_client.post(reverse("actions:import_confirm", args=[staged.pk]))
    assert Action.objects.get().title == "Ta fram en ansökningsmall"
    staged.refresh_from_db()
    assert staged.state == ActionImport.State.APPLIED

    again = coordinator_client.post(reverse("actions:import_confirm", args=[staged.pk]))
    assert again.status_code == 302
    assert Action.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("plan.docx", b"this is not a word file", "Word-fil"),
        (
            "plan.xlsx",
            xlsx(
                [["Åtgärd", "Tidpunkt"], ["Skolutbyte", "2017"], [None, "Våren 2017"]]
            ),
            "rad 3",
        ),
    ],
)
def test_a_malformed_import_shows_its_problems_and_saves_nothing(
    coordinator_client, plan, name, data, problem
):
    response = upload(coordinator_client, plan, name, data)
    preview = coordinator_client.get(response.url)
    text = preview.content.decode()
    assert problem in text
    assert "Inget har sparats" in text
    staged = ActionImport.objects.get()
    confirm = coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk])
    )
    assert confirm.status_code == 302
    assert not Action.objects.exists()
    assert not FocusArea.objects.exists()


def test_an_import_fails_whole_when_one_row_cannot_be_saved(plan, monkeypatch):
    parsed = parse_text("Åtgärd: Första\n\nÅtgärd: Andra\n")
    original = Action.save

    def fail_on_second(self, *args, **kwargs):
        if self.title == "Andra":
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Action, "save", fail_on_second)
    with pytest.raises(RuntimeError):
        services.plan_import(plan=plan, parsed=parsed)
    assert not Action.objects.exists()


def test_an_unsupported_file_type_is_refused_next_to_the_field(
    coordinator_client, plan
):
    response = upload(coordinator_client, plan, "plan.exe", b"MZ")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ActionImport.objects.exists()


def test_reporters_and_readers_cannot_import(reporter_a_client, reader_client, plan):
    for client in (reporter_a_client, reader_client):
        assert client.get(reverse("actions:import")).status_code == 403


def test_another_kommuns_import_preview_is_not_found(
    coordinator, other_coordinator_client, plan
):
    staged = services.staged_import_create(by=coordinator, plan=plan, text="Åtgärd: X")
    url = reverse("actions:import_preview", args=[staged.pk])
    assert other_coordinator_client.get(url).status_code == 404


def test_command_dry_run_prints_json_and_saves_nothing(plan, capsys):
    call_command("import_actions", str(SKARA_PLAN), plan=plan.pk, dry_run=True)
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 22
    assert set(rows[0]) == {
        "focus_area",
        "title",
        "participants_text",
        "timing_text",
        "responsible_text",
        "starts_on",
        "ends_on",
        "is_ongoing",
    }
    assert rows[0]["timing_text"] == "januari-februari 2017"
    assert (rows[0]["starts_on"], rows[0]["ends_on"]) == ("2017-01-01", "2017-02-28")
    assert not Action.objects.exists()


def test_command_imports_the_plan(plan):
    call_command("import_actions", str(SKARA_PLAN), plan=plan.pk)
    assert Action.objects.filter(plan=plan).count() == 22


def test_command_fails_clearly_on_unreadable_input(plan, tmp_path):
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(CommandError, match="Word-fil"):
        call_command("import_actions", str(broken), plan=plan.pk)
    with pytest.raises(CommandError, match="går inte att läsa"):
        call_command("import_actions", str(tmp_path / "missing.txt"), plan=plan.pk)
    assert not Action.objects.exists()


SKARA_TIMINGS = [
    (
        "Framtagande av enkel ansökningsmall",
        "januari-februari 2017",
        "2017-01-01",
        "2017-02-28",
        False,
    ),
    (
        "Arbeta för en ökad grad av extern finans",
        "Långsiktigt arbete med start våren 2017 och fortsättningsvis framåt",
        "2017-01-01",
        None,
        True,
    ),
    (
        "Förankring av strategin för ökad interna",
        "Våren 2017",
        "2017-01-01",
        "2017-06-30",
        False,
    ),
    (
        "Ta fram ansökningsförfarande gällande ti",
        "juni 2017",
        "2017-06-01",
        "2017-06-30",
        False,
    ),
    (
        "Etablera ett internationellt nätverk ino",
        "juni 2017",
        "2017-06-01",
        "2017-06-30",
        False,
    ),
    (
        "Beskriv och vidareutveckla vänortsarbete",
        "2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    ("Stöd till Charity Group på Katedralskola", "Fortlöpande", None, None, True),
    (
        "Vidareutveckla arbetet inom befintliga i",
        "Hela 2017 och fortlöpande",
        "2017-01-01",
        "2017-12-31",
        True,
    ),
    (
        "Vidareutveckla arbetet med internationel",
        "Hela 2017 och fortlöpande",
        "2017-01-01",
        "2017-12-31",
        True,
    ),
    (
        "Skapa nya internationella kontakter och ",
        "Våren-Hösten 2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Genomföra Europaveckan i syfte att erbju",
        "Maj 2017",
        "2017-05-01",
        "2017-05-31",
        False,
    ),
    (
        "Utbildning och informera om möjligheter ",
        "Våren-Hösten 2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Vidareutveckla och ta till vara på befin",
        "Hela 2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Utbildning om möjlig extern finansiering",
        "Våren 2017",
        "2017-01-01",
        "2017-06-30",
        False,
    ),
    (
        "Informera om möjligheten att använda sig",
        "2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Vidareutveckla arbetet inom befintliga i",
        "Hela 2017 och fortlöpande",
        "2017-01-01",
        "2017-12-31",
        True,
    ),
    (
        "Sondera och specificera vilka behov finn",
        "Våren-hösten 2017 för att 2018 kunna söka medel",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Fortsätta samarbetet med V6 med redan pl",
        "2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Utbildning om Möjligheter med EU för att",
        "2017",
        "2017-01-01",
        "2017-12-31",
        False,
    ),
    (
        "Vidareutveckla arbetet inom befintliga i",
        "Hela 2017 och fortlöpande",
        "2017-01-01",
        "2017-12-31",
        True,
    ),
    (
        "Utvärdering av 2017 års internationella ",
        "december 2017",
        "2017-12-01",
        "2017-12-31",
        False,
    ),
    (
        "Revidering och komplettering av handling",
        "januari 2018",
        "2018-01-01",
        "2018-01-31",
        False,
    ),
]


def test_every_skara_timing_is_imported_as_sensible_dates(plan):
    services.plan_import(
        plan=plan, parsed=parse_text(SKARA_PLAN.read_text(encoding="utf-8"))
    )
    imported = [
        (
            action.title[:40],
            action.timing_text,
            action.starts_on and action.starts_on.isoformat(),
            action.ends_on and action.ends_on.isoformat(),
            action.is_ongoing,
        )
        for action in Action.objects.filter(plan=plan).order_by("position")
    ]
    assert imported == SKARA_TIMINGS


def test_the_demos_example_plan_of_last_year_to_next_is_imported_as_published_with_progress():
    from django.utils import timezone

    from actions.demo import example_plan_title
    from actions.models import ActionUpdate
    from strategies.models import Strategy

    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    plan = Strategy.objects.get(title=example_plan_title(today.year))
    assert plan.title.startswith("Exempel:")
    assert plan.status_on(today) == plan.Status.IN_FORCE
    actions = list(plan.actions.order_by("position"))
    assert len(actions) == 5
    assert actions[0].participants_text == "Europa Direkt"
    assert actions[0].timing_text == f"under Europaveckan {today.year - 1}"
    updates = ActionUpdate.objects.filter(action__plan=plan)
    assert updates.exists() and all(update.is_example for update in updates)
    assert all(update.occurred_on <= today for update in updates)

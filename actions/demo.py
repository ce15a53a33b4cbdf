"""Demo data: Skara's action plan 2017, imported through the importer itself.

The plan's text is the seed document verbatim (intkommun/seed_documents). The progress entries are invented examples, stored with is_example=True
and written as examples, never as facts about Skara.

So that the register looks as it does in use, an invented plan in force from last
year to next year ("Exempel: handlingsplan …", written as published plans are,
with bullets) is imported through the prose importer, with example progress
through last year and this year.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actions import services
from actions.models import Action, Status
from actions.plan_parsing import parse_text
from intkommun.demo import SEED_FOLDER
from strategies.models import Goal, Indicator, IndicatorValue, Strategy

PLAN_TEXT = SEED_FOLDER / "001_eb7c21d3ea54bc9a.txt"
SKARA = "Skara kommun"
PLAN_TITLE = "Handlingsplan genomförande – Strategi för ökad internationalisering"

EXAMPLE_UPDATES = (
    (
        "Framtagande av enkel ansökningsmall",
        datetime.date(2017, 2, 20),
        "Exempel: ansökningsmallen är klar och publicerad på intranätet.",
        Status.DONE,
        None,
        None,
    ),
    (
        "Förankring av strategin för ökad internationalisering",
        datetime.date(2017, 4, 12),
        "Exempel: strategin presenterad på förvaltningschefernas ledningsgrupp.",
        Status.IN_PROGRESS,
        14,
        0,
    ),
    (
        "Vidareutveckla arbetet med internationella skolutbyten",
        datetime.date(2017, 10, 5),
        "Exempel: elevutbyte med partnerskola, planeringsmöte med lärarna.",
        Status.IN_PROGRESS,
        32,
        28,
    ),
)


EXAMPLE_PLAN_TEXT = """\
Kommunen åtar sig att:
 • Arrangera en EU-dag för gymnasieelever under Europaveckan {last} tillsammans
   med Europa Direkt.
 • Ge projektledare en kurs om EU:s fonder hösten {last} med stöd av regionen.
 • Fortsätta söka EU-medel för skolornas utbyten.
 • Två gånger per år samla kommunens EU-samordnare.
 • Senast i juni {next} ta fram en ny internationell strategi.
"""
# The example plan's goals (label, text, the start of the titles of the actions
# that serve it), so that its years' KS reports have goals to assess.
EXAMPLE_PLAN_GOALS = (
    (
        "1",
        "Exempel: fler unga ska delta i internationella utbyten.",
        ("Arrangera en EU-dag", "Fortsätta söka EU-medel"),
    ),
    (
        "2",
        "Exempel: förvaltningarna ska ha kunskap att söka EU-medel.",
        ("Ge projektledare en kurs", "Två gånger per år samla"),
    ),
)
# (start of the title, month and day, year offset from this year, text, status,
# participants, young participants)
EXAMPLE_PLAN_UPDATES = (
    (
        "Arrangera en EU-dag",
        (5, 9),
        -1,
        "Exempel: EU-dagen hölls med 120 elever och Europa Direkt.",
        Status.DONE,
        120,
        115,
    ),
    (
        "Ge projektledare en kurs",
        (11, 20),
        -1,
        "Exempel: kursen gavs för 18 projektledare.",
        Status.DONE,
        18,
        0,
    ),
    (
        "Fortsätta söka EU-medel",
        (3, 10),
        0,
        "Exempel: två skolor har sökt Erasmus+ för nästa läsår.",
        Status.IN_PROGRESS,
        None,
        None,
    ),
    (
        "Två gånger per år samla",
        (2, 5),
        0,
        "Exempel: vårens träff med samordnarna om EU:s nya program.",
        Status.IN_PROGRESS,
        9,
        0,
    ),
)


def example_plan_title(this_year: int) -> str:
    return f"Exempel: handlingsplan för internationellt arbete {this_year - 1}–{this_year + 1}"


@transaction.atomic
def load_demo(stdout: Any) -> None:
    _seed_plan()
    _example_plan(timezone.localdate())


def _seed_plan() -> None:
    plan = Strategy.objects.filter(kommun__name=SKARA, title=PLAN_TITLE).first()
    # Removed actions count too: a removed demo action is not loaded again.
    if plan is None or Action.objects.with_removed().filter(plan=plan).exists():
        return
    parsed = parse_text(PLAN_TEXT.read_text(encoding="utf-8"))
    services.plan_import(plan=plan, parsed=parsed)
    author = get_user_model().objects.filter(username="skara.samordnare").first()
    for title_start, day, text, status, participants, young in EXAMPLE_UPDATES:
        action = Action.objects.filter(plan=plan, title__startswith=title_start).first()
        if action is not None:
            services.action_update_add(
                action=action,
                by=author,
                occurred_on=day,
                text=text,
                new_status=status,
                participants=participants,
                young_participants=young,
                is_example=True,
            )


def _example_indicator(goal: Goal, this_year: int) -> None:
    indicator = Indicator.objects.create(
        goal=goal,
        name="Exempel: unga i internationella utbyten",
        unit="personer",
        direction=Indicator.Direction.HIGHER,
        target_value=200,
        target_year=this_year + 1,
    )
    for year, value in ((this_year - 2, 95), (this_year - 1, 145)):
        IndicatorValue.objects.create(
            indicator=indicator,
            year=year,
            value=value,
            comment="Exempel: påhittat värde.",
        )


def _example_plan(today: datetime.date) -> None:
    """The invented plan of last year to next year, with progress up to today."""
    seed = Strategy.objects.filter(kommun__name=SKARA, title=PLAN_TITLE).first()
    title = example_plan_title(today.year)
    if (
        seed is None
        or Strategy.objects.filter(kommun=seed.kommun, title=title).exists()
    ):
        return
    plan = Strategy.objects.create(
        kommun=seed.kommun,
        document_type=seed.document_type,
        title=title,
        parent=seed.parent,
        adopted_by=seed.adopted_by,
        adopted_on=datetime.date(today.year - 2, 12, 15),
        valid_from=datetime.date(today.year - 1, 1, 1),
        valid_until=datetime.date(today.year + 1, 12, 31),
        purpose="Exempel: en påhittad plan som visar hur registret ser ut i bruk.",
    )
    text = EXAMPLE_PLAN_TEXT.format(last=today.year - 1, next=today.year + 1)
    services.plan_import(plan=plan, parsed=parse_text(text))
    for order, (label, goal_text, served_by) in enumerate(EXAMPLE_PLAN_GOALS):
        goal = Goal.objects.create(
            strategy=plan, kind=Goal.Kind.GOAL, order=order, label=label, text=goal_text
        )
        for start in served_by:
            goal.actions.add(*Action.objects.filter(plan=plan, title__startswith=start))
        if order == 0:
            _example_indicator(goal, today.year)
    author = get_user_model().objects.filter(username="skara.samordnare").first()
    for start, (
        month,
        day,
    ), offset, note, status, people, young in EXAMPLE_PLAN_UPDATES:
        occurred_on = datetime.date(today.year + offset, month, day)
        action = Action.objects.filter(plan=plan, title__startswith=start).first()
        if action is None or occurred_on > today:
            continue
        services.action_update_add(
            action=action,
            by=author,
            occurred_on=occurred_on,
            text=note,
            new_status=status,
            participants=people,
            young_participants=young,
            is_example=True,
        )

"""``manage.py send_reminders``: the right e-mails, each exactly once."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from actions.models import Action
from reports import services
from reports.models import ReminderSent, ReportEvent
from tests.factories import member
from tests.reports.conftest import DEADLINE, submitted

pytestmark = pytest.mark.django_db


def run(today: datetime.date | str, *args: str) -> str:
    out = StringIO()
    day = today if isinstance(today, str) else today.isoformat()
    call_command("send_reminders", "--today", day, *args, stdout=out)
    return out.getvalue()


def days_before(days: int) -> datetime.date:
    return DEADLINE - datetime.timedelta(days=days)


def recipients() -> list[str]:
    return sorted(address for email in mail.outbox for address in email.to)


@pytest.fixture
def emails(reporter_a, reporter_b, coordinator):
    """Everyone has an e-mail address; the coordinator must never get a reminder."""
    for user, address in [
        (reporter_a, "a@skara.example"),
        (reporter_b, "b@skara.example"),
        (coordinator, "samordnare@skara.example"),
    ]:
        user.email = address
        user.save()


def test_nothing_is_sent_more_than_14_days_before_the_deadline(emails, follow_up_round):
    run(days_before(15))
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_14_days_before_each_unsubmitted_report_is_reminded_once(
    emails, report_a, report_b
):
    run(days_before(14))
    assert recipients() == ["a@skara.example", "b@skara.example"]
    run(days_before(14))
    run(days_before(13))
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(stage="14_days").count() == 2


def test_3_days_before_a_second_reminder_and_after_the_deadline_a_last_one(
    emails, report_a, report_b
):
    for day in (days_before(14), days_before(3), days_before(1), DEADLINE):
        run(day)
    assert len(mail.outbox) == 4
    for day in (
        DEADLINE + datetime.timedelta(days=1),
        DEADLINE + datetime.timedelta(days=1),
        DEADLINE + datetime.timedelta(days=9),
    ):
        run(day)
    assert len(mail.outbox) == 6
    stages = sorted(
        ReminderSent.objects.filter(recipient="a@skara.example").values_list(
            "stage", flat=True
        )
    )
    assert stages == ["14_days", "3_days", "after_deadline"]


def test_a_day_the_command_did_not_run_is_caught_up_at_the_stage_it_is_in(
    emails, report_a, report_b
):
    run(days_before(2))
    assert len(mail.outbox) == 2
    assert set(ReminderSent.objects.values_list("stage", flat=True)) == {"3_days"}


def test_submitted_and_approved_reports_are_not_reminded(
    emails, reporter_a, coordinator, report_a, report_b
):
    submitted(report_a, reporter_a)
    run(days_before(3))
    assert recipients() == ["b@skara.example"]


def test_a_returned_report_is_reminded_again(
    emails, reporter_a, coordinator, report_a, report_b
):
    report = submitted(report_a, reporter_a)
    services.report_return(report=report, by=coordinator, comment="Mer, tack.")
    run(days_before(3))
    assert recipients() == ["a@skara.example", "b@skara.example"]


def test_a_closed_round_sends_no_reminders(emails, coordinator, follow_up_round):
    services.round_close(follow_up_round=follow_up_round, by=coordinator)
    run(DEADLINE + datetime.timedelta(days=1))
    assert mail.outbox == []


def test_the_contact_person_is_reminded_too_and_nobody_twice(
    emails, forvaltning_a, reporter_a, report_a, report_b
):
    contact = member(forvaltning_a, "reader", "kontakt", is_contact_person=True)
    contact.email = "kontakt@skara.example"
    contact.save()
    report_a.contact_person = reporter_a
    report_a.save()
    run(days_before(3))
    assert recipients() == [
        "a@skara.example",
        "b@skara.example",
        "kontakt@skara.example",
    ]


def test_a_reminder_is_swedish_and_links_to_the_report(emails, report_a, report_b):
    run(days_before(3), "--base-url", "https://intkommun.skara.se/")
    email = next(e for e in mail.outbox if e.to == ["a@skara.example"])
    with translation.override("sv"):
        subject = gettext(
            "Reminder: the report on international work %(year)s is due on %(deadline)s"
        ) % {"year": 2017, "deadline": "30 november 2017"}
    assert email.subject == subject
    assert f"https://intkommun.skara.se{report_a.get_absolute_url()}" in email.body
    assert report_a.organisation.name in email.body
    assert "30 november 2017" in email.body


def test_a_reminder_is_swedish_whatever_language_is_active(emails, report_a):
    with translation.override("en"):
        run(days_before(3))
    email = next(e for e in mail.outbox if e.to == ["a@skara.example"])
    assert "30 november 2017" in email.body
    assert "30 November 2017" not in email.body


def test_each_reminder_shows_on_the_report_and_in_the_overview(
    emails, coordinator_client, report_a, report_b
):
    run(days_before(14))
    run(days_before(3))
    event = report_a.events.filter(kind=ReportEvent.Kind.REMINDER).latest("at")
    assert event.by is None
    assert "a@skara.example" in event.comment
    response = coordinator_client.get(report_a.round.get_absolute_url())
    counts = {r.pk: r.reminder_count for r in response.context["reports"]}
    assert counts == {report_a.pk: 2, report_b.pk: 2}


def test_dry_run_says_what_would_be_sent_and_sends_and_records_nothing(
    emails, report_a, report_b
):
    output = run(days_before(3), "--dry-run")
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert not ReportEvent.objects.filter(kind=ReportEvent.Kind.REMINDER).exists()
    assert "a@skara.example" in output
    assert "b@skara.example" in output

    run(days_before(3))
    assert len(mail.outbox) == 2
    assert "a@skara.example" not in run(days_before(3), "--dry-run")


def test_users_without_an_e_mail_address_are_skipped(follow_up_round):
    run(days_before(3))
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_failed_send_is_not_recorded_the_rest_go_out_and_it_is_tried_again(
    emails, report_a, report_b, monkeypatch
):
    from reports.emails import Email

    send = Email.send

    def refuse_a(self):
        if self.recipient.email == "a@skara.example":
            raise OSError("Mailbox unavailable")
        send(self)

    monkeypatch.setattr(Email, "send", refuse_a)
    with pytest.raises(CommandError, match="a@skara.example"):
        run(days_before(3))
    assert recipients() == ["b@skara.example"]
    assert list(ReminderSent.objects.values_list("recipient", flat=True)) == [
        "b@skara.example"
    ]
    monkeypatch.undo()
    run(days_before(3))
    assert recipients() == ["a@skara.example", "b@skara.example"]


def test_an_invalid_date_is_refused():
    with pytest.raises(CommandError):
        run("30/11/2017")


# --- overdue actions ------------------------------------------------------------


@pytest.fixture
def overdue_action(plan, forvaltning_a, forvaltning_b) -> Action:
    action = Action.objects.create(
        plan=plan,
        title="Genomföra Europaveckan",
        starts_on=datetime.date(2017, 5, 1),
        ends_on=datetime.date(2017, 5, 31),
    )
    action.responsible_organisations.set([forvaltning_a, forvaltning_b])
    return action


def test_an_action_that_became_overdue_reminds_its_contacts_once(
    emails, forvaltning_a, overdue_action
):
    contact = member(forvaltning_a, "reader", "kontakt", is_contact_person=True)
    contact.email = "kontakt@skara.example"
    contact.save()

    run("2017-05-31")
    assert mail.outbox == []
    run("2017-06-01")
    run("2017-06-01")
    run("2017-06-10")
    # Förvaltning A's contact person; förvaltning B has none, so its reporter.
    assert recipients() == ["b@skara.example", "kontakt@skara.example"]
    email = next(e for e in mail.outbox if e.to == ["kontakt@skara.example"])
    assert "Genomföra Europaveckan" in email.subject
    assert f"http://127.0.0.1:8000{overdue_action.get_absolute_url()}" in email.body


def test_a_new_end_date_that_passes_reminds_again(emails, overdue_action):
    run("2017-06-01")
    assert len(mail.outbox) == 2
    overdue_action.ends_on = datetime.date(2017, 8, 31)
    overdue_action.save()
    run("2017-06-02")
    assert len(mail.outbox) == 2
    run("2017-09-01")
    assert len(mail.outbox) == 4


def test_done_ongoing_and_long_overdue_actions_are_not_reminded(emails, overdue_action):
    overdue_action.status = "done"
    overdue_action.save()
    run("2017-06-01")
    overdue_action.status = "in_progress"
    overdue_action.is_ongoing = True
    overdue_action.save()
    run("2017-06-02")
    assert mail.outbox == []
    overdue_action.is_ongoing = False
    overdue_action.save()
    # Overdue since long before the reminders began: on the overdue list instead.
    run("2017-09-01")
    assert mail.outbox == []


def test_two_overlapping_runs_send_each_reminder_once(
    emails, report_a, report_b, monkeypatch
):
    from reports import reminders

    # The second run read what was due before the first one had recorded it.
    stale = reminders.due_reminders(today=days_before(3), base_url="")
    run(days_before(3))
    monkeypatch.setattr(reminders, "due_reminders", lambda **kwargs: stale)
    run(days_before(3))
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2

"""Personer: the coordinator manages the kommun's people and roles in the product."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from intkommun.models import Membership
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db
Role = Membership.Role
User = get_user_model()
LIST = reverse("intkommun:person_list")
INVITE = reverse("intkommun:person_invite")


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _link(message) -> str:
    return re.search(r"http://testserver(/konto/valj-losenord/\S+/)", message.body)[1]


def _can_log_in(username: str, password: str) -> bool:
    response = Client().post(
        reverse("login"), {"username": username, "password": password}
    )
    return response.status_code == 302


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invite as the view does; the e-mail leaves when the transaction commits."""

    def inviting(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return _invite(*args, **kwargs)

    return inviting


def _invite(client, organisation, role=Role.REPORTER, email="anna.berg@example.se"):
    return client.post(
        INVITE,
        {
            "first_name": "Anna",
            "last_name": "Berg",
            "email": email,
            "organisation": organisation.pk,
            "role": role,
        },
    )


# -- the list ------------------------------------------------------------------------


def test_the_list_shows_the_kommuns_people_with_roles_and_logins(
    coordinator, reporter_a, other_coordinator, forvaltning_a
):
    reporter_a.email = "rapportor@example.se"
    reporter_a.save()
    html = client_for(coordinator).get(LIST).content.decode()
    assert reporter_a.get_full_name() in html
    assert "rapportor@example.se" in html
    assert "Rapportör, Barn- och utbildningsförvaltningen" in html
    assert "aldrig inloggad" in html
    assert other_coordinator.get_full_name() not in html


def test_the_list_warns_of_reporters_whom_reminders_do_not_reach(
    coordinator, reporter_a, reporter_b, reader
):
    reporter_b.email = "b@example.se"
    reporter_b.save()
    coordinator.email = "samordnare@example.se"
    coordinator.save()
    html = client_for(coordinator).get(LIST).content.decode()
    warning = html.split('id="unreachable-heading"')[1].split("</div>")[0]
    assert "påminnelser" in warning.lower()
    assert reporter_a.get_full_name() in warning
    assert reporter_b.get_full_name() not in warning
    assert reader.get_full_name() not in warning  # a reader gets no reminders
    # With every role the person has in the kommun, a reader's role too.
    forvaltning = reporter_a.memberships.get().organisation
    Membership.objects.create(
        user=reporter_a, organisation=forvaltning.kommun, role=Membership.Role.READER
    )
    html = client_for(coordinator).get(LIST).content.decode()
    warning = html.split('id="unreachable-heading"')[1].split("</div>")[0]
    assert (
        f"(rapportör, {forvaltning.name}; läsare, {forvaltning.kommun.name})"
    ) in warning


def test_the_warning_names_contact_persons_and_leaves_out_the_inactive(
    coordinator, reporter_a, reporter_b, reader, other_coordinator
):
    coordinator.email = "samordnare@example.se"
    coordinator.save()
    reader.memberships.update(is_contact_person=True)
    reporter_b.is_active = False
    reporter_b.save()
    other_coordinator.email = ""
    other_coordinator.save()
    html = client_for(coordinator).get(LIST).content.decode()
    warning = html.split('id="unreachable-heading"')[1].split("</div>")[0]
    assert "2 rapportörer eller samordnare" in warning
    assert reporter_a.get_full_name() in warning
    assert reader.get_full_name() in warning  # a contact person without e-mail
    assert reporter_b.get_full_name() not in warning  # inactive
    assert other_coordinator.get_full_name() not in warning  # another kommun


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("role=reporter", "reporter_a", "reader"),
        ("organisation={forvaltning_b}", "reporter_b", "reporter_a"),
        ("lacks=email", "reporter_a", "coordinator"),
        ("lacks=login", "reporter_a", "coordinator"),
        ("lacks=inactive", "reporter_b", "reporter_a"),
        ("q=rapportor_b", "reporter_b", "reporter_a"),
        ("lacks=contact", "reporter_b", "reporter_a"),
    ],
)
def test_the_filters_narrow_the_list(
    request,
    coordinator,
    reporter_a,
    reporter_b,
    reader,
    forvaltning_b,
    query,
    shown,
    hidden,
):
    coordinator.email = "samordnare@example.se"
    coordinator.last_login = timezone.now()
    coordinator.save()
    reporter_b.is_active = False
    reporter_b.save()
    reporter_b.memberships.update(is_contact_person=True)
    url = f"{LIST}?{query.format(forvaltning_b=forvaltning_b.pk)}"
    html = client_for(coordinator).get(url).content.decode()
    table = html.split("<tbody>")[1]
    assert request.getfixturevalue(shown).get_full_name() in table
    assert request.getfixturevalue(hidden).get_full_name() not in table


def test_the_list_sorts_by_a_column_and_pages_a_large_kommun(
    coordinator, forvaltning_a, monkeypatch
):
    from intkommun.people import views

    monkeypatch.setattr(views, "PEOPLE_PER_PAGE", 3)
    for letter in "abcd":
        person = member(forvaltning_a, Role.READER, username=f"l_{letter}")
        person.email = f"{letter}@x.se"
        person.save()
    client = client_for(coordinator)
    first = client.get(f"{LIST}?o=-email").content.decode()
    rows = first.split("<tbody>")[1].split("</tbody>")[0]
    shown = re.findall(r"[a-d]@x\.se", rows)
    assert shown == ["d@x.se", "c@x.se", "b@x.se"]
    assert 'aria-sort="descending"' in first
    assert "5 personer" in first  # four readers and the coordinator
    second = client.get(f"{LIST}?o=-email&page=2").content.decode()
    rows = second.split("<tbody>")[1].split("</tbody>")[0]
    assert re.findall(r"[a-d]@x\.se", rows) == ["a@x.se"]


def test_the_export_has_the_filtered_people(coordinator, reporter_a, reporter_b):
    reporter_a.email = "a@example.se"
    reporter_a.save()
    response = client_for(coordinator).get(
        reverse("intkommun:person_export") + "?role=reporter&lacks=email"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="personer-')
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Namn", "Användarnamn", "E-postadress")
    assert [row[1] for row in rows[1:]] == ["rapportor_b"]
    assert rows[1][3] == "Rapportör, Samhällsbyggnadsförvaltningen"


@pytest.mark.parametrize("persona", ["reader", "reporter_a"])
def test_readers_and_reporters_may_not_manage_people(request, persona, coordinator):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(INVITE).status_code == 403
    detail = reverse("intkommun:person_detail", args=[coordinator.pk])
    assert client.get(detail).status_code == 403


def test_another_kommuns_person_does_not_exist(coordinator, other_coordinator):
    client = client_for(coordinator)
    for name in ("person_detail", "person_update", "person_history"):
        url = reverse(f"intkommun:{name}", args=[other_coordinator.pk])
        assert client.get(url).status_code == 404
    url = reverse("intkommun:person_deactivate", args=[other_coordinator.pk])
    assert client.post(url).status_code == 404
    assert User.objects.get(pk=other_coordinator.pk).is_active
    membership = other_coordinator.memberships.get()
    url = reverse("intkommun:role_remove", args=[membership.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


# -- invitations ---------------------------------------------------------------------


def test_an_invitation_creates_the_person_and_mails_a_link_to_choose_a_password(
    coordinator, forvaltning_a, invite
):
    response = invite(client_for(coordinator), forvaltning_a)
    person = User.objects.get(email="anna.berg@example.se")
    assert response.status_code == 302
    assert person.username == "anna.berg@example.se"
    assert not person.has_usable_password()
    assert person.memberships.get().role == Role.REPORTER
    (message,) = mail.outbox
    assert message.to == ["anna.berg@example.se"]
    assert message.subject == "Du har bjudits in till intkommun"
    assert "Hej Anna Berg" in message.body
    assert "3 dagar" in message.body

    anonymous = Client()
    form_page = anonymous.get(_link(message), follow=True)
    assert "Välj lösenord" in form_page.content.decode()
    done = anonymous.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Europaveckan-2026", "new_password2": "Europaveckan-2026"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Europaveckan-2026")
    assert _can_log_in(person.username, "Europaveckan-2026")
    # The link works once.
    again = anonymous.get(_link(message), follow=True).content.decode()
    assert "Länken fungerar inte längre" in again


def test_an_expired_invitation_is_refused(
    monkeypatch, coordinator, forvaltning_a, invite
):
    invite(client_for(coordinator), forvaltning_a)
    link = _link(mail.outbox[0])
    three_days_later = datetime.datetime.now() + datetime.timedelta(days=3, minutes=1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: three_days_later)
    later = Client().get(link, follow=True).content.decode()
    assert "Länken fungerar inte längre" in later
    assert "new_password1" not in later


def test_inviting_a_known_address_gives_that_person_the_role(
    coordinator, reporter_a, forvaltning_b
):
    reporter_a.email = "Rapportor.A@example.se"
    reporter_a.save()
    response = _invite(
        client_for(coordinator), forvaltning_b, email="rapportor.a@EXAMPLE.se"
    )
    assert User.objects.filter(email__iexact="rapportor.a@example.se").count() == 1
    assert set(reporter_a.memberships.values_list("organisation", flat=True)) == {
        reporter_a.memberships.first().organisation_id,
        forvaltning_b.pk,
    }
    assert mail.outbox == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "ingen ny användare skapades" in messages[0]


def test_an_invitation_is_sent_again(coordinator, forvaltning_a, invite):
    client = client_for(coordinator)
    invite(client, forvaltning_a)
    person = User.objects.get(email="anna.berg@example.se")
    client.post(reverse("intkommun:person_reinvite", args=[person.pk]))
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["anna.berg@example.se"]


def test_a_coordinator_is_invited_to_the_kommun_itself(coordinator, forvaltning_a):
    response = _invite(client_for(coordinator), forvaltning_a, role=Role.COORDINATOR)
    assert response.status_code == 200
    assert "kommunen själv" in response.content.decode()
    assert not User.objects.filter(email="anna.berg@example.se").exists()


def test_an_organisation_of_another_kommun_cannot_be_chosen(coordinator, other_kommun):
    response = _invite(client_for(coordinator), other_kommun, role=Role.READER)
    assert response.status_code == 200
    assert not User.objects.filter(email="anna.berg@example.se").exists()


# -- roles ---------------------------------------------------------------------------


def test_a_role_is_given_and_removed(coordinator, reporter_a, forvaltning_b):
    client = client_for(coordinator)
    give = reverse("intkommun:role_give", args=[reporter_a.pk])
    assert (
        client.post(
            give, {"organisation": forvaltning_b.pk, "role": "reader"}
        ).status_code
        == 302
    )
    added = reporter_a.memberships.get(organisation=forvaltning_b)
    assert added.role == Role.READER
    assert not added.is_contact_person
    client.post(
        give,
        {"organisation": forvaltning_b.pk, "role": "reader", "is_contact_person": "on"},
    )
    added.refresh_from_db()
    assert added.is_contact_person
    assert "kontaktperson" in client.get(LIST).content.decode()
    remove = reverse("intkommun:role_remove", args=[added.pk])
    assert client.post(remove).status_code == 302
    assert not reporter_a.memberships.filter(organisation=forvaltning_b).exists()


def test_the_last_coordinator_role_cannot_be_removed(coordinator, kommun):
    membership = coordinator.memberships.get()
    member(kommun, Role.READER, "lasare")
    client = client_for(coordinator)
    client.post(
        reverse("intkommun:role_give", args=[coordinator.pk]),
        {"organisation": kommun.pk, "role": "reader"},
    )
    client.post(reverse("intkommun:role_remove", args=[membership.pk]))
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_a_second_coordinator_makes_the_first_role_removable(coordinator, kommun):
    second = member(kommun, Role.COORDINATOR, "andra_samordnaren")
    membership = second.memberships.get()
    response = client_for(coordinator).post(
        reverse("intkommun:role_give", args=[second.pk]),
        {"organisation": kommun.pk, "role": "reader"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.READER


def test_a_person_with_roles_in_two_kommuner_keeps_the_other_kommuns_roles(
    coordinator, other_kommun, forvaltning_a
):
    shared = member(forvaltning_a, Role.REPORTER, "delad")
    shared.memberships.create(organisation=other_kommun, role=Role.READER)
    client = client_for(coordinator)
    html = client.get(
        reverse("intkommun:person_detail", args=[shared.pk])
    ).content.decode()
    assert "Essunga" not in html.split('id="roles-heading"')[1].split("</section>")[0]
    assert "roller i en annan kommun" in html
    assert (
        client.get(reverse("intkommun:person_update", args=[shared.pk])).status_code
        == 403
    )
    client.post(reverse("intkommun:person_deactivate", args=[shared.pk]))
    shared.refresh_from_db()
    assert shared.is_active


# -- edit, deactivate, history -------------------------------------------------------


def test_an_address_is_unique_whatever_its_case(coordinator, reporter_a, reporter_b):
    reporter_b.email = "b@example.se"
    reporter_b.save()
    url = reverse("intkommun:person_update", args=[reporter_a.pk])
    page = client_for(coordinator).get(url)
    version = re.search(r'name="loaded_version" value="(\d*)"', page.content.decode())
    response = client_for(coordinator).post(
        url,
        {
            "first_name": "Rapportör",
            "last_name": "A",
            "email": "B@example.se",
            "loaded_version": version[1] if version else "",
        },
    )
    assert response.status_code == 200
    assert "redan den här e-postadressen" in response.content.decode()
    reporter_a.refresh_from_db()
    assert reporter_a.email == ""


def test_a_deactivated_person_can_no_longer_log_in(coordinator, reporter_a):
    assert _can_log_in("rapportor_a", "test-password")
    session = client_for(reporter_a)
    response = client_for(coordinator).post(
        reverse("intkommun:person_deactivate", args=[reporter_a.pk])
    )
    assert response.status_code == 302
    reporter_a.refresh_from_db()
    assert not reporter_a.is_active
    assert reporter_a.memberships.exists()  # their roles and history stay
    assert not _can_log_in("rapportor_a", "test-password")
    assert session.get(reverse("start")).status_code == 302  # logged out
    client_for(coordinator).post(
        reverse("intkommun:person_reactivate", args=[reporter_a.pk])
    )
    assert _can_log_in("rapportor_a", "test-password")


def test_the_last_coordinator_cannot_be_deactivated(kommun, coordinator):
    admin = User.objects.create_superuser("root", password="x")
    client_for(admin).post(
        reverse("intkommun:person_deactivate", args=[coordinator.pk])
    )
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_every_change_is_in_the_persons_history(coordinator, reporter_a, forvaltning_b):
    client = client_for(coordinator)
    client.post(
        reverse("intkommun:role_give", args=[reporter_a.pk]),
        {"organisation": forvaltning_b.pk, "role": "reader"},
    )
    client.post(reverse("intkommun:person_deactivate", args=[reporter_a.pk]))
    record = reporter_a.history.order_by("-history_id").first()
    assert record.history_user == coordinator
    assert record.is_active is False
    html = client.get(
        reverse("intkommun:person_history", args=[reporter_a.pk])
    ).content.decode()
    assert "Roll: läsare i Samhällsbyggnadsförvaltningen" in html
    assert coordinator.get_full_name() in html
    assert "Aktiv" in html


def test_logging_in_adds_no_history(reporter_a):
    before = reporter_a.history.count()
    assert _can_log_in("rapportor_a", "test-password")
    reporter_a.refresh_from_db()
    assert reporter_a.last_login is not None
    assert reporter_a.history.count() == before


def test_the_history_never_keeps_a_password():
    fields = {field.name for field in User.history.model._meta.fields}
    assert "password" not in fields
    assert "email" in fields

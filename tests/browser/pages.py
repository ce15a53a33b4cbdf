"""Every named URL of the product: the page to audit and who visits it, or why not.

``PAGES`` maps a URL name to the visits that check it: which demo object the page is
about (attributes of ``Demo``) and which roles open it. ``EXCLUDED`` names the URLs
that are no page of their own, with the reason. ``tests/intkommun/
test_every_page_is_audited.py`` fails when a URL is in neither, so a new page cannot
go without an accessibility check; ``test_accessibility.py`` makes the visits.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.db import models
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.static import serve
from openpyxl import load_workbook

from actions import services as action_services
from actions.demo import PLAN_TITLE
from actions.exports import ACTION_COLUMNS
from actions.models import Action
from api.models import ApiToken
from intkommun.exports import build_xlsx
from intkommun.models import Organisation
from intkommun.versioning import with_versions
from projects.models import FundingProgramme, InternationalFund, Partnership, Project
from reports.models import FollowUpRound, YearEndReport
from strategies import services as strategy_services
from strategies.models import Indicator, IndicatorValue, Strategy

COORDINATOR, REPORTER, READER = "coordinator", "reporter", "reader"
# The superuser sees every kommun: the pages that first ask which one.
ADMINISTRATOR = "administrator"
LOGGED_OUT = "logged out"
# A resident reading a kommun's public pages: logged out, the demo's Skara publishing.
RESIDENT = "resident"
USERNAMES = {
    COORDINATOR: "skara.samordnare",
    REPORTER: "skara.buf",  # Barn- och utbildningsförvaltningen, Katedralskolan below
    READER: "skara.lasare",
    ADMINISTRATOR: "admin",
}
ALL = (COORDINATOR, REPORTER, READER)
EDITORS = (COORDINATOR, REPORTER)
ONLY_COORDINATOR = (COORDINATOR,)


@dataclass(frozen=True)
class Visit:
    """One page to audit: the URL's arguments are ``Demo`` attributes (an object
    gives its pk, a tuple is spread); ``query`` is formatted with ``d=demo``."""

    roles: tuple[str, ...]
    args: tuple[str, ...] = ()
    query: str = ""
    state: str = ""  # what this visit shows when a page is visited in several states

    def path(self, name: str, demo: Demo | None) -> str:
        return url_for(name, demo, self.args, self.query)


def url_for(
    name: str, demo: Demo | None, args: tuple[str, ...] = (), query: str = ""
) -> str:
    values: list[Any] = []
    for attribute in args:
        value = getattr(demo, attribute)
        if isinstance(value, tuple):
            values.extend(value)
        else:
            values.append(value.pk if isinstance(value, models.Model) else value)
    path = reverse(name, args=values)
    return f"{path}?{query.format(d=demo)}" if query else path


PAGES: dict[str, tuple[Visit, ...]] = {
    # intkommun
    "start": (Visit((*ALL, ADMINISTRATOR)),),
    "intkommun:search": (Visit(ALL, query="q=utbyte"),),
    "intkommun:accessibility": (Visit((*ALL, LOGGED_OUT)),),
    "intkommun:organisation_list": (
        Visit(ALL),
        Visit((READER,), query="kind=forvaltning&o=-name", state="filtered, flat"),
    ),
    "intkommun:organisation_create": (Visit(ONLY_COORDINATOR),),
    "intkommun:organisation_detail": (Visit(ALL, ("organisation",)),),
    "intkommun:organisation_update": (Visit(ONLY_COORDINATOR, ("organisation",)),),
    "intkommun:history": (Visit(ALL, ("action_history",)),),
    "intkommun:removed_list": (Visit(ONLY_COORDINATOR),),
    "intkommun:lockout_list": (Visit(ONLY_COORDINATOR),),
    # The confirmation page only: the audit must not remove the demo action.
    "intkommun:remove": (Visit(ONLY_COORDINATOR, ("action_history",)),),
    "intkommun:person_list": (
        Visit(ONLY_COORDINATOR),
        Visit(ONLY_COORDINATOR, query="lacks=email", state="without e-mail"),
    ),
    "intkommun:person_invite": (Visit(ONLY_COORDINATOR),),
    "intkommun:person_detail": (Visit(ONLY_COORDINATOR, ("person",)),),
    "intkommun:person_update": (Visit(ONLY_COORDINATOR, ("person",)),),
    "intkommun:person_history": (Visit(ONLY_COORDINATOR, ("person",)),),
    # The form to choose a password, where the invitation's link leads.
    "password_reset_confirm": (Visit((LOGGED_OUT,), ("invitation",)),),
    "password_reset_complete": (Visit((LOGGED_OUT,)),),
    "login": (Visit((LOGGED_OUT,)),),
    "password_change": (Visit(ALL),),
    "password_change_done": (Visit(ALL),),
    # strategies
    "strategies:goal_list": (
        Visit(ALL),
        Visit(
            (READER,), query="kind=goal&has_actions=yes&o=-actions", state="filtered"
        ),
    ),
    "strategies:list": (
        Visit((*ALL, ADMINISTRATOR)),
        Visit((READER,), query="year=abc", state="with a filter error"),
    ),
    "strategies:due_for_review": (Visit(ALL),),
    "strategies:create": (
        Visit(ONLY_COORDINATOR),
        Visit((ADMINISTRATOR,), state="choose the kommun"),
    ),
    "strategies:detail": (
        Visit(ALL, ("plan",), state="action plan with goals and an indicator"),
        Visit((READER,), ("strategy",), state="strategy with implementing plan"),
    ),
    "strategies:update": (Visit(ONLY_COORDINATOR, ("plan",)),),
    "strategies:delete": (Visit(ONLY_COORDINATOR, ("strategy",)),),
    "strategies:indicator_create": (Visit(ONLY_COORDINATOR, ("goal",)),),
    "strategies:indicator_detail": (Visit(ALL, ("indicator",)),),
    "strategies:indicator_update": (Visit(ONLY_COORDINATOR, ("indicator",)),),
    "strategies:indicator_delete": (Visit(ONLY_COORDINATOR, ("indicator",)),),
    "strategies:indicator_values": (Visit(ONLY_COORDINATOR, ("indicator",)),),
    "strategies:document_type_list": (Visit(ALL),),
    "strategies:document_type_create": (
        Visit(ONLY_COORDINATOR, query="kommun={d.kommun.pk}"),
    ),
    "strategies:document_type_update": (Visit(ONLY_COORDINATOR, ("document_type",)),),
    # actions
    "actions:list": (
        Visit(ALL, state="page 1 of 2"),
        Visit((READER,), query="page=2", state="page 2 of 2"),
        Visit(
            ONLY_COORDINATOR, query="year=abc&status=done", state="with a filter error"
        ),
    ),
    "actions:mine": (Visit(ALL),),
    "actions:create": (Visit(ONLY_COORDINATOR),),
    "actions:detail": (Visit(ALL, ("action",)),),
    "actions:update": (Visit(EDITORS, ("action",)),),
    "actions:timeline": (Visit(ALL, ("plan",)),),
    "actions:import": (Visit(ONLY_COORDINATOR),),
    "actions:import_preview": (Visit(ONLY_COORDINATOR, ("plan_import",)),),
    "actions:import_list": (Visit(ONLY_COORDINATOR, ("plan",)),),
    "actions:bulk_update": (Visit((COORDINATOR, ADMINISTRATOR)),),
    "actions:bulk_preview": (Visit(ONLY_COORDINATOR, ("bulk_update",)),),
    "actions:status_scale": (Visit(ONLY_COORDINATOR, ("kommun",)),),
    # projects
    "projects:list": (
        Visit((*ALL, ADMINISTRATOR)),
        Visit((READER,), query="year=abc&o=-title", state="with a filter error"),
    ),
    "projects:create": (Visit(EDITORS),),
    "projects:detail": (Visit(ALL, ("project",)),),
    "projects:update": (Visit(EDITORS, ("project",)),),
    "projects:partners": (Visit(EDITORS, ("project",)),),
    "projects:applications": (Visit(ALL, query="year={d.year}"),),
    "projects:key_figures": (Visit((*ALL, ADMINISTRATOR), query="year={d.year}"),),
    "projects:gaps": (Visit(ONLY_COORDINATOR, query="year={d.year}"),),
    "projects:programme_list": (Visit(ALL),),
    "projects:programme_create": (Visit(ONLY_COORDINATOR),),
    "projects:programme_update": (Visit(ONLY_COORDINATOR, ("programme",)),),
    "projects:partnership_list": (Visit((*ALL, ADMINISTRATOR)),),
    "projects:partnership_create": (Visit(EDITORS),),
    "projects:partnership_detail": (Visit(ALL, ("partnership",)),),
    "projects:partnership_update": (Visit(EDITORS, ("partnership",)),),
    "projects:partnership_activity_list": (Visit((*ALL, ADMINISTRATOR)),),
    "projects:partnership_activity_update": (
        Visit(EDITORS, ("partnership_activity",)),
    ),
    "projects:partnership_activity_remove": (
        Visit(EDITORS, ("partnership_activity",)),
    ),
    "projects:fund_list": (Visit((*ALL, ADMINISTRATOR)),),
    "projects:fund_create": (Visit(ONLY_COORDINATOR),),
    "projects:fund_detail": (Visit(ALL, ("fund",)),),
    "projects:fund_update": (Visit(ONLY_COORDINATOR, ("fund",)),),
    "projects:allocation_create": (Visit(ONLY_COORDINATOR, ("fund",)),),
    "projects:allocation_update": (Visit(ONLY_COORDINATOR, ("allocation",)),),
    "projects:application_create": (Visit(EDITORS, ("fund",)),),
    "projects:application_list": (
        Visit(ALL),
        Visit((READER,), query="year={d.year}&applicant_kind=association"),
    ),
    "projects:association_create": (Visit(ONLY_COORDINATOR, ("fund",)),),
    "projects:call_create": (Visit(ONLY_COORDINATOR, ("fund",)),),
    "projects:call_update": (Visit(ONLY_COORDINATOR, ("fund_call",)),),
    "projects:application_detail": (
        Visit(ALL, ("open_application",), state="waiting for a decision"),
        Visit(ALL, ("granted_application",), state="granted"),
    ),
    "projects:application_update": (Visit(ONLY_COORDINATOR, ("open_application",)),),
    # reports
    "reports:round_list": (
        Visit(ALL),
        Visit((COORDINATOR,), query="year=1999&state=open", state="nothing matches"),
    ),
    "reports:report_list": (
        Visit(ALL),
        Visit((COORDINATOR,), query="status=approved&o=-year", state="filtered"),
    ),
    "reports:round_create": (
        Visit(ONLY_COORDINATOR),
        Visit((ADMINISTRATOR,), state="choose the kommun"),
    ),
    "reports:mine": (Visit(ALL),),
    "reports:round_detail": (Visit(ALL, ("round",)),),
    "reports:round_update": (Visit(ONLY_COORDINATOR, ("round",)),),
    "reports:report_detail": (
        Visit(ALL, ("draft_report",), state="draft"),
        Visit(EDITORS, ("submitted_report",), state="submitted"),
        Visit((COORDINATOR, READER), ("returned_report",), state="returned"),
        Visit((COORDINATOR, READER), ("approved_report",), state="approved"),
    ),
    "reports:year_end_list": (
        Visit(ALL),
        Visit((COORDINATOR,), query="status=adopted", state="filtered"),
    ),
    "reports:year_end_preview": (
        Visit(ALL, ("kommun", "year"), state="no PDF yet"),
        Visit((COORDINATOR, READER), ("kommun", "generated_year"), state="draft PDF"),
        Visit(ONLY_COORDINATOR, ("kommun", "generating_year"), state="PDF on its way"),
        Visit((COORDINATOR, READER), ("kommun", "adopted_year"), state="adopted"),
    ),
    "reports:kommun_assessment": (Visit(ONLY_COORDINATOR, ("kommun", "year")),),
    # api
    "api:token_list": (Visit(ONLY_COORDINATOR, ("kommun",)),),
    "api:token_create": (Visit(ONLY_COORDINATOR, ("kommun",)),),
    # public: Skara publishes (manage.py seed_demo), its names hidden
    "public:kommun": (Visit((RESIDENT,), ("kommun",)),),
    "public:documents": (Visit((RESIDENT,), ("kommun",)),),
    "public:action_plans": (Visit((RESIDENT,), ("kommun",)),),
    "public:projects": (Visit((RESIDENT,), ("kommun",)),),
    "public:partnerships": (Visit((RESIDENT,), ("kommun",)),),
    "public:year_end_list": (Visit((RESIDENT,), ("kommun",)),),
}

POST_ONLY = "POST only: changes data and redirects, no page of its own"
API_ENDPOINTS = [
    f"api_v1:{kind}_{view}"
    for kind in (
        "strategy",
        "action",
        "project",
        "partnership",
        "fund_application",
        "year_end_report",
    )
    for view in ("list", "detail")
]
XLSX = "an Excel (.xlsx) download of the list, not a page"

EXCLUDED: dict[str, str] = {
    "logout": "POST only: logs out and redirects to the login page",
    "oidc_authentication_init": "single sign-on: redirects to the identity provider",
    "oidc_authentication_callback": "single sign-on: the provider's redirect back, "
    "which logs in and redirects",
    "intkommun:restore": POST_ONLY,
    "intkommun:lockout_lift": POST_ONLY,
    "intkommun:person_export": XLSX,
    "intkommun:role_give": "POST only; its answer with errors is the person's page, "
    "checked by test_accessibility's form checks",
    "intkommun:role_remove": POST_ONLY,
    "intkommun:person_reinvite": POST_ONLY,
    "intkommun:person_deactivate": POST_ONLY,
    "intkommun:person_reactivate": POST_ONLY,
    "set_language": "POST only: stores the language and redirects back",
    "strategies:export": XLSX,
    "strategies:goal_export": XLSX,
    "strategies:document": "downloads the uploaded original document (PDF/DOCX)",
    "strategies:document_types_customise": POST_ONLY,
    "strategies:document_type_move": POST_ONLY,
    "actions:export": XLSX,
    "actions:add_update": "POST only (htmx); its answer with errors is the progress "
    "log, checked on the action page by test_accessibility's form checks",
    "actions:import_confirm": POST_ONLY,
    "actions:import_discard": POST_ONLY,
    "actions:import_columns": "POST only; its answer with errors is the import "
    "preview, checked by test_accessibility's form checks",
    "actions:import_rows": "POST only; its answer with errors is the import "
    "preview, checked by test_accessibility's form checks",
    "actions:import_undo": POST_ONLY,
    "actions:bulk_confirm": POST_ONLY,
    "actions:bulk_discard": POST_ONLY,
    "actions:status_scale_preset": POST_ONLY,
    "projects:export": XLSX,
    "projects:partnership_export": XLSX,
    "projects:application_export": XLSX,
    "projects:partnership_activity_export": XLSX,
    "reports:round_export": XLSX,
    "intkommun:organisation_export": XLSX,
    "reports:report_export": XLSX,
    "reports:year_end_export": XLSX,
    "projects:partnership_activity_add": "POST only; its answer with errors is the "
    "partnership page, checked by test_accessibility's form checks",
    "projects:application_decide": "POST only; its answer with errors is the "
    "application page, checked by test_accessibility's form checks",
    "projects:application_usage": "POST only; its answer with errors is the "
    "application page, checked by test_accessibility's form checks",
    "projects:application_withdraw": POST_ONLY,
    "reports:round_close": POST_ONLY,
    "reports:round_reopen": POST_ONLY,
    "reports:report_save": "POST only; its answer with errors is the report page, "
    "checked by test_accessibility's form checks",
    "reports:report_submit": "POST only; its answer with errors is the report page, "
    "checked by test_accessibility's form checks",
    "reports:report_return": "POST only; its answer with errors is the report page, "
    "checked by test_accessibility's form checks",
    "reports:report_approve": POST_ONLY,
    "reports:year_end_generate": POST_ONLY,
    "reports:year_end_adopt": POST_ONLY,
    "reports:year_end_retry": POST_ONLY,
    "reports:year_end_status": "an htmx fragment the preview page polls while a PDF "
    "is generated, not a page",
    "reports:year_end_figures": "the KS report's key figures as an Excel (.xlsx) "
    "appendix, not a page",
    "reports:year_end_archive": "the adopted KS report's e-archive package as a "
    "zip file, not a page (tested in tests/reports/test_archive_package.py)",
    "reports:year_end_download": "the KS report's PDF file (its accessibility is "
    "tested as a tagged PDF/A in tests/reports)",
    "api:token_revoke": POST_ONLY,
    "api_v1:api-root": "the API's root answers 404: the API has no docs page",
    "api_v1:openapi-json": "the API's OpenAPI description (JSON), not a page",
    "public:year_end_download": "the adopted KS report's PDF file for the public "
    "(tested byte for byte in tests/public)",
    "public:sitemap": "the public pages' sitemap (XML) for search engines, not a page",
    "robots_txt": "robots.txt (plain text) for search engines, not a page",
    **dict.fromkeys(
        API_ENDPOINTS,
        "JSON of the read-only API, not a page (tests/api walks every endpoint)",
    ),
}


def url_names() -> tuple[set[str], list[str]]:
    """Every named URL (``namespace:name``) outside the admin, and the routes of
    unnamed patterns other than the media files served in development."""
    names: set[str] = set()
    unnamed: list[str] = []

    def walk(resolver: URLResolver, namespace: str, route: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
                walk(pattern, inner or namespace, route + str(pattern.pattern))
            elif pattern.name:
                names.add(namespace + pattern.name)
            elif pattern.callback is not serve:
                unnamed.append(route + str(pattern.pattern))

    walk(get_resolver(), "", "")
    return names, unnamed


def visits_for(role: str) -> Iterator[tuple[str, Visit]]:
    for name, visits in PAGES.items():
        for visit in visits:
            if role in visit.roles:
                yield name, visit


PASTED_PLAN = """1. Internationella nätverk

Åtgärd: Delta i V6-nätverkets möten om gemensamma EU-ansökningar
Medverkande: Samtliga förvaltningar
Tidpunkt: Hela 2018 och fortlöpande
Ansvarig: Internationell samordnare

Åtgärd: Ta fram en plan för vänortsutbyten
Medverkande: Barn- och utbildningsförvaltningen
Tidpunkt: någon gång när det passar
Ansvarig: En nämnd som inte finns
"""


class Demo:
    """The demo data's objects (``manage.py seed_demo``) that the pages are about.

    Everything is Skara's: its coordinator, the reporter of Barn- och
    utbildningsförvaltningen (who may edit the action, project and partnership
    chosen here) and its reader all see them. What the demo data lacks (an
    indicator, the kommun's own programme and document type, staged imports, a
    generated KS report) is made here, as a coordinator would.
    """

    year = 2017
    generated_year = 2016
    generating_year = 2015
    adopted_year = 2014

    @cached_property
    def kommun(self):
        return Organisation.objects.kommuner().get(name="Skara kommun")

    @cached_property
    def coordinator(self):
        return get_user_model().objects.get(username=USERNAMES[COORDINATOR])

    @cached_property
    def organisation(self):
        return Organisation.objects.get(
            kommun=self.kommun, name="Barn- och utbildningsförvaltningen"
        )

    @cached_property
    def person(self):
        """The reporter of Barn- och utbildningsförvaltningen, a person of Skara."""
        return get_user_model().objects.get(username="skara.buf")

    @cached_property
    def person_role(self):
        return self.person.memberships.get()

    @cached_property
    def invitation(self) -> tuple[str, str]:
        """The link of an invitation to a new person: (uidb64, token)."""
        invited, _ = get_user_model().objects.get_or_create(
            # No dot in the name: the permission matrix logs in every dotted
            # demo user, and a login would spend the link.
            username="inbjuden",
            defaults={"email": "inbjuden@exempel.invalid", "first_name": "Inbjuden"},
        )
        invited.set_unusable_password()
        invited.save()
        uid = urlsafe_base64_encode(force_bytes(invited.pk))
        return uid, default_token_generator.make_token(invited)

    @cached_property
    def strategy(self):
        return Strategy.objects.get(
            kommun=self.kommun, title="Strategi för ökad internationalisering"
        )

    @cached_property
    def plan(self):
        return Strategy.objects.get(kommun=self.kommun, title=PLAN_TITLE)

    @cached_property
    def goal(self):
        return self.plan.goals.filter(kind="goal").order_by("order").first()

    @cached_property
    def indicator(self):
        indicator, created = Indicator.objects.get_or_create(
            goal=self.goal,
            name="Exempel: antal medarbetare som fått utbildning",
            defaults={"unit": "st", "target_value": 100, "target_year": 2018},
        )
        if created:
            for year, value in ((2016, 20), (2017, 45)):
                IndicatorValue.objects.create(
                    indicator=indicator, year=year, value=value
                )
        return indicator

    @cached_property
    def document_type(self):
        return strategy_services.document_types_customise(kommun=self.kommun)[0]

    @cached_property
    def action(self):
        return Action.objects.get(
            plan=self.plan,
            title__startswith="Stöd till Charity Group på Katedralskolan",
        )

    @property
    def action_history(self) -> tuple[str, str, int]:
        return ("actions", "action", self.action.pk)

    @cached_property
    def plan_import(self):
        return action_services.staged_import_create(
            by=self.coordinator, plan=self.plan, text=PASTED_PLAN
        )

    @cached_property
    def bulk_update(self):
        upload = ContentFile(edited_action_export(self), name="atgarder.xlsx")
        return action_services.bulk_staged_create(
            by=self.coordinator, kommun=self.kommun, upload=upload
        )

    @cached_property
    def project(self):
        return Project.objects.get(
            owner__kommun=self.kommun,
            title="Exempel: Elevutbyte med partnerskolor i Europa",
        )

    @cached_property
    def programme(self):
        programme, _ = FundingProgramme.objects.get_or_create(
            kommun=self.kommun,
            code="EXEMPEL-REGION",
            defaults={"name_sv": "Exempel: Regionens utvecklingsmedel"},
        )
        return programme

    @cached_property
    def partnership(self):
        return Partnership.objects.get(
            responsible_organisation__kommun=self.kommun,
            name="Katedralskolans utbyte med Radviliskis",
        )

    @cached_property
    def partnership_activity(self):
        return self.partnership.activities.order_by("pk").first()

    @cached_property
    def fund(self):
        return InternationalFund.objects.get(kommun=self.kommun, year=self.year)

    @cached_property
    def allocation(self):
        return self.fund.allocations.order_by("pk").first()

    @cached_property
    def fund_call(self):
        return self.fund.calls.order_by("pk").first()

    @cached_property
    def open_application(self):
        return self.fund.applications.get(status="submitted")

    @cached_property
    def granted_application(self):
        return self.fund.applications.get(
            status="granted", applicant__name="Barn- och utbildningsförvaltningen"
        )

    @cached_property
    def round(self):
        return FollowUpRound.objects.get(kommun=self.kommun, year=self.year)

    def _report(self, organisation: str):
        return self.round.reports.get(organisation__name=organisation)

    @property
    def draft_report(self):
        return self._report("Barn- och utbildningsförvaltningen")

    @property
    def submitted_report(self):
        return self._report("Katedralskolan")

    @property
    def returned_report(self):
        return self._report("Samhällsbyggnadsförvaltningen")

    @property
    def approved_report(self):
        return self._report("Kommunledningsförvaltningen")

    @cached_property
    def api_token(self):
        token, _secret = ApiToken.issue(
            kommun=self.kommun, name="Exempel: kommunens webbplats", by=self.coordinator
        )
        return token

    @cached_property
    def year_end_report(self):
        self._ks_reports()
        return YearEndReport.objects.get(kommun=self.kommun, year=self.generated_year)

    def prepare(self) -> None:
        """Make what the demo lacks before any page is opened, as a coordinator
        would have (a generated KS report is a file, so it needs MEDIA_ROOT)."""
        for attribute in ("indicator", "document_type", "programme"):
            getattr(self, attribute)
        self._long_plan()
        self._ks_reports()

    def _long_plan(self) -> None:
        """A second plan with enough actions that the action list has two pages."""
        plan, created = Strategy.objects.get_or_create(
            kommun=self.kommun,
            title="Exempel: handlingsplan för skolutbyten 2018",
            defaults={
                "document_type": self.plan.document_type,
                "parent": self.strategy,
            },
        )
        if created:
            Action.objects.bulk_create(
                Action(plan=plan, position=number, title=f"Exempel: utbyte {number}")
                for number in range(1, 52)
            )

    def _ks_reports(self) -> None:
        """A draft KS report with its PDF, one whose PDF is being generated, and
        an adopted one."""
        content = b"%PDF-1.7\n% stands in for a generated KS report\n"
        generated, created = YearEndReport.objects.get_or_create(
            kommun=self.kommun,
            year=self.generated_year,
            defaults={
                "sha256": hashlib.sha256(content).hexdigest(),
                "page_count": 12,
                "generated_at": timezone.now(),
                "generated_by": self.coordinator,
                "summary": "Exempel: sammanfattning till kommunstyrelsen.",
            },
        )
        if created:
            generated.file.save("ks-rapport.pdf", ContentFile(content))
        YearEndReport.objects.get_or_create(
            kommun=self.kommun,
            year=self.generating_year,
            defaults={"generation_requested_at": timezone.now()},
        )
        self._adopted_report()

    def _adopted_report(self) -> None:
        content = b"%PDF-1.7\n% stands in for an adopted KS report\n"
        adopted, created = YearEndReport.objects.get_or_create(
            kommun=self.kommun,
            year=self.adopted_year,
            defaults={
                "sha256": hashlib.sha256(content).hexdigest(),
                "page_count": 12,
                "generated_at": timezone.now(),
                "generated_by": self.coordinator,
                "diary_number": "KS2015/0042",
            },
        )
        if created:
            adopted.file.save("ks-rapport.pdf", ContentFile(content))
            adopted.status = YearEndReport.Status.ADOPTED
            adopted.ks_paragraph = "§ 42"
            adopted.adopted_at = timezone.now()
            adopted.adopted_by = self.coordinator
            adopted.save()


def edited_action_export(demo: Demo) -> bytes:
    """The action list as exported, with one status changed, a progress note and
    one status that does not exist: a bulk update with changes and a problem."""
    with translation.override("en"):
        headers = [str(column.header) for column in ACTION_COLUMNS]
    status = 1 + headers.index("Status")
    note = 1 + headers.index("New progress note")
    actions = Action.objects.filter(plan=demo.plan).with_latest_update()
    with translation.override("sv"):
        exported = build_xlsx(
            "Åtgärder", ACTION_COLUMNS, with_versions(actions.order_by("pk"))[:3]
        )
    workbook = load_workbook(exported)
    sheet = workbook.active
    sheet.cell(row=2, column=status, value="Genomförd")
    sheet.cell(row=2, column=note, value="Exempel: klart enligt plan.")
    sheet.cell(row=3, column=status, value="Bortglömd")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

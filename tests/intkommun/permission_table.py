"""DESIGN §3 as a table: what each persona gets from every named URL, GET and POST.

Every row names a URL and what each of the six personas gets when it opens the URL
(GET) and when it sends an empty form to it (POST). The objects are the demo data's
(``tests/browser/pages.py``: ``Demo``), so a row's arguments are ``Demo`` attributes,
taken from the page's first visit in ``PAGES`` unless the row gives its own.

Columns, in order: anonymous; the kommun's reader; a reporter of the object's own
organisation (by default Barn- och utbildningsförvaltningen, whose action, project
and partnership the demo objects are); a reporter of another organisation of the
kommun; the kommun's coordinator; the coordinator of another kommun (Essunga).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db import models

from actions.models import Action, ActionUpdate, StatusTerm
from api.models import ApiToken
from intkommun.models import Membership, Organisation
from projects.models import (
    FundApplication,
    FundCall,
    FundingProgramme,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    Project,
)
from reports.models import (
    AnnualReport,
    FollowUpRound,
    KommunGoalAssessment,
    YearEndReport,
)
from strategies.models import DocumentType, Indicator, Strategy

# What a request gets.
OK = "ok"  # GET: 200; POST: 200 or 400 (form errors) or 302 (done, not to login)
REDIRECT = "redirect"  # 302, not to the login page
LOGIN = "login"  # 302 to /konto/logga-in/
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
UNAUTHORIZED = "401"  # the API: no valid token (a session does not count)

OUTCOMES = {OK, REDIRECT, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, UNAUTHORIZED}

BUF_REPORTER = "skara.buf"  # Barn- och utbildningsförvaltningen
SBF_REPORTER = "skara.sbf"  # Samhällsbyggnadsförvaltningen


class By(NamedTuple):
    """One outcome per persona."""

    anonymous: str
    reader: str
    own_reporter: str
    other_reporter: str
    coordinator: str
    other_coordinator: str


PERSONAS = By._fields


def everyone(outcome: str) -> By:
    return By(*([outcome] * len(PERSONAS)))


# The patterns DESIGN §3 makes of the roles.
PUBLIC = everyone(OK)
# A list or page about the user's own kommun: every logged-in user has one.
SIGNED_IN = By(LOGIN, OK, OK, OK, OK, OK)
# An object of the kommun: its users see it; another kommun's do not know it exists.
KOMMUN_SEES = By(LOGIN, OK, OK, OK, OK, NOT_FOUND)
# An object the coordinator of the kommun edits, and only they.
COORDINATOR_EDITS = By(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND)
# An object the reporters of its own organisation edit too.
OWNER_EDITS = By(LOGIN, FORBIDDEN, OK, FORBIDDEN, OK, NOT_FOUND)
# A page of the coordinator's own kommun (a new object, the kommun's staging area):
# a coordinator of any kommun opens it for theirs.
COORDINATORS = By(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
# Something new a coordinator or reporter registers for an organisation of theirs.
REGISTRARS = By(LOGIN, FORBIDDEN, OK, OK, OK, OK)
# The read-only API: a token, never a session, opens it (tests/api walks it with
# tokens); a POST is refused before anyone is asked who they are.
API = everyone(UNAUTHORIZED)
# POST only: a GET is refused before anyone is asked who they are.
POST_ONLY = everyone(NOT_ALLOWED)
# A page to read: anonymous is sent to log in, anyone else may not POST.
GET_ONLY = By(LOGIN, *([NOT_ALLOWED] * 5))


@dataclass(frozen=True)
class Row:
    get: By
    post: By
    # Whose rows a forbidden POST must leave alone (None: the object's own model).
    model: type[models.Model] | None = None
    # Demo attributes for the URL's arguments; None: the first visit in PAGES.
    args: tuple[str, ...] | None = None
    query: str | None = None
    # The POST's form data, each value formatted with ``d=demo``; empty by default.
    data: tuple[tuple[str, str], ...] = ()
    # The reporter whose organisation the object is, and one of another's.
    own_reporter: str = BUF_REPORTER
    other_reporter: str = SBF_REPORTER


def row(get: By, post: By | None = None, **kwargs) -> Row:
    """A form, or a function view that only reads: a POST is answered like a GET."""
    return Row(get=get, post=post or get, **kwargs)


def page(get: By, **kwargs) -> Row:
    """A class-based page to read: a POST is refused once the user is known."""
    return Row(get=get, post=GET_ONLY, **kwargs)


def post_only(post: By, **kwargs) -> Row:
    return Row(get=POST_ONLY, post=post, **kwargs)


def api_row(model: type[models.Model], args: tuple[str, ...]) -> Row:
    return Row(get=API, post=everyone(NOT_ALLOWED), model=model, args=args)


# Each kind of object of the API, with the demo object its detail URL names.
API_OBJECTS = (
    ("strategy", Strategy, ("strategy",)),
    ("action", Action, ("action",)),
    ("project", Project, ("project",)),
    ("partnership", Partnership, ("partnership",)),
    ("fund_application", FundApplication, ("granted_application",)),
    ("year_end_report", YearEndReport, ("year_end_report",)),
)

SBF_OWNS = {"own_reporter": SBF_REPORTER, "other_reporter": BUF_REPORTER}

TABLE: dict[str, Row] = {
    # intkommun
    "start": row(SIGNED_IN, model=Organisation),
    "login": row(
        By(OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT), model=Organisation
    ),
    # Single sign-on: without configuration (the tests' default) these URLs do not
    # exist; tests/intkommun/test_sso.py logs in through them.
    "oidc_authentication_init": Row(
        get=everyone(NOT_FOUND),
        post=everyone(NOT_FOUND),
        args=(),
        model=get_user_model(),
    ),
    "oidc_authentication_callback": Row(
        get=everyone(NOT_FOUND),
        post=everyone(NOT_FOUND),
        args=(),
        model=get_user_model(),
    ),
    # Logging out ends on the login page, logged in or not.
    "logout": post_only(everyone(LOGIN), model=Organisation, args=()),
    "password_change": row(SIGNED_IN, model=Organisation),
    "password_change_done": page(SIGNED_IN, model=Organisation),
    "set_language": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), args=()),
    "intkommun:accessibility": row(PUBLIC, model=Organisation),
    "intkommun:search": row(SIGNED_IN, model=Organisation),
    "intkommun:organisation_list": page(SIGNED_IN, model=Organisation),
    "intkommun:organisation_export": row(SIGNED_IN, model=Organisation, args=()),
    "intkommun:organisation_create": row(COORDINATORS, model=Organisation),
    "intkommun:organisation_detail": page(KOMMUN_SEES),
    "intkommun:organisation_update": row(COORDINATOR_EDITS),
    "intkommun:history": row(KOMMUN_SEES, model=Action),
    "intkommun:removed_list": row(COORDINATORS, model=Action),
    "intkommun:lockout_list": row(COORDINATORS, model=AccessAttempt),
    "intkommun:lockout_lift": post_only(
        COORDINATOR_EDITS, args=("lockout",), model=AccessAttempt
    ),
    "intkommun:remove": row(COORDINATOR_EDITS, model=Action),
    # People and roles: the kommun's coordinator, and only they.
    "intkommun:person_list": row(COORDINATORS, model=get_user_model()),
    "intkommun:person_export": row(COORDINATORS, model=get_user_model(), args=()),
    "intkommun:person_invite": row(COORDINATORS, model=get_user_model()),
    "intkommun:person_detail": row(COORDINATOR_EDITS),
    "intkommun:person_update": row(COORDINATOR_EDITS),
    "intkommun:person_history": row(COORDINATOR_EDITS),
    "intkommun:role_give": post_only(COORDINATOR_EDITS, args=("person",)),
    "intkommun:role_remove": post_only(
        COORDINATOR_EDITS, args=("person_role",), model=Membership
    ),
    "intkommun:person_reinvite": post_only(COORDINATOR_EDITS, args=("person",)),
    "intkommun:person_deactivate": post_only(COORDINATOR_EDITS, args=("person",)),
    "intkommun:person_reactivate": post_only(COORDINATOR_EDITS, args=("person",)),
    # The link of an invitation: the signed token is the permission; a valid one
    # is kept in the session and redirects to the form to choose a password.
    "password_reset_confirm": Row(
        get=everyone(REDIRECT),
        post=everyone(REDIRECT),
        args=("invitation",),
        model=get_user_model(),
    ),
    "password_reset_complete": Row(
        get=PUBLIC, post=everyone(NOT_ALLOWED), args=(), model=get_user_model()
    ),
    "intkommun:restore": post_only(COORDINATOR_EDITS, args=("removed_action",)),
    # strategies
    "strategies:list": page(SIGNED_IN, model=Strategy),
    "strategies:export": row(SIGNED_IN, model=Strategy, args=()),
    "strategies:goal_list": page(SIGNED_IN, model=Strategy),
    "strategies:goal_export": row(SIGNED_IN, model=Strategy, args=()),
    "strategies:due_for_review": page(SIGNED_IN, model=Strategy),
    "strategies:create": row(COORDINATORS, model=Strategy),
    "strategies:detail": page(KOMMUN_SEES),
    "strategies:update": row(COORDINATOR_EDITS),
    "strategies:delete": row(COORDINATOR_EDITS),
    # The demo strategy has no uploaded document: nobody finds one.
    "strategies:document": row(
        By(LOGIN, *([NOT_FOUND] * 5)), model=Strategy, args=("strategy",)
    ),
    "strategies:indicator_create": row(COORDINATOR_EDITS, model=Indicator),
    "strategies:indicator_detail": page(KOMMUN_SEES),
    "strategies:indicator_update": row(COORDINATOR_EDITS),
    "strategies:indicator_delete": row(COORDINATOR_EDITS),
    "strategies:indicator_values": row(COORDINATOR_EDITS),
    "strategies:document_type_list": row(SIGNED_IN, model=DocumentType),
    "strategies:document_type_create": row(COORDINATOR_EDITS, model=DocumentType),
    "strategies:document_type_update": row(COORDINATOR_EDITS),
    "strategies:document_types_customise": post_only(
        COORDINATOR_EDITS,
        model=DocumentType,
        args=(),
        data=(("kommun", "{d.kommun.pk}"),),
    ),
    "strategies:document_type_move": post_only(
        COORDINATOR_EDITS, args=("document_type",)
    ),
    # actions
    "actions:list": page(SIGNED_IN, model=Action),
    "actions:mine": page(SIGNED_IN, model=Action),
    "actions:export": row(SIGNED_IN, model=Action, args=()),
    "actions:create": row(COORDINATORS, model=Action),
    "actions:detail": page(KOMMUN_SEES),
    "actions:update": row(OWNER_EDITS),
    "actions:add_update": post_only(OWNER_EDITS, model=ActionUpdate, args=("action",)),
    "actions:timeline": row(KOMMUN_SEES, model=Action),
    "actions:import": row(COORDINATORS, model=Action),
    "actions:import_preview": row(COORDINATOR_EDITS),
    "actions:import_list": row(COORDINATOR_EDITS),
    "actions:import_confirm": post_only(
        COORDINATOR_EDITS, model=Action, args=("plan_import",)
    ),
    "actions:import_discard": post_only(COORDINATOR_EDITS, args=("plan_import",)),
    "actions:import_columns": post_only(COORDINATOR_EDITS, args=("plan_import",)),
    "actions:import_rows": post_only(COORDINATOR_EDITS, args=("plan_import",)),
    "actions:import_undo": post_only(
        COORDINATOR_EDITS, model=Action, args=("plan_import",)
    ),
    "actions:bulk_update": row(COORDINATORS, model=Action),
    "actions:bulk_preview": row(COORDINATOR_EDITS),
    "actions:bulk_confirm": post_only(
        COORDINATOR_EDITS, model=ActionUpdate, args=("bulk_update",)
    ),
    "actions:bulk_discard": post_only(COORDINATOR_EDITS, args=("bulk_update",)),
    # The kommun's status scale: its coordinator's, nobody else's.
    "actions:status_scale": row(COORDINATOR_EDITS, model=StatusTerm, args=("kommun",)),
    "actions:status_scale_preset": post_only(
        COORDINATOR_EDITS, model=StatusTerm, args=("kommun",)
    ),
    # projects
    "projects:list": page(SIGNED_IN, model=Project),
    "projects:export": row(SIGNED_IN, model=Project, args=()),
    "projects:create": row(REGISTRARS, model=Project),
    "projects:detail": page(KOMMUN_SEES),
    "projects:update": row(OWNER_EDITS),
    "projects:partners": row(OWNER_EDITS),
    "projects:applications": row(SIGNED_IN, model=FundApplication),
    "projects:key_figures": row(SIGNED_IN, model=Project),
    "projects:gaps": row(COORDINATORS, model=Project),
    "projects:programme_list": page(SIGNED_IN, model=FundingProgramme),
    "projects:programme_create": row(COORDINATORS, model=FundingProgramme),
    "projects:programme_update": row(COORDINATOR_EDITS),
    "projects:partnership_list": page(SIGNED_IN, model=Partnership),
    "projects:partnership_export": row(SIGNED_IN, model=Partnership, args=()),
    "projects:partnership_create": row(REGISTRARS, model=Partnership),
    "projects:partnership_detail": page(KOMMUN_SEES),
    "projects:partnership_update": row(OWNER_EDITS),
    "projects:partnership_activity_add": post_only(OWNER_EDITS, args=("partnership",)),
    "projects:partnership_activity_update": row(OWNER_EDITS, model=PartnershipActivity),
    "projects:partnership_activity_remove": row(OWNER_EDITS, model=PartnershipActivity),
    "projects:partnership_activity_list": page(SIGNED_IN, model=PartnershipActivity),
    "projects:partnership_activity_export": row(
        SIGNED_IN, model=PartnershipActivity, args=()
    ),
    "projects:fund_list": page(SIGNED_IN, model=InternationalFund),
    "projects:fund_create": row(COORDINATORS, model=InternationalFund),
    "projects:fund_detail": page(KOMMUN_SEES),
    "projects:fund_update": row(COORDINATOR_EDITS),
    "projects:allocation_create": row(COORDINATOR_EDITS),
    "projects:allocation_update": row(COORDINATOR_EDITS),
    # A reporter applies for their own organisation; a reader applies for nothing.
    "projects:application_create": row(
        By(LOGIN, FORBIDDEN, OK, OK, OK, NOT_FOUND), model=FundApplication
    ),
    "projects:application_detail": page(KOMMUN_SEES),
    "projects:application_list": page(SIGNED_IN, model=FundApplication),
    "projects:application_export": row(SIGNED_IN, model=FundApplication, args=()),
    # Associations (föreningar) are registered by the coordinator only.
    "projects:association_create": row(COORDINATOR_EDITS, model=Organisation),
    "projects:call_create": row(COORDINATOR_EDITS, model=FundCall),
    "projects:call_update": row(COORDINATOR_EDITS),
    # The applicant's reporters edit it while it waits for a decision; the open
    # application is Samhällsbyggnadsförvaltningen's.
    "projects:application_update": row(OWNER_EDITS, **SBF_OWNS),
    "projects:application_decide": post_only(
        COORDINATOR_EDITS, args=("open_application",)
    ),
    # What a grant was used for is recorded by the coordinator, who decided it.
    "projects:application_usage": post_only(
        COORDINATOR_EDITS, args=("granted_application",)
    ),
    # The open application is Samhällsbyggnadsförvaltningen's.
    "projects:application_withdraw": post_only(
        OWNER_EDITS, args=("open_application",), **SBF_OWNS
    ),
    # reports
    "reports:round_list": page(SIGNED_IN, model=FollowUpRound),
    "reports:round_export": row(SIGNED_IN, model=FollowUpRound, args=()),
    "reports:report_list": page(SIGNED_IN, model=AnnualReport),
    "reports:report_export": row(SIGNED_IN, model=AnnualReport, args=()),
    "reports:round_create": row(COORDINATORS, model=FollowUpRound),
    "reports:mine": row(SIGNED_IN, model=AnnualReport),
    "reports:round_detail": page(KOMMUN_SEES),
    "reports:round_update": row(COORDINATOR_EDITS),
    "reports:round_close": post_only(COORDINATOR_EDITS, args=("round",)),
    "reports:round_reopen": post_only(COORDINATOR_EDITS, args=("round",)),
    # Barn- och utbildningsförvaltningen's draft: another organisation's reporter
    # does not see it (its own work), the reader and coordinator do.
    "reports:report_detail": row(By(LOGIN, OK, OK, FORBIDDEN, OK, NOT_FOUND)),
    "reports:report_save": post_only(OWNER_EDITS, args=("draft_report",)),
    "reports:report_submit": post_only(OWNER_EDITS, args=("draft_report",)),
    # Katedralskolan's submitted report: only the coordinator decides.
    "reports:report_return": post_only(COORDINATOR_EDITS, args=("submitted_report",)),
    "reports:report_approve": post_only(COORDINATOR_EDITS, args=("submitted_report",)),
    "reports:year_end_list": row(SIGNED_IN, model=YearEndReport),
    "reports:year_end_export": row(SIGNED_IN, model=YearEndReport, args=()),
    "reports:year_end_preview": row(KOMMUN_SEES, model=YearEndReport),
    # The key figures' Excel appendix: everyone in the kommun, like the preview.
    "reports:year_end_figures": row(
        KOMMUN_SEES, model=YearEndReport, args=("kommun", "year")
    ),
    "reports:year_end_status": row(
        KOMMUN_SEES, model=YearEndReport, args=("kommun", "generating_year")
    ),
    # A draft KS report's PDF is the coordinator's until adopted; the others see
    # that it exists (the preview), so DESIGN §3 makes their refusal a 403.
    "reports:year_end_download": row(
        COORDINATOR_EDITS, model=YearEndReport, args=("kommun", "generated_year")
    ),
    # The adopted report's e-archive package is the coordinator's to hand over.
    "reports:year_end_archive": row(
        COORDINATOR_EDITS, model=YearEndReport, args=("kommun", "adopted_year")
    ),
    "reports:year_end_generate": post_only(
        COORDINATOR_EDITS, model=YearEndReport, args=("kommun", "year")
    ),
    "reports:year_end_retry": post_only(
        COORDINATOR_EDITS, model=YearEndReport, args=("kommun", "generating_year")
    ),
    "reports:year_end_adopt": post_only(
        COORDINATOR_EDITS, model=YearEndReport, args=("kommun", "generated_year")
    ),
    "reports:kommun_assessment": row(
        COORDINATOR_EDITS, model=KommunGoalAssessment, args=("kommun", "year")
    ),
    # The kommun's API tokens: its coordinator's, nobody else's.
    "api:token_list": row(COORDINATOR_EDITS, model=ApiToken, args=("kommun",)),
    "api:token_create": row(COORDINATOR_EDITS, model=ApiToken, args=("kommun",)),
    "api:token_revoke": post_only(COORDINATOR_EDITS, args=("api_token",)),
    # The API's description is public; /api/v1/ itself is no page.
    "api_v1:openapi-json": row(PUBLIC, model=ApiToken, args=()),
    # public: no login, on purpose (issue 19); the demo's Skara publishes. Reading
    # only: a POST is refused. Unpublished kommuner are 404 (tests/public).
    **{
        f"public:{name}": Row(
            get=PUBLIC, post=everyone(NOT_ALLOWED), model=Organisation
        )
        for name in (
            "kommun",
            "documents",
            "action_plans",
            "projects",
            "partnerships",
            "year_end_list",
        )
    },
    "public:year_end_download": Row(
        get=PUBLIC,
        post=everyone(NOT_ALLOWED),
        model=YearEndReport,
        args=("kommun", "adopted_year"),
    ),
    "public:sitemap": Row(
        get=PUBLIC, post=everyone(NOT_ALLOWED), model=Organisation, args=()
    ),
    # robots.txt: for search engines, no login; it names the sitemap.
    "robots_txt": Row(
        get=PUBLIC, post=everyone(NOT_ALLOWED), model=Organisation, args=()
    ),
    "api_v1:api-root": Row(
        get=everyone(NOT_FOUND), post=everyone(NOT_FOUND), args=(), model=ApiToken
    ),
    **{f"api_v1:{name}_list": api_row(model, ()) for name, model, _args in API_OBJECTS},
    **{
        f"api_v1:{name}_detail": api_row(model, args)
        for name, model, args in API_OBJECTS
    },
}


# Open data (issue 19): the API's lists without a token, naming a kommun. A
# session does not count, so every persona is anonymous there: the demo's Skara
# publishes, so its open data is everyone's; the fund applications have no public
# page and stay the token's. The objects, and an unpublished kommun (404), are
# walked in tests/api/test_api.py.
OPEN_DATA_TABLE = {
    f"api_v1:{name}_list": Row(
        get=API if model is FundApplication else PUBLIC,
        post=everyone(NOT_ALLOWED),
        model=model,
        args=(),
        query="kommun={d.kommun.pk}",
    )
    for name, model, _args in API_OBJECTS
}

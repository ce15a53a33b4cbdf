"""Version 1 of the read-only API, at /api/v1/ (docs/api.md).

Only the OpenAPI description is served, as JSON: ninja's interactive docs page
is off, since it is a third-party page outside the product's accessibility and
content security policy; any OpenAPI viewer reads the JSON.

Public data: today every endpoint needs a token (``TokenAuth``), which stands for
a reader of its kommun. Open data of kommuner that publish will come as a second
authentication in ``auth`` below that answers an anonymous request with a
principal scoped to the published objects; the endpoints, which only scope by
``request.auth``, need not change.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from api.auth import TokenAuth
from api.v1.endpoints import FilterError, router

api = NinjaAPI(
    title="intkommun API",
    version="1",
    description="Read-only access to one municipality's register of its "
    "international work. Authenticate with `Authorization: Bearer <token>`.",
    auth=[TokenAuth()],
    urls_namespace="api_v1",
    docs_url=None,
)
api.add_router("/", router)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, error: Exception) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": _("A valid API token is required (Authorization: Bearer …).")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(FilterError)
def invalid_filters(request: HttpRequest, error: Any) -> HttpResponse:
    body = {"detail": str(error), "errors": error.errors}
    return api.create_response(request, body, status=400)

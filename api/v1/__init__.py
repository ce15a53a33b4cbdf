"""Version 1 of the read-only API, at /api/v1/ (docs/api.md).

Only the OpenAPI description is served, as JSON: ninja's interactive docs page
is off, since it is a third-party page outside the product's accessibility and
content security policy; any OpenAPI viewer reads the JSON.

Two authentications (api/auth.py): a token, which stands for a reader of its
kommun, and open data (issue 19), which answers a request without a token that
names a publishing kommun (``?kommun=<id>``) with a principal scoped to the
objects its public pages show. The endpoints only scope by ``request.auth``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from api.auth import TOKEN
from api.token_failures import TooManyTokenFailures
from api.v1.endpoints import FilterError, router

api = NinjaAPI(
    title="intkommun API",
    version="1",
    description="Read-only access to one municipality's register of its "
    "international work. Authenticate with `Authorization: Bearer <token>`, or, "
    "for the open data of a municipality that publishes, send no token and name "
    "the municipality: `?kommun=<id>`. Open data is what the municipality's public "
    "pages show, under the licence it chose: every open-data answer carries "
    "`licence` (SPDX id, name, URL) and `source` (the municipality).",
    auth=TOKEN,
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


@api.exception_handler(TooManyTokenFailures)
def too_many_token_failures(request: HttpRequest, error: Any) -> HttpResponse:
    minutes = -(-error.retry_after // 60)
    detail = _(
        "Too many invalid API tokens from your address. Try again in %(minutes)d "
        "minutes."
    ) % {"minutes": minutes}
    response = api.create_response(request, {"detail": detail}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response

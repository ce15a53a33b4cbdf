"""Who is asking. A token in ``Authorization: Bearer …`` stands for a reader of
its kommun (``intkommun.permissions.reader_of``); a request without one that
names a kommun (``?kommun=<id>``) stands for anyone reading that kommun's open
data (``permissions.public_visitor_of``: 404 unless it publishes). Every
endpoint scopes by that principal through the models' ``visible_to``, as the
pages do, so what each sees is decided in intkommun/permissions.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyQuery, HttpBearer

from api import token_failures
from api.models import ApiToken
from intkommun import permissions
from intkommun.login_throttling import client_ip_address


class TokenAuth(HttpBearer):
    openapi_description = (
        "A token of one kommun, created by its coordinator: the caller reads what "
        "a reader of the kommun reads. Invalid tokens from one address are "
        "refused with 429 after a number of failures (docs/api.md)."
    )

    def authenticate(
        self, request: HttpRequest, token: str
    ) -> permissions.KommunReader | None:
        address = client_ip_address(request)
        token_failures.check(address)
        found = ApiToken.objects.find(token)
        if found is None:
            token_failures.record(address)
            return None
        found.record_use()
        return permissions.reader_of(found.kommun)


class OpenData(APIKeyQuery):
    """Open data: no token, the kommun named in the query. Not a secret; ninja's
    API-key scheme is what lets the OpenAPI description say so."""

    param_name = "kommun"
    openapi_description = (
        "Open data, without a token: `?kommun=<id>` of a kommun that publishes "
        "its register. Answers what its public pages show, under the kommun's "
        "licence (`licence` in every answer). Not a secret; an unpublished or "
        "unknown kommun is 404. Ignored when a token is sent."
    )

    def authenticate(
        self, request: HttpRequest, key: str | None
    ) -> permissions.PublicVisitor | None:
        if key is None or "authorization" in request.headers:
            return None
        if not (key.isascii() and key.isdigit() and len(key) < 19):
            raise HttpError(400, _("kommun must be a municipality's id (a number)."))
        try:
            return permissions.public_visitor_of(int(key))
        except Http404:
            raise HttpError(
                404, _("No municipality with this id publishes open data.")
            ) from None


TOKEN = [TokenAuth()]
TOKEN_OR_OPEN_DATA = [TokenAuth(), OpenData()]


def principal(request: Any) -> permissions.KommunReader | permissions.PublicVisitor:
    """Who the request stands for (set by the authentication)."""
    return request.auth

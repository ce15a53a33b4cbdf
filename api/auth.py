"""Who is asking: the token in ``Authorization: Bearer …`` stands for a reader of
its kommun (``intkommun.permissions.reader_of``); every endpoint scopes by that
reader through the models' ``visible_to``, as the pages do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from api.models import ApiToken
from intkommun import permissions


class TokenAuth(HttpBearer):
    def authenticate(
        self, request: HttpRequest, token: str
    ) -> permissions.KommunReader | None:
        found = ApiToken.objects.find(token)
        if found is None:
            return None
        found.record_use()
        return permissions.reader_of(found.kommun)


def principal(request: Any) -> permissions.KommunReader:
    """The reader the request's token stands for (set by the authentication)."""
    return request.auth

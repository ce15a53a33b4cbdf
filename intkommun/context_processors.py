from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from intkommun import permissions, registry


def navigation(request: HttpRequest) -> dict:
    if not request.user.is_authenticated:
        return {}
    entries = [
        {
            "label": entry.label,
            "url": reverse(entry.url_name),
            "is_current": request.path.startswith(reverse(entry.url_name)),
        }
        for entry in registry.navigation_entries()
    ]
    return {
        "navigation": entries,
        "user_memberships": permissions.memberships(request.user),
    }

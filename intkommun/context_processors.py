from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from intkommun import permissions, registry


def navigation(request: HttpRequest) -> dict:
    if not request.user.is_authenticated:
        return {}
    entries = [
        {"label": entry.label, "url": reverse(entry.url_name), "is_current": False}
        for entry in registry.navigation_entries()
    ]
    # The longest matching address is the current one: /uppfoljning/ks-rapport/
    # is Rapporter, not Uppföljning.
    matching = [e for e in entries if request.path.startswith(e["url"])]
    if matching:
        max(matching, key=lambda e: len(e["url"]))["is_current"] = True
    return {
        "navigation": entries,
        "user_memberships": permissions.memberships(request.user),
        # In the user's menu rather than the main one, which is full at 1280 px.
        "may_restore": permissions.is_coordinator_anywhere(request.user),
    }

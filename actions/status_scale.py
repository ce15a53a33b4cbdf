"""The kommun's own words for the five statuses of an action (issue 15).

A kommun may name its follow-up scale ("Klar / Påbörjad / Ej påbörjad / Ej
aktuell", or letters "A / B / C / D") and say which status each term stands for
(``StatusTerm``). Every place that shows a status or reads one from a user goes
through a ``StatusScale``, loaded once per request or report, never per row:

* shown: a status is shown as the first term (by position) that stands for it,
  else as its standard name in the active language;
* read: one of the kommun's terms, a standard name (Swedish or English) or the
  code, whatever the case and the spaces around or within it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import translation

from actions.models import Status, StatusTerm
from intkommun import permissions


def _key(text: Any) -> str:
    return " ".join(str(text if text is not None else "").split()).casefold()


@dataclass(frozen=True)
class StatusScale:
    """One kommun's scale: its (term, status) pairs in the scale's order."""

    terms: tuple[tuple[str, str], ...] = ()

    @property
    def has_terms(self) -> bool:
        return bool(self.terms)

    def term_for(self, status: str) -> str | None:
        """The kommun's first term for ``status``, if it has one."""
        return next((term for term, value in self.terms if value == status), None)

    def label(self, status: str) -> str:
        """How ``status`` is shown: the kommun's first term for it, or its name."""
        term = self.term_for(status)
        if term is not None:
            return term
        return _standard_labels(translation.get_language()).get(status, status)

    def status_for(self, text: Any) -> str | None:
        """The status that ``text`` names, or None if it names none."""
        key = _key(text)
        for term, value in self.terms:
            if _key(term) == key:
                return value
        return self._standard.get(key)

    def choices(self) -> list[tuple[str, str]]:
        return [(value, self.label(value)) for value in Status.values]

    def accepted_terms(self) -> list[str]:
        """What to write for a status: the kommun's terms, else the names."""
        if self.terms:
            return [term for term, _status in self.terms]
        return [str(label) for label in Status.labels]

    @cached_property
    def _standard(self) -> dict[str, str]:
        names = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for status in Status:
                    names[_key(status.label)] = status.value
        return {**names, **{status.value: status.value for status in Status}}


STANDARD = StatusScale()


@functools.cache
def _standard_labels(language: str | None) -> dict[str, str]:
    """The statuses' names in ``language`` (the active one), translated once, not
    once per action of a page or report of thousands."""
    return {status.value: str(status.label) for status in Status}


def scales_for(kommun_ids: Iterable[int]) -> dict[int, StatusScale]:
    """The scale of each kommun, in one query."""
    wanted = set(kommun_ids)
    terms: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = (
        StatusTerm.objects.filter(kommun_id__in=wanted)
        .order_by("kommun_id", "position", "pk")
        .values_list("kommun_id", "term", "status")
    )
    for kommun_id, term, status in rows:
        terms[kommun_id].append((term, status))
    return {kommun_id: StatusScale(tuple(terms[kommun_id])) for kommun_id in wanted}


def scale_for(kommun: Any) -> StatusScale:
    """The scale of a kommun (an Organisation or its id)."""
    kommun_id = getattr(kommun, "kommun_id", kommun)
    return scales_for([kommun_id])[kommun_id] if kommun_id else STANDARD


def user_scales(user: Any) -> dict[int, StatusScale]:
    """The scale of the one kommun the user sees, by the kommun's id; none for a
    user who sees several (or none)."""
    kommuner = permissions.visible_kommun_ids(user)
    return scales_for(kommuner) if len(kommuner) == 1 else {}


def only_scale(scales: Mapping[int, StatusScale]) -> StatusScale:
    """The one scale of ``user_scales``; the standard names for a user who sees
    several kommuner, since no one kommun's words would fit."""
    return next(iter(scales.values()), STANDARD)


def scale_for_user(user: Any) -> StatusScale:
    return only_scale(user_scales(user))


def label_statuses(
    actions: Iterable[Any], known: Mapping[int, StatusScale] | None = None
) -> None:
    """Give each action its ``status_label`` in its kommun's words, with one query
    for all (the actions' plans must be loaded); none for the kommuner whose
    scales are ``known`` (by kommun id) already."""
    actions = list(actions)
    scales = dict(known or {})
    missing = {action.plan.kommun_id for action in actions} - scales.keys()
    if missing:
        scales.update(scales_for(missing))
    for action in actions:
        action.status_label = scales[action.plan.kommun_id].label(action.status)


# Scales kommuner use, offered as a start on an empty scale page.
PRESETS: dict[str, list[tuple[str, str]]] = {
    "ord": [
        ("Klar", Status.DONE),
        ("Påbörjad", Status.IN_PROGRESS),
        ("Ej påbörjad", Status.PLANNED),
        ("Ej aktuell", Status.CANCELLED),
    ],
    "bokstaver": [
        ("A", Status.DONE),
        ("B", Status.IN_PROGRESS),
        ("C", Status.PLANNED),
        ("D", Status.CANCELLED),
    ],
}

"""Each kommun's key figures on the start page and the key figures page, cached
and forgotten on change.

The figures (``projects.key_figures``) sum the whole register of a kommun, which
takes more time than the rest of either page. They are kept in the shared
cache (``settings.CACHES``, a database table by default, so that every worker
and app server sees the same values) under a version per kommun and the
release (``intkommun.release``). Saving or removing anything the figures read
gives the kommun a new version, so the next page computes them again: nothing is
ever shown out of date, nor as an earlier release counted it.

Only numbers are cached (Decimal, int), never translated text, so one entry
serves every language. Code that changes rows without ``save()`` or
``delete()`` (``QuerySet.update()``, ``bulk_create()``, the registry import)
must call ``forget_kommun`` or ``forget_all`` itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_delete

from intkommun.permissions import kommun_id_of
from intkommun.release import code_version
from projects import key_figures

# Values live a day at most; a new version makes the old ones unreachable before.
TIMEOUT = 24 * 60 * 60
GENERATION_KEY = "key-figures:generation"


def _version_key(kommun_id: int) -> str:
    return f"key-figures:version:{kommun_id}"


def _new_version() -> str:
    return uuid.uuid4().hex


def _version(kommun_id: int) -> str:
    """The kommun's current version, within the current generation and release
    (one cache read, one more write the first time): a release that counts a
    figure otherwise never shows what the last one counted."""
    found = cache.get_many([GENERATION_KEY, _version_key(kommun_id)])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_version(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    version = found.get(_version_key(kommun_id))
    if version is None:
        cache.add(_version_key(kommun_id), _new_version(), timeout=None)
        version = cache.get(_version_key(kommun_id))
    return f"{generation}:{version}:{code_version()[:16]}"


def cached(
    kommun_id: int, computations: dict[str, Callable[[], Any]]
) -> dict[str, Any]:
    """Each computation's value for the kommun, from the cache if it holds it
    for the kommun's current version, else computed and stored (two cache reads
    when everything is there)."""
    version = _version(kommun_id)
    keys = {name: f"key-figures:{kommun_id}:{version}:{name}" for name in computations}
    found = cache.get_many(list(keys.values()))
    values = {}
    missing = {}
    for name, key in keys.items():
        if key in found:
            values[name] = found[key]
        else:
            values[name] = missing[key] = computations[name]()
    if missing:
        cache.set_many(missing, timeout=TIMEOUT)
    return values


def figures_computations(kommun: Any, years: Iterable[int]) -> dict[str, Callable]:
    """Each year's key figures (``key_figures.key_figures``) as computations for
    ``cached``, named alike wherever they are shown: the start page's year is
    the key figures page's last column, kept once for both."""
    return {
        f"figures-{year}": partial(key_figures.key_figures, kommun, year)
        for year in years
    }


def cached_key_figures(kommun: Any, years: Iterable[int]) -> list[Any]:
    """Each year's key figures, from the cache while nothing they read has changed."""
    computations = figures_computations(kommun, years)
    values = cached(kommun.pk, computations)
    return [values[name] for name in computations]


def forget_kommun(kommun_id: int | None) -> None:
    """Make the kommun's cached figures unreachable, now and again when the
    transaction commits (a start page computed in between, from the rows as they
    were before the commit, is not kept)."""
    if kommun_id is None:
        return
    cache.set(_version_key(kommun_id), _new_version(), timeout=None)
    transaction.on_commit(
        lambda: cache.set(_version_key(kommun_id), _new_version(), timeout=None)
    )


def forget_all() -> None:
    """Make every kommun's cached figures unreachable (after a registry import)."""
    cache.set(GENERATION_KEY, _new_version(), timeout=None)
    transaction.on_commit(
        lambda: cache.set(GENERATION_KEY, _new_version(), timeout=None)
    )


# --- what the figures read ---------------------------------------------------------

# A changed row's kommun is found by its model's access rule (kommun_id_of).
WATCHED = (
    "intkommun.Organisation",
    "projects.Project",
    "projects.Partnership",
    "projects.PartnershipActivity",
    "actions.Action",
    "actions.ActionUpdate",
)


def _forget_on_change(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no related rows to look at yet
        return
    forget_kommun(kommun_id_of(instance))


def connect() -> None:
    """Connect the signals (from ``ProjectsConfig.ready``)."""
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        uid = f"key_figures_cache_{label}"
        post_save.connect(_forget_on_change, sender=model, dispatch_uid=uid)
        pre_delete.connect(_forget_on_change, sender=model, dispatch_uid=uid)

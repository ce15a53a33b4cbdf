"""What the apps offer the core: navigation entries and demo data loaders.

The core knows no domain. Each app registers what it offers from its
``AppConfig.ready``; the core only reads these lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavigationEntry:
    label: str | Promise
    url_name: str
    order: int


@dataclass(frozen=True)
class DemoLoader:
    """Loads one app's demo data; ``load(stdout)`` must be idempotent."""

    name: str
    order: int
    load: Callable[[Any], None]


@dataclass(frozen=True)
class ObjectLink:
    """A link a higher app offers on a lower app's object page, e.g. from a plan to
    its actions, so that the lower app never needs to know the higher one."""

    model: str  # "app_label.model_name"
    label: str | Promise
    url: Callable[[Any], str]
    order: int = 0
    is_shown: Callable[[Any], bool] = lambda obj: True
    # Whether the user may follow the link (a coordinator's page, say).
    is_shown_to: Callable[[Any, Any], bool] = lambda obj, user: True


_navigation: dict[str, NavigationEntry] = {}
_object_links: list[ObjectLink] = []
_demo_loaders: dict[str, DemoLoader] = {}


def register_navigation(entry: NavigationEntry) -> None:
    _navigation[entry.url_name] = entry


def navigation_entries() -> list[NavigationEntry]:
    return sorted(_navigation.values(), key=lambda entry: entry.order)


def register_demo_loader(loader: DemoLoader) -> None:
    _demo_loaders[loader.name] = loader


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders.values(), key=lambda loader: loader.order)


def register_object_link(link: ObjectLink) -> None:
    if link not in _object_links:
        _object_links.append(link)


def object_links(obj: Any, user: Any = None) -> list[tuple[str | Promise, str]]:
    """(label, url) of the links offered for ``obj``'s model (to ``user``)."""
    key = f"{obj._meta.app_label}.{obj._meta.model_name}"
    links = sorted(
        (ln for ln in _object_links if ln.model == key), key=lambda ln: ln.order
    )
    return [
        (link.label, link.url(obj))
        for link in links
        if link.is_shown(obj) and (user is None or link.is_shown_to(obj, user))
    ]

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


_navigation: dict[str, NavigationEntry] = {}
_demo_loaders: dict[str, DemoLoader] = {}


def register_navigation(entry: NavigationEntry) -> None:
    _navigation[entry.url_name] = entry


def navigation_entries() -> list[NavigationEntry]:
    return sorted(_navigation.values(), key=lambda entry: entry.order)


def register_demo_loader(loader: DemoLoader) -> None:
    _demo_loaders[loader.name] = loader


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders.values(), key=lambda loader: loader.order)

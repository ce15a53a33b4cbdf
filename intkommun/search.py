"""The global search: each app registers what it offers, the core searches it.

On PostgreSQL the search is full-text with the Swedish configuration, each word
stemmed and as a prefix, so "utbyten" finds "utbyte" and "vänort" finds
"vänorter" and "vänortsutbyte", and the best hits come first; a word inside a
compound ("vänort" in "skolvänorten") is found too, as on SQLite. On SQLite
(development) a plain fallback matches every word as a case-insensitive part of
some field. The same words find the same objects on both (a shared test).
PostgreSQL reads stored, GIN-indexed columns that it keeps up to date itself
(intkommun/search_columns.py), so nothing is computed for every row at query time.

Both return the same shape: groups of hits whose title and snippet are lists of
fragments, a fragment being (text, is_match), so that templates highlight the
matched words with ``<mark>`` and still escape everything.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower
from django.utils.functional import Promise

from intkommun.search_columns import SEARCH_COLUMNS

MAX_HITS_PER_GROUP = 10
MAX_HITS_OF_ONE_TYPE = 200
MAX_QUERY_LENGTH = 200
SNIPPET_CHARACTERS = 220

# Marks that ts_headline puts around a match; from Unicode's private use area,
# so they never occur in what users type.
START, STOP = "\ue000", "\ue001"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchProvider:
    """One kind of object the global search finds.

    ``queryset(user)`` must return only what the user may see (the app asks the
    permissions module). ``title_field`` is the field shown as the hit's title,
    ``text_fields`` the other fields searched and shown as the snippet.
    """

    key: str
    label: str | Promise
    order: int
    queryset: Callable[[Any], QuerySet]
    title_field: str
    text_fields: tuple[str, ...] = ()
    describe: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Fragment:
    text: str
    is_match: bool = False


@dataclass
class Hit:
    object: Any
    url: str
    title: list[Fragment]
    snippet: list[Fragment]
    description: str = ""


@dataclass
class Group:
    provider: SearchProvider
    total: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def is_partial(self) -> bool:
        return self.total > len(self.hits)


_providers: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> None:
    _providers[provider.key] = provider


def providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda provider: provider.order)


def search(user, query: str, only: str | None = None) -> list[Group]:
    """The groups (in registration order) with at least one hit for ``query``.

    Each group holds its best few hits; ``only`` (a provider's key) asks for one
    type, with many more hits.
    """
    query = " ".join(query.split())
    if not query:
        return []
    find = _full_text if connection.vendor == "postgresql" else _plain
    chosen = [p for p in providers() if only in (None, p.key)]
    limit = MAX_HITS_OF_ONE_TYPE if only else MAX_HITS_PER_GROUP
    groups = []
    for provider in chosen:
        group = find(provider, provider.queryset(user), query, limit)
        if group.total:
            groups.append(group)
    return groups


def _hit(provider: SearchProvider, obj, title, snippet) -> Hit:
    return Hit(
        object=obj,
        url=obj.get_absolute_url(),
        title=title,
        snippet=snippet,
        description=provider.describe(obj) if provider.describe else "",
    )


# PostgreSQL ----------------------------------------------------------------


def _full_text(
    provider: SearchProvider, queryset: QuerySet, query: str, limit: int
) -> Group:
    from django.contrib.postgres.search import SearchHeadline, SearchRank

    words = search_words(query)
    if not words:
        return Group(provider=provider, total=0)
    search_query = _prefix_query(words)
    matches = full_text_matches(queryset, words)
    group = Group(provider=provider, total=matches.count())
    if not group.total:
        return group
    headline = {"config": "swedish", "start_sel": START, "stop_sel": STOP}
    annotations = {
        "search_rank": SearchRank(F("search_vector"), search_query),
        "title_headline": SearchHeadline(
            provider.title_field, search_query, highlight_all=True, **headline
        ),
    }
    if provider.text_fields:
        annotations["text_headline"] = SearchHeadline(
            _joined(provider.text_fields),
            search_query,
            min_words=15,
            max_words=35,
            **headline,
        )
    rows = (
        matches.defer(*SEARCH_COLUMNS)
        .annotate(**annotations)
        .order_by("-search_rank", "pk")
    )
    for obj in rows[:limit]:
        title = _fragments(obj.title_headline or "")
        snippet = _fragments(getattr(obj, "text_headline", "") or "")
        if not any(fragment.is_match for fragment in title + snippet):
            # Found inside a compound ("skolvänort"): marked as SQLite marks it.
            texts = [str(_value(obj, name) or "") for name in provider.text_fields]
            title = highlight(str(_value(obj, provider.title_field) or ""), words)
            snippet = _snippet(texts, words)
        group.hits.append(_hit(provider, obj, title, snippet))
    return group


def _prefix_query(words: list[str]):
    from django.contrib.postgres.search import SearchQuery

    # Each word stemmed and as a prefix ("vänort" finds "vänorter" and
    # "vänortsutbyte"); the words are letters and digits only, so the raw query
    # holds no operator a user typed.
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="swedish", search_type="raw"
    )


def full_text_matches(queryset: QuerySet, words: list[str]) -> QuerySet:
    """What PostgreSQL finds for ``words``: each word's stemmed prefix in the
    stored vector, or every word inside the stored lower-case text. Both columns
    are GIN-indexed (intkommun/search_columns.py), so both conditions are index
    scans."""
    return queryset.filter(
        Q(search_vector=_prefix_query(words)) | _every_word_inside(words)
    )


def search_words(query: str) -> list[str]:
    """The query's words, lower-case, as both databases match them: runs of
    letters and digits."""
    return [word.lower() for word in _WORD.findall(query)]


def _every_word_inside(words: list[str]) -> Q:
    """Every word inside the texts, in any case: a word inside a compound
    ("vänort" in "skolvänorten"), as the SQLite fallback finds it. The stored
    ``search_text`` is the texts in lower case, with a trigram index; the words
    are put in lower case by the same database function."""
    return reduce(
        operator.and_, (Q(search_text__contains=Lower(Value(word))) for word in words)
    )


def _joined(fields: tuple[str, ...]):
    if len(fields) == 1:
        return fields[0]
    parts: list[Any] = []
    for name in fields:
        parts += [name, Value(" … ")]
    return Concat(*parts[:-1], output_field=CharField())


def _fragments(headline: str) -> list[Fragment]:
    """ts_headline's text with START/STOP marks, as fragments."""
    fragments = []
    for piece in headline.split(START):
        match, _, rest = piece.partition(STOP) if STOP in piece else ("", "", piece)
        if match:
            fragments.append(Fragment(match, True))
        if rest:
            fragments.append(Fragment(rest))
    return fragments


# SQLite fallback ------------------------------------------------------------


def _plain(
    provider: SearchProvider, queryset: QuerySet, query: str, limit: int
) -> Group:
    """Every word must occur, case-insensitively, in some field.

    Done in Python because SQLite's LIKE folds only ASCII letters ("ÅTGÄRD"
    would not find "åtgärd"); a kommun's registry is small enough for that.
    """
    words = search_words(query)
    fields = (provider.title_field, *provider.text_fields)
    matches = []
    for pk, title, *texts in queryset.values_list("pk", *fields):
        values = [(title or "").lower(), *((text or "").lower() for text in texts)]
        if all(any(word in value for value in values) for word in words):
            in_title = any(word in values[0] for word in words)
            matches.append((not in_title, pk))
    matches.sort()
    group = Group(provider=provider, total=len(matches))
    shown = [pk for _, pk in matches[:limit]]
    objects = queryset.in_bulk(shown)
    for pk in shown:
        obj = objects[pk]
        title = str(_value(obj, provider.title_field) or "")
        texts = [str(_value(obj, name) or "") for name in provider.text_fields]
        group.hits.append(
            _hit(provider, obj, highlight(title, words), _snippet(texts, words))
        )
    return group


def _value(obj, path: str):
    for name in path.split("__"):
        obj = getattr(obj, name, None)
    return obj


def highlight(text: str, words: list[str]) -> list[Fragment]:
    """``text`` cut into fragments, every occurrence of a word marked."""
    lowered = text.lower()
    marked = [False] * len(text)
    for word in words:
        start = lowered.find(word)
        while word and start != -1:
            marked[start : start + len(word)] = [True] * len(word)
            start = lowered.find(word, start + 1)
    fragments: list[Fragment] = []
    for index, character in enumerate(text):
        if fragments and fragments[-1].is_match == marked[index]:
            fragments[-1] = Fragment(fragments[-1].text + character, marked[index])
        else:
            fragments.append(Fragment(character, marked[index]))
    return fragments


def _snippet(texts: list[str], words: list[str]) -> list[Fragment]:
    """Words around the first match in the texts, or the start of the first text."""
    texts = [text for text in texts if text]
    if not texts:
        return []
    for text in texts:
        positions = [text.lower().find(word) for word in words]
        positions = [position for position in positions if position != -1]
        if positions:
            return highlight(_window(text, min(positions)), words)
    return highlight(_window(texts[0], 0), words)


def _window(text: str, position: int) -> str:
    start = max(0, position - SNIPPET_CHARACTERS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    window = " ".join(text[start:end].split())
    return ("… " if start else "") + window + (" …" if end < len(text) else "")

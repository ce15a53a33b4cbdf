"""Reading a plan written as prose and bullet lists (DESIGN §4.3) into actions.

Most published plans do not lay their actions out as Åtgärd / Medverkande /
Tidpunkt / Ansvarig: they write "Kommunen åtar sig att:" above a bullet list, with
the timing and the co-actors inside each sentence. This module reads such text.
Pure, like `actions.plan_parsing`, which calls it when a text or Word file holds
no labelled blocks and no action tables.

The rules, so that the preview shows what the document says:
- A paragraph is an item (a commitment) when it is a bullet ("•", "-", "–", "*",
  "o", "▪" ...), a Word list paragraph, or a numbered line next to another numbered
  line. After a lead-in (a line ending in ":", "Kommunen åtar sig att:"), plain
  paragraphs are items too, until the next heading or lead-in.
- In pasted text a line continues the paragraph above it, unless it starts an
  item, follows a blank line, or (in a list) starts with a capital after a line
  that ended a sentence. An indented line always continues.
- A heading is a short line without closing punctuation. A heading directly above
  an item or a lead-in becomes the focus area of the items below it (the preview
  offers it; the user may change it); a numbered heading ("2. Nätverk") keeps its
  number. Any other heading ends the focus area.
- An item holding two or more sentences that each name their own timing becomes one
  row per timed sentence (a sentence without timing stays with the row before it,
  or the first row); the user can merge them back.
- Each row's title is its text as written, without the bullet and without a comma
  or semicolon that only joins the list. The timing phrase (`find_timing`) is kept
  verbatim as Tidpunkt; co-actors named after "i samarbete med", "tillsammans
  med", "med stöd av", "där … deltar" go to Medverkande; "(Ansvarig: X)" goes to
  Ansvarig.
- Nothing is dropped: every paragraph that is neither an item nor a heading used
  as a focus area (an introduction, a lead-in, a heading above prose) is a
  `Passage` the preview lists as text that did not become an action, from which the
  user can still make one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from actions.timing import find_timing


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as its source marks it: ``kind`` is "item" (a bullet or list
    paragraph), "heading" (a Word heading style) or "text"."""

    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Passage:
    """Text that did not become an action, where it stood: after ``at`` actions,
    under ``focus_area``."""

    source: str
    text: str
    at: int = 0
    focus_area: str = ""


@dataclass(frozen=True)
class Row:
    focus_area: str
    title: str
    participants_text: str
    timing_text: str
    responsible_text: str
    source: str


@dataclass
class ProseReading:
    rows: list[Row] = field(default_factory=list)
    left_out: list[Passage] = field(default_factory=list)
    focus_area_numbers: dict[str, int] = field(default_factory=dict)


_BULLET = re.compile(r"^(?:[•·▪▫‣◦●○■□►▶➢➤✓✔∙\uf0b7\uf0a7*+\-–—]|o(?=\s))\s*(?=\S)")
_NUMBER = re.compile(r"^(?P<number>\d{1,2}|[a-zåäö])[.)]\s+(?=\S)")
_LEAD_IN_LENGTH = 300
_HEADING_LENGTH = 100
_SPACES = re.compile(r"\s+")
# A line ending in one of these goes on on the next line, even with a capital.
_JOINING_WORDS = {
    "med", "och", "av", "för", "i", "till", "på", "att", "som", "samt", "eller",
    "om", "från", "inom", "mellan", "under", "efter", "inför", "hos", "vid",
}  # fmt: skip
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "t.ex.", "bl.a.", "m.m.", "m.fl.", "s.k.", "o.s.v.", "osv.", "d.v.s.", "dvs.",
    "ca.", "resp.", "kl.", "nr.", "jfr.", "t.o.m.", "fr.o.m.", "p.g.a.", "pga.",
    "inkl.", "exkl.", "st.", "tel.", "e.d.", "o.d.", "dir.", "avd.", "förv.",
}  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[\"“(]?[A-ZÅÄÖ0-9])")
_CO_ACTOR = re.compile(
    r"\b(?:i\s+samarbete\s+med|i\s+samverkan\s+med|tillsammans\s+med|"
    r"med\s+stöd\s+(?:av|från)|i\s+dialog\s+med|i\s+partnerskap\s+med)\s+",
    re.IGNORECASE,
)
_TAKES_PART = re.compile(
    r"\bdär\s+(?P<who>[^.;:()]+?)\s+(?:deltar|medverkar)\b", re.IGNORECASE
)
# Where a co-actor's name ends: punctuation, or a word that starts what follows.
_NAME_END = re.compile(
    r"[.,;:()]|\s(?:för|under|inför|senast|efter|genom|i\s+syfte|med\s+syfte|om|"
    r"samt\s+att|och\s+därefter|varje|årligen|där|vid|hösten|våren|sommaren|"
    r"vintern|i\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|"
    r"september|oktober|november|december)|\d{4})\b",
    re.IGNORECASE,
)
_NAME_JOINS = {"och", "i", "för", "av", "på", "&"}
_RESPONSIBLE = re.compile(
    r"\s*\(\s*(?:huvud)?ansvarig[a]?\s*:\s*(?P<who>[^()]+?)\s*\)\s*"
    r"|\s*\b(?:huvud)?ansvarig[a]?\s*:\s*(?P<tail>[^()]+?)\s*$",
    re.IGNORECASE,
)


def text_paragraphs(text: str) -> list[Paragraph]:
    """Pasted text as paragraphs: bullets, numbered list lines, and runs of lines."""
    lines = text.splitlines()
    numbered = [bool(_NUMBER.match(line.strip())) for line in lines]
    items = [_item_text(lines, numbered, n) for n in range(len(lines))]
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    kind = "text"
    after_blank, in_list = True, False
    for index, raw in enumerate(lines):
        line = _tidy(raw)
        if not line:
            after_blank = True
            continue
        before_items = index + 1 < len(items) and items[index + 1] is not None
        if items[index] is not None:
            paragraphs += _paragraph(current, kind)
            current, kind, in_list = [items[index]], "item", True
        elif (
            not after_blank
            and _continues(raw, line, current, kind, in_list)
            and not (before_items and is_heading(line))
        ):
            current.append(line)
        else:
            paragraphs += _paragraph(current, kind)
            current, kind = [line], "text"
            if is_lead_in(line):
                in_list = True
            elif is_heading(line):
                in_list = False
        after_blank = False
    return paragraphs + _paragraph(current, kind)


def _tidy(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _paragraph(lines: list[str], kind: str) -> list[Paragraph]:
    return [Paragraph(" ".join(lines), kind)] if lines else []


def _item_text(lines: list[str], numbered: list[bool], index: int) -> str | None:
    """The text of a bullet, or of a numbered line next to another numbered one."""
    line = _tidy(lines[index])
    bullet = _BULLET.match(line)
    if bullet:
        return line[bullet.end() :]
    number = _NUMBER.match(line)
    if number and _has_numbered_neighbour(numbered, lines, index):
        return line[number.end() :]
    return None


def _has_numbered_neighbour(numbered: list[bool], lines: list[str], index: int) -> bool:
    """Whether the nearest non-blank line above or below is numbered too."""
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(lines) and not lines[other].strip():
            other += step
        if 0 <= other < len(lines) and numbered[other]:
            return True
    return False


def _continues(
    raw: str, line: str, current: list[str], kind: str, in_list: bool
) -> bool:
    """Whether ``line``, right below ``current`` (no blank line between), goes on
    with it: an indented line or a lower-case one does; in a list, a capital after
    a finished sentence starts the next item."""
    if not current:
        return False
    if raw[:1].isspace():
        return True
    if is_lead_in(line) or (kind == "item" and is_heading(line)):
        return False
    if not line[0].isupper():
        return True
    previous = current[-1]
    if kind == "item":
        return not previous.endswith((".", "!", "?"))
    if in_list:
        last_word = previous.rsplit(" ", 1)[-1].casefold()
        return previous.endswith(",") or last_word in _JOINING_WORDS
    return True


def is_heading(text: str) -> bool:
    return (
        len(text) <= _HEADING_LENGTH
        and text[-1] not in ".,;:!?"
        and (text[0].isupper() or bool(_NUMBER.match(text)))
    )


def is_lead_in(text: str) -> bool:
    return len(text) <= _LEAD_IN_LENGTH and text.endswith(":")


def has_items(paragraphs: Iterable[Paragraph]) -> bool:
    """Whether the text holds anything the prose reader makes actions of."""
    return any(p.kind == "item" or is_lead_in(p.text) for p in paragraphs)


def read_prose(paragraphs: list[Paragraph]) -> ProseReading:
    """The rows and the passages left out, in document order."""
    reading = ProseReading()
    focus_area, items = "", 0
    # After a lead-in above plain paragraphs (not bullets), those are the items.
    plain_list = False
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        if not text:
            continue
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        heading = _is_heading(paragraph)
        if paragraph.kind == "item" or (
            plain_list and not heading and not is_lead_in(text)
        ):
            items += 1
            reading.rows += rows_of(text, focus_area, f"punkt {items}")
            continue
        plain_list = False
        if is_lead_in(text):
            plain_list = after is not None and after.kind != "item"
        elif heading and after is not None and _opens_list(after):
            focus_area = _focus_area(reading, text)
            continue
        elif heading:
            focus_area = ""
        reading.left_out.append(
            Passage(f"stycke {index + 1}", text, len(reading.rows), focus_area)
        )
    return reading


def _is_heading(paragraph: Paragraph) -> bool:
    return paragraph.kind == "heading" or (
        paragraph.kind == "text" and is_heading(paragraph.text.strip())
    )


def _opens_list(paragraph: Paragraph) -> bool:
    return paragraph.kind == "item" or is_lead_in(paragraph.text.strip())


def _focus_area(reading: ProseReading, heading: str) -> str:
    number = _NUMBER.match(heading)
    if number and number["number"].isdigit():
        title = heading[number.end() :]
        reading.focus_area_numbers.setdefault(title, int(number["number"]))
        return title
    return heading


def rows_of(text: str, focus_area: str, source: str) -> list[Row]:
    """The rows an item's text makes: one per commitment."""
    text, responsible = _without_responsible(text.rstrip(",; "))
    parts = commitments(text)
    return [
        Row(
            focus_area=focus_area,
            title=part,
            participants_text=co_actors(part),
            timing_text=_timing_phrase(part),
            responsible_text=responsible,
            source=source if len(parts) == 1 else f"{source}, del {n}",
        )
        for n, part in enumerate(parts, start=1)
    ]


def _without_responsible(text: str) -> tuple[str, str]:
    found = _RESPONSIBLE.search(text)
    if found is None:
        return text, ""
    who = found["who"] or found["tail"]
    rest = (text[: found.start()] + " " + text[found.end() :]).strip()
    return (rest, who.strip()) if rest else (text, "")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, split after . ! or ? before a capital or a digit,
    not after an abbreviation such as "t.ex."."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        word = text[: end.start()].rsplit(" ", 1)[-1].casefold()
        if word in _ABBREVIATIONS:
            continue
        found.append(text[start : end.start() + len(end.group().rstrip())].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def commitments(text: str) -> list[str]:
    """``text`` as one commitment, or as several when two or more of its sentences
    each name their own timing."""
    parts = sentences(text)
    timed = [find_timing(sentence) is not None for sentence in parts]
    if len(parts) < 2 or sum(timed) < 2:
        return [text]
    groups: list[list[str]] = []
    for sentence, has_timing in zip(parts, timed, strict=True):
        if groups and (not has_timing or not _any_timed(groups[-1])):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return [" ".join(group) for group in groups]


def _any_timed(group: list[str]) -> bool:
    return any(find_timing(sentence) is not None for sentence in group)


def _timing_phrase(text: str) -> str:
    found = find_timing(text)
    return found.phrase if found is not None else ""


def co_actors(text: str) -> str:
    """Who the sentence says takes part: the names after "i samarbete med",
    "tillsammans med", "med stöd av" and the like, and in "där … deltar"; joined
    by "; " in the order written."""
    timing = find_timing(text)
    names: list[str] = []
    for marker in _CO_ACTOR.finditer(text):
        rest = text[marker.end() :]
        if timing is not None and timing.start >= marker.end():
            rest = rest[: timing.start - marker.end()]
        end = _NAME_END.search(rest)
        names.append(_name((rest[: end.start()] if end else rest).strip()))
    names += [found["who"].strip() for found in _TAKES_PART.finditer(text)]
    return "; ".join(dict.fromkeys(name for name in names if name))


def _name(text: str) -> str:
    """A name that starts with a capital ends at the first word in lower case
    ("Föreningen Norden ordna en dag" -> "Föreningen Norden"), except a joining
    word before another capital or after a hyphen ("Kultur- och
    fritidsförvaltningen", "Länsstyrelsen i Västra Götaland")."""
    words = text.split()
    if not words or not words[0][0].isupper():
        return text
    taken = [words[0]]
    index = 1
    while index < len(words):
        word, following = words[index], words[index + 1 : index + 2]
        if word[0].isupper() or word[0].isdigit():
            taken.append(word)
        elif (
            word in _NAME_JOINS
            and following
            and (taken[-1].endswith("-") or following[0][0].isupper())
        ):
            taken += [word, following[0]]
            index += 1
        else:
            break
        index += 1
    return " ".join(taken)

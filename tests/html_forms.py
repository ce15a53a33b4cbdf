"""The forms of an HTML page as a browser submits them, so that a test can GET a page
and post its form back: hidden fields (such as an edit form's version) included."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class FormFields(HTMLParser):
    """The fields of each <form> of a page, with the values a browser would post:
    inputs (checked checkboxes and radios only), textareas and selected options."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._multiple = False
        self._first_option: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
            return
        name = attributes.get("name")
        if self._form is None or "disabled" in attributes:
            return
        if tag == "option" and self._select:
            value = attributes.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attributes:
                self._form[self._select].append(value)
        if not name:
            return
        if tag == "input":
            self._input(name, attributes)
        elif tag == "textarea":
            self._textarea = name
            self._form.setdefault(name, []).append("")
        elif tag == "select":
            self._select = name
            self._multiple = "multiple" in attributes
            self._first_option = None
            self._form.setdefault(name, [])

    def _input(self, name: str, attributes: dict[str, str | None]) -> None:
        kind = (attributes.get("type") or "text").lower()
        if kind in {"submit", "button", "reset", "image", "file"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attributes:
            return
        default = "on" if kind in {"checkbox", "radio"} else ""
        value = attributes.get("value")
        self._form.setdefault(name, []).append(default if value is None else value)

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the newline that follows <textarea>, as Django writes it.
            values = self._form[self._textarea]
            values[-1] = values[-1].removeprefix("\r").removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            # A single select with nothing selected sends its first option.
            chosen = self._form[self._select]
            if not chosen and not self._multiple and self._first_option is not None:
                chosen.append(self._first_option)
            self._select = None

    def containing(self, name: str) -> dict[str, list[str]]:
        found = [form for form in self.forms if name in form]
        assert found, f"no form on the page has a field {name!r}"
        return {key: list(values) for key, values in found[0].items()}


def page_form(response: Any, name: str) -> dict[str, list[str]]:
    """The form of the page that contains the field ``name``."""
    return FormFields(response.content.decode()).containing(name)

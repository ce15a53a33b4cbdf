"""Select widgets whose options are written in Python, not through a template each.

Django renders every ``<option>`` through its own template include; a filter with
150 organisations then costs more than the rest of a list page. The markup here is
the same as Django's templates write: the select's attributes, ``optgroup`` labels
and ``selected`` on the chosen options.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = forms.Select.template_name
OPTION_TEMPLATE = forms.Select.option_template_name


def html_attrs(attrs: dict[str, Any]) -> str:
    """Attributes as Django's ``attrs.html`` writes them: False leaves one out,
    True writes its bare name."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(option["value"])}"'
        f"{html_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
    )


def _escaped(value: Any) -> str:
    """``conditional_escape`` without its wrappers, for hundreds of options."""
    if type(value) is int:  # a primary key: nothing to escape
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class ChoicesToWrite:
    """What a select's template calls its optgroups, written straight from the
    widget's choices: no dict per option. Iterated (by a template other than
    Django's own select), it gives Django's optgroups."""

    def __init__(self, widget: forms.Select, name: str, value: list[str], attrs):
        self.widget, self.name, self.value, self.attrs = widget, name, value, attrs

    def __iter__(self):
        # The widget's own optgroups, as if this class were not mixed in.
        optgroups = super(PythonOptionsMixin, self.widget).optgroups
        return iter(optgroups(self.name, self.value, self.attrs))

    def html(self) -> str:
        """The options as Django's ``select_option.html`` writes them: ``selected``
        on the chosen one (every chosen one for a multiple select)."""
        chosen = set(self.value)
        several = self.widget.allow_multiple_selected
        has_selected = False
        parts = []

        def option(value: Any, label: Any) -> str:
            nonlocal has_selected
            value = "" if value is None else value
            selected = (not has_selected or several) and str(value) in chosen
            has_selected |= selected
            return (
                f'\n  <option value="{_escaped(value)}"'
                f"{' selected' if selected else ''}>{_escaped(label)}</option>"
            )

        for group_value, group_label in self.widget.choices:
            if isinstance(group_label, list | tuple):
                parts.append(f'\n  <optgroup label="{_escaped(group_value)}">')
                parts.extend(option(value, label) for value, label in group_label)
                parts.append("\n  </optgroup>")
            else:
                parts.append(option(group_value, group_label))
        return "".join(parts)


def render_select(widget: dict[str, Any]) -> SafeString:
    """A select from the context ``Widget.get_context`` gives its template."""
    parts = [format_html('<select name="{}"', widget["name"])]
    parts.append(html_attrs(widget["attrs"]) + ">")
    if isinstance(widget["optgroups"], ChoicesToWrite):
        parts.append(widget["optgroups"].html())
    else:
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(f"\n  {render_option(option)}" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class PythonOptionsMixin:
    """Writes a select with Django's own templates in Python; any other template
    (a subclass's own) is rendered as usual."""

    def _writes_in_python(self) -> bool:
        return (
            self.template_name == SELECT_TEMPLATE
            and self.option_template_name == OPTION_TEMPLATE
        )

    def optgroups(self, name, value, attrs=None):
        if self._writes_in_python():
            return ChoicesToWrite(self, name, value, attrs)
        return super().optgroups(name, value, attrs)

    def _render(self, template_name, context, renderer=None):
        if template_name == SELECT_TEMPLATE and self._writes_in_python():
            return render_select(context["widget"])
        return super()._render(template_name, context, renderer)


class Select(PythonOptionsMixin, forms.Select):
    pass


class SelectMultiple(PythonOptionsMixin, forms.SelectMultiple):
    pass


@functools.cache
def _python_options_class(widget_class: type) -> type:
    return type(widget_class.__name__, (PythonOptionsMixin, widget_class), {})


def with_python_options(form: forms.Form) -> forms.Form:
    """The form, its select widgets writing their options in Python. A form's
    widgets are its own copies, so the form class is not changed."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(
            widget, PythonOptionsMixin
        ):
            widget.__class__ = _python_options_class(type(widget))
    return form

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms import BoundField, Form
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from intkommun.widgets import with_python_options

register = template.Library()


@register.filter
def python_options(form: Form) -> Form:
    """The form with its selects' options written in Python (see widgets.py)."""
    return with_python_options(form)


# Widgets written here as crispy-forms' Bootstrap 5 field template writes them;
# any other (check boxes, radio buttons, ranges, files) goes through crispy.
LEAN_WIDGETS = (forms.Select, forms.TextInput, forms.NumberInput)


@register.filter
def lean_field(field: BoundField) -> SafeString:
    """A filter field as ``|as_crispy_field`` writes it, without its dozen
    nested templates per field (the largest cost of a list's filter form).
    ``tests/intkommun/test_widgets.py`` checks that the HTML is the same."""
    widget = field.field.widget
    if (
        field.field.required
        or not field.label
        or not isinstance(widget, LEAN_WIDGETS)
        or isinstance(widget, forms.MultiWidget)
        or widget.is_hidden
    ):
        return as_crispy_field(field)
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    classes = [type(widget).__name__.lower(), kind]
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str] = {}
    if field.errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        described_by.append(f"{field.auto_id}_error")
    existing = widget.attrs.get("class")
    attrs["class"] = " ".join([*classes, existing] if existing else classes)
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    parts = [
        format_html('<div id="div_{}" class="mb-3">', field.auto_id),
        format_html(
            '<label for="{}" class="form-label">{}</label>', field.auto_id, field.label
        ),
        field.as_widget(attrs=attrs),
    ]
    if field.errors:
        parts.append(
            format_html('<div id="{}_error" class="invalid-feedback">', field.auto_id)
        )
        parts.extend(
            format_html(
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                number,
                field.auto_id,
                error,
            )
            for number, error in enumerate(field.errors, start=1)
        )
        parts.append(mark_safe("</div>"))
    if field.help_text:
        parts.append(
            format_html(
                '<div id="{}_helptext" class="form-text">{}</div>',
                field.auto_id,
                mark_safe(field.help_text),  # noqa: S308 (crispy writes it unescaped too)
            )
        )
    parts.append(mark_safe("</div>"))
    return mark_safe("".join(parts))  # noqa: S308 (every part above is escaped)

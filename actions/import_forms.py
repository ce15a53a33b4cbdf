"""The forms of an import's preview: which column of a table is which, and each
row as the coordinator corrects it before the import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from actions.plan_columns import (
    DESCRIPTION,
    FOCUS_AREA,
    GOAL,
    PARTICIPANTS,
    RESPONSIBLE,
    TIMING,
    TITLE,
)
from actions.plan_parsing import FOCUS_AREA_LENGTH, ParsedAction
from actions.services import ColumnOffer
from intkommun.limits import SHORT_TEXT_LENGTH, TEXT_LENGTH, TITLE_LENGTH

# More rows than this are previewed without editing: a form of 400 rows is as
# much as a browser posts and a person reads.
EDITABLE_ROWS = 400

COLUMN_CHOICES = [
    (DESCRIPTION, _("Keep in the description")),
    (TITLE, _("Action")),
    (PARTICIPANTS, _("Participants")),
    (TIMING, _("Timing")),
    (RESPONSIBLE, _("Responsible")),
    (FOCUS_AREA, _("Focus area")),
    (GOAL, _("Goal")),
]
_CHOICE_LABELS = dict(COLUMN_CHOICES)


class ErrorsLinkedMixin:
    """Bootstrap's classes on the widgets, rendered without crispy-forms, which
    takes seconds for a preview of 200 rows; a field with an error says so to
    assistive technology and names its message, which the templates render with
    the id ``<field id>_error``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _widget_class(field.widget))

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{_widget_class(widget)} is-invalid"
                widget.attrs["aria-invalid"] = "true"
                ids = [f"{self[name].auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{self[name].auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(ids)


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    return "form-select" if isinstance(widget, forms.Select) else "form-control"


class ImportColumnsForm(ErrorsLinkedMixin, forms.Form):
    """Which column of one table is which; every column not chosen is kept in
    the description under its header."""

    has_no_actions = forms.BooleanField(
        label=_("This table holds no actions; leave it out"), required=False
    )

    def __init__(self, *args: Any, offer: ColumnOffer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        table = offer.table
        for position, header in enumerate(table.headers):
            sample = table.samples[position]
            self.fields[self.column_name(position)] = forms.ChoiceField(
                label=header,
                choices=COLUMN_CHOICES,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
                initial=offer.columns[position],
                help_text=_("For example: %(sample)s") % {"sample": _short(sample)}
                if sample
                else "",
            )

    @staticmethod
    def column_name(position: int) -> str:
        return f"column_{position}"

    @property
    def column_fields(self) -> list[forms.BoundField]:
        return [self[self.column_name(n)] for n in range(len(self.offer.table.headers))]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("has_no_actions"):
            return cleaned
        columns = self.chosen()
        if TITLE not in columns:
            self.add_error(
                self.column_name(0),
                _("Choose which column holds the action (Åtgärd)."),
            )
        for target in {c for c in columns if c and columns.count(c) > 1}:
            for position in [n for n, c in enumerate(columns) if c == target]:
                self.add_error(
                    self.column_name(position),
                    _("Only one column can be %(target)s.")
                    % {"target": _CHOICE_LABELS[target]},
                )
        return cleaned

    def chosen(self) -> list[str] | None:
        """One target per column, or None for a table without actions."""
        if self.cleaned_data.get("has_no_actions"):
            return None
        return [
            self.cleaned_data.get(self.column_name(n), "")
            for n in range(len(self.offer.table.headers))
        ]


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:78].rstrip() + " …"


class ImportRowForm(ErrorsLinkedMixin, forms.Form):
    """One row of the preview as it will be imported."""

    title = forms.CharField(
        label=_("Action"),
        max_length=TITLE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    participants_text = forms.CharField(
        label=_("Participants"), required=False, max_length=SHORT_TEXT_LENGTH
    )
    timing_text = forms.CharField(label=_("Timing"), required=False, max_length=500)
    responsible_text = forms.CharField(
        label=_("Responsible"), required=False, max_length=SHORT_TEXT_LENGTH
    )
    focus_area = forms.CharField(
        label=_("Focus area"), required=False, max_length=FOCUS_AREA_LENGTH
    )
    goal_text = forms.CharField(
        label=_("Goal"), required=False, max_length=TITLE_LENGTH
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    split_before = forms.CharField(
        label=_("Split before the text"),
        required=False,
        max_length=TITLE_LENGTH,
        help_text=_("Type the words the second part starts with."),
    )
    source = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def row(self) -> ParsedAction:
        data = self.cleaned_data
        return ParsedAction(
            focus_area=data["focus_area"],
            # A line break typed into the title is a space, as in a parsed title.
            title=" ".join(data["title"].split()),
            participants_text=data["participants_text"],
            timing_text=data["timing_text"],
            responsible_text=data["responsible_text"],
            source=data["source"],
            description=data["description"].replace("\r\n", "\n"),
            goal_text=data["goal_text"],
        )


ImportRowFormSet = forms.formset_factory(
    ImportRowForm, extra=0, max_num=EDITABLE_ROWS, absolute_max=EDITABLE_ROWS
)

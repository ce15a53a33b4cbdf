"""The coordinator's two forms on the KS report page: the memo and the adoption."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intkommun.versioning import VersionedFormMixin
from reports.models import YearEndReport
from reports.year_end.document import ADDRESSEES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SuggestionsInput(forms.TextInput):
    """A text field that offers a few usual answers and takes any other."""

    def __init__(self, suggestions: tuple[str, ...], attrs: Any = None):
        super().__init__(attrs)
        self.suggestions = suggestions

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}_suggestions"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((s,) for s in self.suggestions)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


class MemoForm(VersionedFormMixin, forms.ModelForm):
    """The cover memo, kept for the next generation of the PDF."""

    class Meta:
        model = YearEndReport
        fields = [
            "diary_number",
            "addressee",
            "memo_date",
            "author_name",
            "author_title",
            "summary",
            "proposed_decision",
        ]
        widgets = {
            "addressee": SuggestionsInput(ADDRESSEES),
            "memo_date": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "proposed_decision": forms.Textarea(attrs={"rows": 3}),
        }


class AdoptForm(forms.Form):
    ks_paragraph = forms.CharField(
        label=_("KS paragraph"), max_length=40, help_text=_("E.g. “§ 42”.")
    )
    diary_number = forms.CharField(label=_("Diary number"), max_length=60)

    def __init__(self, *args, **kwargs):
        # Its own ids: the memo form on the same page has a diary number field too.
        kwargs.setdefault("auto_id", "id_adopt_%s")
        super().__init__(*args, **kwargs)

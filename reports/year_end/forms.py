"""The coordinator's two forms on the KS report page: the memo and the adoption."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from intkommun.versioning import VersionedFormMixin
from reports.models import YearEndReport


class MemoForm(VersionedFormMixin, forms.ModelForm):
    """The cover memo's text, kept for the next generation of the PDF."""

    class Meta:
        model = YearEndReport
        fields = ["diary_number", "summary", "proposed_decision"]
        widgets = {
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

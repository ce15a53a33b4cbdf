from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from actions.models import Action, ActionUpdate, StatusTerm
from actions.status_scale import scale_for, scale_for_user
from intkommun.form_fields import ModelMultipleIdField
from intkommun.models import Organisation
from intkommun.versioning import (
    VERSION_FIELD,
    VersionedFormMixin,
    carry_version,
    conflict_message,
    current_version,
    field_changed_since,
)
from strategies.models import FocusArea, Goal, Strategy

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(VersionedFormMixin, forms.ModelForm):
    """The four columns of the plan as adopted, then what follow-up needs.

    Dates are read from the Tidpunkt text when they are left empty, so that a
    coordinator can type the timing the way the plan says it and still filter.
    """

    class Meta:
        model = Action
        fields = [
            "plan",
            "focus_area",
            "reference",
            "title",
            "participants_text",
            "timing_text",
            "responsible_text",
            "starts_on",
            "ends_on",
            "is_ongoing",
            "status",
            "responsible_organisations",
            "participant_organisations",
            "goals",
            "activity_type",
            "target_groups",
            "budget",
            "description",
        ]
        field_classes = dict.fromkeys(
            [
                "responsible_organisations",
                "participant_organisations",
                "goals",
                "target_groups",
            ],
            ModelMultipleIdField,
        )
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "participants_text": forms.Textarea(attrs={"rows": 2}),
            "responsible_text": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "responsible_organisations": forms.CheckboxSelectMultiple,
            "participant_organisations": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "timing_text": _(
                "As written in the plan, e.g. “Våren 2017” or “Hela 2017 och "
                "fortlöpande”. Empty dates below are read from it."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The plan of an existing action is fixed; reporters edit its fields.
            plans = Strategy.objects.filter(pk=self.instance.plan_id)
            self.fields["plan"].disabled = True
        else:
            plans = Strategy.objects.editable_by(user).order_by("kommun__name", "title")
        self.fields["plan"].queryset = plans
        self.fields["status"].choices = (
            scale_for(self.instance.plan.kommun_id)
            if self.instance.pk
            else scale_for_user(user)
        ).choices()
        kommun_ids = plans.values("kommun")
        self.fields["focus_area"].queryset = FocusArea.objects.filter(
            strategy__kommun__in=kommun_ids
        ).select_related("strategy")
        self.fields["goals"].queryset = Goal.objects.filter(
            strategy__kommun__in=kommun_ids
        ).select_related("strategy")
        organisations = Organisation.objects.filter(kommun__in=kommun_ids).order_by(
            "name"
        )
        self.fields["responsible_organisations"].queryset = organisations
        self.fields["participant_organisations"].queryset = organisations

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        plan = cleaned.get("plan")
        for name in ("focus_area", "goals", "responsible_organisations"):
            self._check_same_kommun(name, plan)
        return cleaned

    def _check_same_kommun(self, name: str, plan: Strategy | None) -> None:
        value = self.cleaned_data.get(name)
        if plan is None or not value:
            return
        items = value if hasattr(value, "__iter__") else [value]
        for item in items:
            kommun_id = getattr(item, "kommun_id", None) or item.strategy.kommun_id
            if kommun_id != plan.kommun_id:
                self.add_error(name, _("Choose among the plan's own municipality."))
                return

    def save(self, commit: bool = True) -> Action:
        action = super().save(commit=False)
        typed_dates = any(self.cleaned_data.get(f) for f in ("starts_on", "ends_on"))
        if not typed_dates and "timing_text" in self.changed_data:
            action.apply_timing(default_year=_plan_year(action.plan))
        if commit:
            action.save()
            self.save_m2m()
        return action


def _plan_year(plan: Strategy) -> int | None:
    for day in (plan.valid_from, plan.adopted_on):
        if day:
            return day.year
    return None


class ActionUpdateForm(forms.ModelForm):
    """A progress entry, as logged from the action's page."""

    countries = forms.MultipleChoiceField(
        label=_("Countries involved"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = ActionUpdate
        fields = [
            "occurred_on",
            "text",
            "new_status",
            "participants",
            "young_participants",
            "countries",
        ]
        widgets = {"occurred_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.action = action
        # The entry is new, but the status it sets is the action's: it carries the
        # version of the action the page showed (intkommun/versioning.py).
        self.fields[VERSION_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=current_version(action)
        )
        self.fields["occurred_on"].initial = timezone.localdate()
        # Read per request, so that country names follow the active language.
        self.fields["countries"].choices = list(countries)
        # Loaded once for the page: the log shows statuses in the same words.
        self.status_scale = scale_for(action.plan.kommun_id)
        self.fields["new_status"].choices = [
            ("", _("Unchanged")),
            *self.status_scale.choices(),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned.pop(VERSION_FIELD, None)
        return cleaned

    def clean_new_status(self) -> str:
        new_status = self.cleaned_data["new_status"]
        action = self.instance.action
        if not new_status or new_status == action.status:
            return new_status
        loaded = self.data.get(self.add_prefix(VERSION_FIELD))
        change = field_changed_since(action, loaded, "status")
        if change is not None:
            carry_version(self, current_version(action))
            raise forms.ValidationError(conflict_message(change))
        return new_status


MAX_IMPORT_BYTES = 10 * 1024 * 1024
IMPORT_EXTENSIONS = (".txt", ".csv", ".xlsx", ".docx")


class PlanImportForm(forms.Form):
    """Paste the plan's text or upload it; exactly one of the two."""

    plan = forms.ModelChoiceField(
        label=_("Action plan"), queryset=Strategy.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("Pasted text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "A table copied from a spreadsheet, blocks of “Åtgärd:”, "
            "“Medverkande:”, “Tidpunkt:” and “Ansvarig:”, or the plan’s text as "
            "published: each bullet becomes an action, with the timing and the "
            "co-actors found in its sentence; a heading above a list becomes its "
            "focus area."
        ),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("Word (.docx), Excel (.xlsx), CSV or text; at most 10 MB."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Strategy.objects.editable_by(user).order_by(
            "kommun__name", "title"
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(
                _("Upload a Word (.docx), Excel (.xlsx), CSV or text file.")
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        has_file = cleaned.get("file") is not None
        if has_text == has_file and not self.errors:
            raise forms.ValidationError(
                _("Paste the plan's text or choose a file, not both.")
            )
        return cleaned


class BulkUpdateForm(forms.Form):
    """The action list exported to Excel, edited, and uploaded again."""

    kommun = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Edited Excel file (.xlsx)"),
        help_text=_(
            "Export the list, change Status, Starts on, Ends on, Ongoing or write a "
            "New progress note, and upload the file here. At most 10 MB."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kommuner = list(
            Organisation.objects.editable_by(user).kommuner().order_by("name")
        )
        self.only_kommun = kommuner[0] if len(kommuner) == 1 else None
        if self.only_kommun is not None:
            del self.fields["kommun"]
        else:
            self.fields["kommun"].queryset = Organisation.objects.filter(
                pk__in=[kommun.pk for kommun in kommuner]
            )

    @property
    def chosen_kommun(self) -> Organisation:
        return self.only_kommun or self.cleaned_data["kommun"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload the Excel file (.xlsx) you exported.")
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class RowNumbersField(forms.TypedMultipleChoiceField):
    """Row numbers of an uploaded file: any whole numbers, no fixed choices."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class BulkConfirmForm(forms.Form):
    """The confirm of a previewed bulk update: the plan the preview showed, and the
    rows to save although their actions were changed after the export."""

    plan = forms.CharField(max_length=64)
    overwrite = RowNumbersField(required=False)


class StatusTermForm(VersionedFormMixin, forms.ModelForm):
    """One term of the kommun's status scale and the status it stands for."""

    class Meta:
        model = StatusTerm
        fields = ["term", "status", "position"]
        labels = {"status": _("Means")}
        error_messages = {
            "term": {
                "required": _("Write a term, or tick Delete to remove the row."),
                "max_length": _(
                    "A term can be at most %(limit_value)d characters "
                    "(this one has %(show_value)d)."
                ),
            },
        }

    def __init__(self, *args: Any, next_position: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A blank row has no number of its own, so that it stays blank (unchanged)
        # however the scale changes while the page is open.
        self.fields["position"].required = False
        if self.instance.pk is None:
            self.fields["position"].initial = None
        self.next_position = next_position

    def clean_position(self) -> int:
        position = self.cleaned_data["position"]
        return self.next_position if position is None else position


class BaseStatusTermFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        """One term once, whatever its case: it must name a single status."""
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            term = form.cleaned_data.get("term") if form.is_valid() else None
            if not term or (self.can_delete and self._should_delete_form(form)):
                continue
            key = " ".join(term.split()).casefold()
            if key in seen:
                form.add_error("term", _("The scale already has this term."))
            seen.add(key)


StatusTermFormSet = forms.inlineformset_factory(
    Organisation,
    StatusTerm,
    fk_name="kommun",
    form=StatusTermForm,
    formset=BaseStatusTermFormSet,
    extra=3,
    can_delete=True,
)


def status_term_formset(kommun: Organisation, data: Any = None) -> Any:
    """The kommun's scale as rows, then blank rows; a new term without a number
    goes after the others (in the order typed, as ties keep the order saved)."""
    last = kommun.status_terms.aggregate(last=Max("position"))["last"] or 0
    return StatusTermFormSet(
        data, instance=kommun, prefix="terms", form_kwargs={"next_position": last + 1}
    )

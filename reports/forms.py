from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intkommun.form_fields import InlineFormSet, ModelMultipleIdField
from intkommun.limits import TEXT_LENGTH
from intkommun.models import Membership, Organisation
from intkommun.permissions import subtree_ids
from intkommun.versioning import VersionedFormMixin
from intkommun.years import DATE_VALIDATORS
from reports import services
from reports.models import (
    AnnualReport,
    FollowUpRound,
    GoalAssessment,
    KommunGoalAssessment,
    ReportActivity,
)
from reports.models.annual_reports import Assessment
from reports.models.rounds import FIRST_YEAR, LAST_YEAR, backfill_year_errors

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def default_year(today: datetime.date) -> int:
    """The year to follow up: this year from the autumn on, last year before."""
    return today.year if today.month >= 7 else today.year - 1


class OrganisationChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class RoundOpenForm(forms.Form):
    """Open the year's follow-up: every nämnd, förvaltning and bolag is ticked."""

    field_order = ["year", "is_backfill", "deadline", "instructions", "organisations"]

    year = forms.IntegerField(
        label=_("Year to follow up"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=DATE_INPUT, validators=DATE_VALIDATORS
    )
    is_backfill = forms.BooleanField(
        label=_("Back-filling of a past year"),
        required=False,
        help_text=FollowUpRound._meta.get_field("is_backfill").help_text,
    )
    instructions = forms.CharField(
        label=_("Instructions"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the organisations should know before they report."),
    )
    organisations = OrganisationChoiceField(
        label=_("Organisations that report"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each organisation gets a draft report, pre-filled from the register."
        ),
    )

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        today = timezone.localdate()
        self.fields["year"].initial = default_year(today)
        self.fields["organisations"].queryset = services.reportable_organisations(
            kommun
        )
        self.fields["organisations"].initial = list(
            services.default_reporting_organisations(kommun).values_list(
                "pk", flat=True
            )
        )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if FollowUpRound.objects.filter(kommun=self.kommun, year=year).exists():
            raise forms.ValidationError(
                _("The municipality already has a follow-up for this year.")
            )
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        today = timezone.localdate()
        if cleaned.get("is_backfill"):
            for error in backfill_year_errors(cleaned.get("year"), today):
                self.add_error("is_backfill", error)
        elif cleaned.get("deadline") and cleaned["deadline"] < today:
            # A back-filling round may have a deadline long gone; an ordinary
            # one would send its reminders and count days late from the start.
            self.add_error("deadline", self._past_deadline_error(cleaned, today))
        return cleaned

    @staticmethod
    def _past_deadline_error(cleaned: dict[str, Any], today: datetime.date) -> str:
        if cleaned.get("year") and cleaned["year"] < today.year:
            return _(
                "The deadline cannot be in the past. To register the reports of a "
                "year that is over, tick “Back-filling of a past year”."
            )
        return _("The deadline cannot be in the past.")


class RoundUpdateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUpRound
        fields = ["deadline", "instructions"]
        widgets = {
            "deadline": DATE_INPUT,
            "instructions": forms.Textarea(attrs={"rows": 4}),
        }


class ContactPersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class AnnualReportForm(VersionedFormMixin, forms.ModelForm):
    """The sections the organisation writes itself."""

    contact_person = ContactPersonField(
        label=_("Contact person"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Not chosen"),
        help_text=_("Someone with a role in the organisation or a unit below it."),
    )

    class Meta:
        model = AnnualReport
        fields = ["contact_person", "contact_name", "results", "needs", "project_ideas"]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 6}),
            "needs": forms.Textarea(attrs={"rows": 4}),
            "project_ideas": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(
            organisation__in=subtree_ids([self.instance.organisation])
        ).values("user")
        users = get_user_model().objects.filter(pk__in=members, is_active=True)
        if self.instance.contact_person_id:
            users = users | get_user_model().objects.filter(
                pk=self.instance.contact_person_id
            )
        self.fields["contact_person"].queryset = users.order_by(
            "first_name", "last_name", "username"
        )


class ReportActivityForm(VersionedFormMixin, forms.ModelForm):
    countries = forms.MultipleChoiceField(
        label=_("Countries involved"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = ReportActivity
        fields = [
            "activity_type",
            "title",
            "participants",
            "young_participants",
            "countries",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read per request, so that country names follow the active language.
        self.fields["countries"].choices = list(countries)
        if self.instance.pk:
            # Country objects print as their names; the widget selects by code.
            self.initial["countries"] = [c.code for c in self.instance.countries]


ActivityFormSet = forms.inlineformset_factory(
    AnnualReport,
    ReportActivity,
    form=ReportActivityForm,
    formset=InlineFormSet,
    extra=1,
    can_delete=True,
)


class GoalAssessmentForm(VersionedFormMixin, forms.ModelForm):
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=Assessment.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = GoalAssessment
        fields = ["assessment", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        labels = {"comment": _("Comment")}
        help_texts = {
            "comment": _("What was done towards the goal; needed for “Not assessed”.")
        }


# The goals come from the register (services.goal_assessments_sync); the form only
# answers them and can neither add nor remove one.
GoalAssessmentFormSet = forms.inlineformset_factory(
    AnnualReport,
    GoalAssessment,
    form=GoalAssessmentForm,
    formset=InlineFormSet,
    extra=0,
    can_delete=False,
    edit_only=True,
)


class KommunGoalAssessmentForm(VersionedFormMixin, forms.ModelForm):
    """The coordinator's assessment of one goal for the whole kommun."""

    assessment = forms.ChoiceField(
        label=_("The municipality's assessment"),
        choices=Assessment.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = KommunGoalAssessment
        fields = ["assessment", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
        labels = {"comment": _("Comment")}
        help_texts = {
            "comment": _(
                "The overall judgement for the whole municipality, printed in the "
                "KS report beside the organisations' assessments."
            )
        }


def kommun_assessment_forms(
    assessments: list[KommunGoalAssessment], data: Any = None
) -> list[KommunGoalAssessmentForm]:
    """One form per goal, in the order of the goals (the page also posts the goals'
    ids, so that a goal added or removed meanwhile cannot shift the answers)."""
    return [
        KommunGoalAssessmentForm(data, instance=assessment, prefix=f"goals-{index}")
        for index, assessment in enumerate(assessments)
    ]


def report_forms(
    report: AnnualReport, data: Any = None
) -> tuple[AnnualReportForm, ActivityFormSet, GoalAssessmentFormSet]:
    return (
        AnnualReportForm(data, instance=report, prefix="report"),
        ActivityFormSet(data, instance=report, prefix="activities"),
        GoalAssessmentFormSet(data, instance=report, prefix="goals"),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should be changed"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation sees this comment and gets it by e-mail."),
    )

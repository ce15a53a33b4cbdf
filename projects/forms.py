"""Forms of the projects app: input shape only; the rules live in the models."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from actions.models import Action
from intkommun import permissions
from intkommun.form_fields import InlineFormSet, ModelMultipleIdField
from intkommun.limits import TEXT_LENGTH
from intkommun.models import Organisation
from intkommun.partial_dates import PartialDateFormMixin
from intkommun.versioning import VersionedFormMixin
from intkommun.years import DATE_VALIDATORS, YearField
from projects.models import (
    FundAllocation,
    FundApplication,
    FundCall,
    FundingProgramme,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
    PartnerTown,
    Project,
    ProjectPartner,
)
from projects.models.projects import AMOUNT_FIELDS
from strategies.models import Goal

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SPACES = re.compile(r"[\s\u00a0\u202f]")


class AmountField(forms.DecimalField):
    """A number as people type it: "1 234,50", "1234.50" or "500 000"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs["inputmode"] = "decimal"
        self.widget.attrs.pop("step", None)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = SPACES.sub("", value).replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return formats.number_format(value, use_l10n=True, force_grouping=False)
        return value


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.kommun.display_name})" if obj.kommun_id else obj.name


class GoalChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.strategy.title}: {obj}"


class ActionChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj: Action) -> str:
        return f"{obj.plan.title}: {obj.short_title}"


def _with_current(queryset: QuerySet, current_pk: int | None) -> QuerySet:
    """The choices, plus the value already saved even if it is no longer offered."""
    if current_pk is None:
        return queryset
    return queryset.model.objects.filter(
        Q(pk__in=queryset.values("pk")) | Q(pk=current_pk)
    )


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    """A project with its money; the sections follow how an application is built."""

    sections = (
        (
            _("The project"),
            (
                "kind",
                "title",
                "acronym",
                "owner",
                "contact_person",
                "contact_email",
                "programme",
                "call",
                "reference_number",
                "role",
            ),
        ),
        (
            _("Status and dates"),
            ("status", "submitted_on", "decision_on", "starts_on", "ends_on"),
        ),
        (
            _("Money"),
            ("currency", "exchange_rate", "exchange_rate_on", *AMOUNT_FIELDS),
        ),
        (_("Goals and actions"), ("goals", "actions")),
        (_("Description and results"), ("description", "results")),
    )

    class Meta:
        model = Project
        fields = [
            "kind",
            "title",
            "acronym",
            "owner",
            "contact_person",
            "contact_email",
            "programme",
            "call",
            "reference_number",
            "role",
            "status",
            "submitted_on",
            "decision_on",
            "starts_on",
            "ends_on",
            "currency",
            "exchange_rate",
            "exchange_rate_on",
            *AMOUNT_FIELDS,
            "goals",
            "actions",
            "description",
            "results",
        ]
        field_classes = {
            "owner": OrganisationChoiceField,
            "goals": GoalChoiceField,
            "actions": ActionChoiceField,
            "exchange_rate": AmountField,
            **dict.fromkeys(AMOUNT_FIELDS, AmountField),
        }
        widgets = {
            **dict.fromkeys(
                (
                    "submitted_on",
                    "decision_on",
                    "starts_on",
                    "ends_on",
                    "exchange_rate_on",
                ),
                DATE_INPUT,
            ),
            "goals": forms.CheckboxSelectMultiple,
            "actions": forms.SelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"actions": _("Hold Ctrl (or Cmd) to choose several.")}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.saved_status = self.instance.status if self.instance.pk else None
        owners = permissions.registrable_organisations(user).select_related("kommun")
        if self.instance.pk:
            owners = owners.filter(kommun=self.instance.owner.kommun_id)
        self.fields["owner"].queryset = _with_current(
            owners, self.instance.owner_id
        ).select_related("kommun")
        kommun_ids = self.fields["owner"].queryset.values("kommun")
        programmes = FundingProgramme.objects.available_to_kommuner(kommun_ids)
        self.fields["programme"].queryset = _with_current(
            programmes.filter(is_active=True), self.instance.programme_id
        ).order_by("name_sv")
        self.fields["goals"].queryset = Goal.objects.filter(
            strategy__kommun__in=kommun_ids
        ).select_related("strategy")
        self.fields["actions"].queryset = Action.objects.filter(
            plan__kommun__in=kommun_ids
        ).select_related("plan")
        self.fields["status"].choices = [
            (status, Project.Status(status).label)
            for status in self._statuses_to_offer()
        ]

    def _statuses_to_offer(self) -> list[str]:
        owner = self.instance.owner if self.instance.owner_id else None
        if owner is None and permissions.coordinator_kommuner(self.user).exists():
            return list(Project.Status.values)
        return Project.statuses_open_to(self.user, owner, self.saved_status)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        owner = cleaned.get("owner")
        if owner is None:
            return cleaned
        status = cleaned.get("status")
        if status and status not in Project.statuses_open_to(
            self.user, owner, self.saved_status
        ):
            self.add_error(
                "status", _("Only a coordinator can record the funder's decision.")
            )
        self._check_same_kommun(owner)
        return cleaned

    def _check_same_kommun(self, owner: Organisation) -> None:
        programme = self.cleaned_data.get("programme")
        if programme and programme.kommun_id not in (None, owner.kommun_id):
            self.add_error("programme", _("Choose among the owner's municipality."))
        for name, kommun_of in (
            ("goals", lambda goal: goal.strategy.kommun_id),
            ("actions", lambda action: action.plan.kommun_id),
        ):
            if any(
                kommun_of(item) != owner.kommun_id
                for item in self.cleaned_data.get(name, ())
            ):
                self.add_error(name, _("Choose among the owner's municipality."))


class PartnerForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["name", "country", "city", "organisation_type", "is_lead"]

    def _get_validation_exclusions(self):
        # The one-lead rule is checked across the whole form set instead: checked
        # form by form against the database, moving the lead would always fail.
        return {*super()._get_validation_exclusions(), "project"}


class BasePartnerFormSet(InlineFormSet):
    def clean(self) -> None:
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_lead") and not form.cleaned_data.get("DELETE")
        ]
        if len(leads) > 1:
            raise forms.ValidationError(_("A project has only one lead partner."))
        if leads and self.instance.role == Project.Role.LEAD_PARTNER:
            raise forms.ValidationError(
                _("The municipality is the lead partner of this project.")
            )


PartnerFormSet = forms.inlineformset_factory(
    Project,
    ProjectPartner,
    form=PartnerForm,
    formset=BasePartnerFormSet,
    extra=2,
    can_delete=True,
)


class PartnershipForm(PartialDateFormMixin, VersionedFormMixin, forms.ModelForm):
    """A partnership and its period; its towns and funding are form sets beside it
    (``PartnerTownFormSet``, ``PartnershipFundingFormSet``)."""

    partial_dates = ["starts_on", "ends_on"]

    class Meta:
        model = Partnership
        fields = [
            "kind",
            "name",
            "responsible_organisation",
            "status",
            "starts_on",
            "ends_on",
            "via",
            "agreement_on",
            "decision",
            "contacts",
            "annual_fee",
            "description",
        ]
        field_classes = {
            "responsible_organisation": OrganisationChoiceField,
            "annual_fee": AmountField,
        }
        widgets = {
            "agreement_on": DATE_INPUT,
            "contacts": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = permissions.registrable_organisations(user)
        if self.instance.pk:
            organisations = organisations.filter(
                kommun=self.instance.responsible_organisation.kommun_id
            )
        self.fields["responsible_organisation"].queryset = _with_current(
            organisations, self.instance.responsible_organisation_id
        ).select_related("kommun")
        networks = Partnership.objects.filter(
            kind=Partnership.Kind.NETWORK,
            responsible_organisation__kommun__in=organisations.values("kommun"),
        ).exclude(pk=self.instance.pk)
        self.fields["via"].queryset = _with_current(
            networks, self.instance.via_id
        ).order_by("name", "pk")


class PartnerTownForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerTown
        fields = ["name", "country"]


class PartnershipFundingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PartnershipFunding
        fields = ["year", "source", "amount", "note"]
        field_classes = {"year": YearField, "amount": AmountField}


PartnerTownFormSet = forms.inlineformset_factory(
    Partnership, PartnerTown, form=PartnerTownForm, extra=2, can_delete=True
)
PartnershipFundingFormSet = forms.inlineformset_factory(
    Partnership,
    PartnershipFunding,
    form=PartnershipFundingForm,
    extra=2,
    can_delete=True,
)


class PartnershipActivityForm(
    PartialDateFormMixin, VersionedFormMixin, forms.ModelForm
):
    """A visit, delegation, study visit, meeting or exchange; its date may be only
    a year or a month, as older reports give it. A recurring one is logged once,
    with the date of the first time."""

    partial_dates = ["occurred_on"]

    countries = forms.MultipleChoiceField(
        label=_("Countries taking part"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = PartnershipActivity
        fields = [
            "occurred_on",
            "kind",
            "purpose",
            "organiser",
            "participants_text",
            "participants",
            "young_participants",
            "pupils",
            "staff",
            "elected_representatives",
            "residents",
            "countries",
            "cost",
            "recurrence",
            "times_per_year",
            "last_year",
        ]
        field_classes = {
            "cost": AmountField,
            "organiser": OrganisationChoiceField,
            "last_year": YearField,
        }
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "participants": _("Per occurrence, when it recurs."),
            "cost": _("Per occurrence, when it recurs."),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["occurred_on"].initial = timezone.localdate()
        # Read per request, so that country names follow the active language.
        self.fields["countries"].choices = list(countries)
        kommun = partnership.responsible_organisation.kommun_id
        self.fields["organiser"].queryset = (
            _with_current(
                Organisation.objects.filter(kommun=kommun), self.instance.organiser_id
            )
            .select_related("kommun")
            .order_by("name")
        )


class KommunChoiceMixin:
    """A municipality field for coordinators of several; fixed when there is one."""

    def setup_kommun(self, kommuner: QuerySet[Organisation], current: Any) -> None:
        if current is not None:
            # Shown but fixed; kept in the form so that the uniqueness rules that
            # involve the municipality are still checked.
            self.fields["kommun"].queryset = Organisation.objects.filter(pk=current.pk)
            self.fields["kommun"].disabled = True
            return
        self.fields["kommun"].queryset = kommuner
        if len(kommuner) == 1:
            self.fields["kommun"].initial = kommuner[0]
            self.fields["kommun"].widget = forms.HiddenInput()


class FundForm(VersionedFormMixin, KommunChoiceMixin, forms.ModelForm):
    class Meta:
        model = InternationalFund
        fields = ["kommun", "year", "budget", "decision", "description"]
        field_classes = {"budget": AmountField}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.kommun if self.instance.pk else None
        self.setup_kommun(permissions.coordinator_kommuner(user), current)
        if current is None:
            self.fields["year"].initial = timezone.localdate().year


class FundAllocationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FundAllocation
        fields = ["name", "organisation", "amount", "description"]
        field_classes = {"amount": AmountField, "organisation": OrganisationChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(kommun=self.instance.fund.kommun_id)
            .exclude(kind=Organisation.Kind.EXTERN)
            .select_related("kommun")
            .order_by("name")
        )


class PartnershipChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj: Partnership) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ConcernedActionChoiceField(ModelMultipleIdField):
    """The action's own words first: a kommun's plans share long titles."""

    def label_from_instance(self, obj: Action) -> str:
        return f"{obj.short_title} – {obj.plan.title}"


class FundCallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FundCall) -> str:
        return str(obj)


def _kommun_rows(model: Any, kommun_id: int) -> QuerySet:
    """A model's rows in one kommun, found through the model's own access rule."""
    return model.objects.filter(**{model.access.kommun: kommun_id})


class FundApplicationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FundApplication
        fields = [
            "call",
            "applicant",
            "allocation",
            "purpose",
            "project",
            "partnerships",
            "actions",
            "amount_requested",
            "submitted_on",
        ]
        field_classes = {
            "call": FundCallChoiceField,
            "applicant": OrganisationChoiceField,
            "partnerships": PartnershipChoiceField,
            "actions": ConcernedActionChoiceField,
            "amount_requested": AmountField,
        }
        widgets = {
            "submitted_on": DATE_INPUT,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "partnerships": forms.CheckboxSelectMultiple,
            "actions": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "actions": _(
                "The actions of the action plan the application concerns. Hold "
                "Ctrl (or Cmd) to choose several."
            )
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fund = self.instance.fund
        kommun_id = fund.kommun_id
        self.may_register_late = permissions.is_coordinator(user, fund.kommun)
        applicants = permissions.fund_applicants(user, fund.kommun)
        self.fields["applicant"].queryset = _with_current(
            applicants, self.instance.applicant_id
        ).select_related("kommun")
        self._setup_call(fund)
        self.fields["allocation"].queryset = fund.allocations.all()
        self.fields["project"].queryset = Project.objects.in_kommun(
            fund.kommun
        ).order_by("title")
        self.fields["partnerships"].queryset = _kommun_rows(
            Partnership, kommun_id
        ).order_by("name")
        self.fields["actions"].queryset = (
            _kommun_rows(Action, kommun_id)
            .select_related("plan")
            .order_by("plan__title", "reference", "pk")
        )

    def _setup_call(self, fund: InternationalFund) -> None:
        calls = fund.calls.order_by("deadline", "pk")
        if not calls.exists() and not self.instance.call_id:
            del self.fields["call"]
            return
        self.fields["call"].queryset = calls
        # Applications from before the fund had calls may stay without one; the
        # coordinator may register one outside every call.
        self.fields["call"].required = not (self.instance.pk or self.may_register_late)
        today = timezone.localdate()
        open_calls = [call for call in calls if call.is_open_on(today)]
        if len(open_calls) == 1 and not self.instance.pk:
            self.fields["call"].initial = open_calls[0].pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        call = cleaned.get("call")
        moved = {"call", "submitted_on"} & set(self.changed_data)
        if call is None or self.may_register_late:
            return cleaned
        if self.instance.pk and not moved:
            return cleaned
        today = timezone.localdate()
        submitted_on = cleaned.get("submitted_on") or today
        refusal = call.refusal(max(today, submitted_on))
        if refusal:
            self.add_error("call", refusal)
        return cleaned


class FundCallForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FundCall
        fields = ["title", "opens_on", "deadline", "description"]
        widgets = {
            "opens_on": DATE_INPUT,
            "deadline": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class AssociationForm(forms.ModelForm):
    """An association (förening) that applies to the fund, registered by the
    coordinator as an external organisation of the kommun."""

    class Meta:
        model = Organisation
        fields = ["name", "short_name"]
        labels = {"name": _("Name of the association")}
        help_texts = {
            "short_name": _("Optional, e.g. an abbreviation used in lists."),
        }

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        kommun = self.instance.parent
        if Organisation.objects.filter(parent=kommun, name__iexact=name).exists():
            raise forms.ValidationError(
                _(
                    "The municipality already has an organisation with this "
                    "name; choose it as applicant instead."
                )
            )
        return name


class FundDecisionForm(forms.Form):
    GRANT, REJECT = "grant", "reject"

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=((GRANT, _("Grant")), (REJECT, _("Reject"))),
        widget=forms.RadioSelect,
    )
    granted_amount = AmountField(
        label=_("Amount granted (SEK)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DATE_INPUT, validators=DATE_VALIDATORS
    )
    comment = forms.CharField(
        label=_("Comment on the decision"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, application: FundApplication, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["granted_amount"].initial = application.amount_requested

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("outcome") == self.GRANT and not cleaned.get("granted_amount"):
            if "granted_amount" not in self.errors:
                self.add_error("granted_amount", _("Give the amount granted."))
        return cleaned

    @property
    def amount(self) -> Decimal:
        if self.cleaned_data["outcome"] == self.REJECT:
            return Decimal(0)
        return self.cleaned_data["granted_amount"]


class FundUsageForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FundApplication
        fields = ["amount_used"]
        field_classes = {"amount_used": AmountField}


class FundingProgrammeForm(VersionedFormMixin, KommunChoiceMixin, forms.ModelForm):
    class Meta:
        model = FundingProgramme
        fields = [
            "kommun",
            "code",
            "name_sv",
            "name_en",
            "managing_authority",
            "period",
            "typical_cofinancing_rate",
            "is_active",
        ]
        widgets = {
            "managing_authority": forms.Textarea(attrs={"rows": 2}),
            "typical_cofinancing_rate": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.kommun if self.instance.pk else None
        self.setup_kommun(permissions.coordinator_kommuner(user), current)
        self.fields["kommun"].required = True
        self.fields["kommun"].empty_label = None


class KommunYearForm(forms.Form):
    """The municipality and year a page of figures is about."""

    kommun = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = YearField(
        label=_("Year"),
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, kommuner: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = kommuner

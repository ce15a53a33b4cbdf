from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from intkommun.form_fields import InlineFormSet, ModelMultipleIdField
from intkommun.models import Organisation
from intkommun.partial_dates import PartialDateFormMixin
from intkommun.versioning import VersionedFormMixin
from strategies.models import (
    DocumentType,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Strategy,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StrategyForm(PartialDateFormMixin, VersionedFormMixin, forms.ModelForm):
    """The document and its metadata; the kommun is fixed by the view.

    Dates of decision and validity take a year or a month when that is all the
    document says ("antagen 2012"); the review date stays a day."""

    partial_dates = ["adopted_on", "valid_from", "valid_until"]

    SECTIONS = (
        (
            _("Document"),
            ["document_type", "title", "version_text", "parent", "replaces"],
        ),
        (
            _("Decision"),
            [
                "adopted_by",
                "adopted_by_text",
                "adopted_on",
                "adoption_date_unknown",
                "paragraph",
                "diary_number",
            ],
        ),
        (
            _("Validity and responsibility"),
            [
                "valid_from",
                "valid_until",
                "document_owner",
                "prepared_by",
                "applies_to",
                "applies_to_text",
                "review_interval",
                "next_review_on",
            ],
        ),
        (_("Content"), ["purpose", "budget_text", "follow_up_text"]),
        (_("Original document"), ["original_document", "remove_original_document"]),
    )

    remove_original_document = forms.BooleanField(
        label=_("Remove the uploaded document"), required=False
    )

    class Meta:
        model = Strategy
        fields = [
            "document_type",
            "title",
            "version_text",
            "parent",
            "replaces",
            "adopted_by",
            "adopted_by_text",
            "adopted_on",
            "adoption_date_unknown",
            "paragraph",
            "diary_number",
            "valid_from",
            "valid_until",
            "document_owner",
            "prepared_by",
            "applies_to",
            "applies_to_text",
            "review_interval",
            "next_review_on",
            "purpose",
            "budget_text",
            "follow_up_text",
            "original_document",
        ]
        field_classes = {"applies_to": ModelMultipleIdField}
        widgets = {
            "next_review_on": DateInput(),
            "applies_to": forms.CheckboxSelectMultiple(),
            # Not the clearable input: it would link the file's storage address,
            # and documents are only served through the checked download view.
            "original_document": forms.FileInput(attrs={"accept": ".pdf,.docx"}),
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "budget_text": forms.Textarea(attrs={"rows": 4}),
            "follow_up_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kommun = kommun
        instance = self.instance
        self.fields["document_type"].queryset = _document_types_for(kommun, instance)
        organisations = Organisation.objects.filter(kommun=kommun).exclude(
            kind=Organisation.Kind.EXTERN
        )
        self.fields["adopted_by"].queryset = organisations.filter(
            Q(is_active=True) | Q(pk=instance.adopted_by_id)
        ).order_by("kind", "name")
        chosen = (
            list(instance.applies_to.values_list("pk", flat=True))
            if instance.pk
            else []
        )
        self.fields["applies_to"].queryset = (
            organisations.exclude(kind=Organisation.Kind.KOMMUN)
            .filter(Q(is_active=True) | Q(pk__in=chosen))
            .order_by("name")
        )
        documents = Strategy.objects.filter(kommun=kommun).select_related(
            "document_type"
        )
        if instance.pk:
            documents = documents.exclude(pk=instance.pk)
        self.fields["replaces"].queryset = documents
        self.fields["parent"].queryset = documents
        if not instance.original_document:
            del self.fields["remove_original_document"]

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.SECTIONS
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        uploaded = self.files.get(self.add_prefix("original_document"))
        if cleaned.get("remove_original_document") and not uploaded:
            cleaned["original_document"] = False
        return cleaned

    def clean_paragraph(self) -> str:
        # "96" is what people type; "§ 96" is how the minutes write it.
        value = self.cleaned_data["paragraph"].strip()
        return f"§ {value}" if value.isdigit() else value


def _document_types_for(kommun: Organisation, instance: Strategy):
    available = DocumentType.objects.available_to(kommun).filter(is_active=True)
    return DocumentType.objects.filter(
        Q(pk__in=available.values("pk")) | Q(pk=instance.document_type_id)
    ).order_by("order", "name")


class FocusAreaForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BaseFocusAreaFormSet(InlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            number = form.cleaned_data.get("number")
            if number in seen:
                form.add_error(
                    "number", _("Another focus area already has this number.")
                )
            seen.add(number)


FocusAreaFormSet = forms.inlineformset_factory(
    Strategy,
    FocusArea,
    form=FocusAreaForm,
    formset=BaseFocusAreaFormSet,
    extra=1,
    can_delete=True,
)


class GoalForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["kind", "order", "label", "text", "focus_area", "parent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, strategy: Strategy | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if strategy is None or strategy.pk is None:
            # Links to areas and other goals are made once the document exists.
            del self.fields["focus_area"]
            del self.fields["parent"]
            return
        related = strategy.related_strategies()
        self.fields["focus_area"].queryset = FocusArea.objects.filter(
            strategy__in=related
        ).select_related("strategy")
        parents = Goal.objects.filter(strategy__in=related)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


GoalFormSet = forms.inlineformset_factory(
    Strategy, Goal, formset=InlineFormSet, form=GoalForm, extra=3, can_delete=True
)


def next_numbers(
    strategy: Strategy | None, field: str, model: type, count: int
) -> list:
    """Initial values for the blank rows: the numbers after the last one used."""
    last = 0
    if strategy is not None and strategy.pk:
        last = model.objects.filter(strategy=strategy).aggregate(m=Max(field))["m"] or 0
    return [{field: last + i} for i in range(1, count + 1)]


def strategy_formsets(
    strategy: Strategy, data: Any = None, files: Any = None
) -> tuple[forms.BaseInlineFormSet, forms.BaseInlineFormSet]:
    focus_areas = FocusAreaFormSet(
        data,
        files,
        instance=strategy,
        prefix="focus_areas",
        initial=next_numbers(strategy, "number", FocusArea, FocusAreaFormSet.extra),
    )
    goals = GoalFormSet(
        data,
        files,
        instance=strategy,
        prefix="goals",
        form_kwargs={"strategy": strategy},
        initial=next_numbers(strategy, "order", Goal, GoalFormSet.extra),
    )
    return focus_areas, goals


class IndicatorForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "target_value",
            "target_year",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class IndicatorValueForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "value", "comment"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Changing the year of a stored value could swap two years half-way;
            # remove the row and add the year again instead.
            self.fields["year"].disabled = True


IndicatorValueFormSet = forms.inlineformset_factory(
    Indicator,
    IndicatorValue,
    formset=InlineFormSet,
    form=IndicatorValueForm,
    extra=3,
    can_delete=True,
)


class DocumentTypeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = DocumentType
        fields = ["name", "order", "is_action_plan", "is_active"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        kommun = self.instance.kommun
        # Compared with the list the kommun uses now: a new type is added to a copy
        # of the defaults, so it must not clash with them either.
        siblings = (
            DocumentType.objects.available_to(kommun)
            if kommun
            else DocumentType.objects.defaults()
        )
        siblings = siblings.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if siblings.exists():
            raise forms.ValidationError(
                _("The municipality already has a type with this name.")
            )
        return name

"""Filters whose organisation options are written from columns (no model
instance per option) offer the same options as a model choice filter with the
label function, mark the chosen one and still refuse a value outside their rows."""

from __future__ import annotations

import django_filters

from intkommun.filters import WITH_KOMMUN, ColumnChoicesMixin
from intkommun.models import Organisation
from intkommun.widgets import with_python_options


def _with_kommun(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.kommun.display_name})"


class OwnerFilter(django_filters.FilterSet):
    owner = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(), empty_label="Alla", method="filter_owner"
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = rows

    def filter_owner(self, queryset, name, value):
        return queryset.filter(pk=value.pk)


class OwnerFilterFromColumns(ColumnChoicesMixin, OwnerFilter):
    column_choices = {"owner": WITH_KOMMUN}


def _options(filterset) -> list[tuple[str, str]]:
    return [
        (str(value), str(label))
        for value, label in filterset.form.fields["owner"].widget.choices
    ]


def test_options_from_columns_equal_the_model_choice_labels(
    kommun, other_kommun, forvaltning_a, forvaltning_b
):
    kommun.short_name = "Kortnamn"
    kommun.save()
    rows = Organisation.objects.exclude(pk=forvaltning_b.pk).order_by("-name")
    expected = OwnerFilter(None, Organisation.objects.none(), rows=rows)
    expected.form.fields["owner"].label_from_instance = _with_kommun
    expected.form.fields["owner"].widget.choices = expected.form.fields["owner"].choices
    ours = OwnerFilterFromColumns(None, Organisation.objects.none(), rows=rows)
    assert _options(ours) == _options(expected)
    assert (str(forvaltning_a.pk), f"{forvaltning_a.name} (Kortnamn)") in _options(ours)
    assert str(forvaltning_b.pk) not in {value for value, _label in _options(ours)}


def test_the_chosen_option_is_selected_and_a_value_outside_the_rows_refused(
    kommun, forvaltning_a, forvaltning_b
):
    rows = Organisation.objects.filter(pk__in=[kommun.pk, forvaltning_a.pk])
    everything = Organisation.objects.all()
    chosen = OwnerFilterFromColumns({"owner": forvaltning_a.pk}, everything, rows=rows)
    assert f'<option value="{forvaltning_a.pk}" selected>' in str(chosen.form["owner"])
    assert list(chosen.qs) == [forvaltning_a]
    outside = OwnerFilterFromColumns({"owner": forvaltning_b.pk}, everything, rows=rows)
    assert not outside.is_valid()
    assert "owner" in outside.form.errors


def test_a_name_with_markup_is_escaped_once_in_the_select(kommun, forvaltning_a):
    forvaltning_a.name = 'Kultur & fritid <"Unga">'
    forvaltning_a.save()
    rows = Organisation.objects.filter(pk=forvaltning_a.pk)
    ours = OwnerFilterFromColumns(None, Organisation.objects.none(), rows=rows)
    html = str(with_python_options(ours.form)["owner"])
    name = "Kultur &amp; fritid &lt;&quot;Unga&quot;&gt;"
    assert f">{name} ({kommun.display_name})</option>" in html

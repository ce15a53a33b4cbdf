"""The selects that write their options in Python give the markup of Django's
own templates: the same attributes, optgroups, selected options and escaping."""

from __future__ import annotations

import re

import django_filters
from django import forms

from intkommun.models import Organisation
from intkommun.widgets import (
    PythonOptionsMixin,
    Select,
    SelectMultiple,
    with_python_options,
)

CHOICES = [
    ("", "Alla"),
    ("Län", [("1", "Skåne & <Halland>"), ("2", 'Västra "Götaland"')]),
    ("3", "Övriga"),
]


def same_markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_a_select_is_written_as_djangos_template_writes_it():
    attrs = {"id": "id_lan", "class": "form-select", "required": True, "x": False}
    for value in ("", "2", "3", None):
        ours = Select(choices=CHOICES).render("lan", value, attrs)
        djangos = forms.Select(choices=CHOICES).render("lan", value, attrs)
        assert same_markup(ours) == same_markup(djangos)
    assert '<option value="1">Skåne &amp; &lt;Halland&gt;</option>' in ours


def test_a_multiple_select_marks_every_chosen_option():
    ours = SelectMultiple(choices=CHOICES).render("lan", ["1", "3"], {"id": "id_lan"})
    djangos = forms.SelectMultiple(choices=CHOICES).render(
        "lan", ["1", "3"], {"id": "id_lan"}
    )
    assert same_markup(ours) == same_markup(djangos)
    assert ours.count(" selected>") == 2


def test_a_single_select_marks_only_the_first_option_of_a_repeated_value():
    repeated = [("1", "Skara"), ("1", "Skara igen")]
    ours = Select(choices=repeated).render("kommun", "1", {})
    assert same_markup(ours) == same_markup(
        forms.Select(choices=repeated).render("kommun", "1", {})
    )
    assert ours.count(" selected>") == 1


def test_a_template_of_its_own_still_gets_djangos_optgroups():
    ours = Select(choices=CHOICES).get_context("lan", "2", {})["widget"]
    djangos = forms.Select(choices=CHOICES).get_context("lan", "2", {})["widget"]
    assert list(ours["optgroups"]) == djangos["optgroups"]


class LanFilter(django_filters.FilterSet):
    lan = django_filters.ChoiceFilter(choices=CHOICES[1:], empty_label="Alla")
    o = django_filters.OrderingFilter(fields=(("name", "name"),))

    class Meta:
        model = Organisation
        fields: list[str] = []


def test_a_filter_form_renders_the_same_with_options_written_in_python():
    data = {"lan": "2", "o": "-name"}
    none = Organisation.objects.none()
    expected = [str(field) for field in LanFilter(data, none).form]
    form = with_python_options(LanFilter(data, none).form)
    widgets = [field.field.widget for field in form]
    assert all(isinstance(widget, PythonOptionsMixin) for widget in widgets)
    assert [type(widget).__name__ for widget in widgets] == ["Select", "CSVSelect"]
    assert [same_markup(str(field)) for field in form] == [
        same_markup(html) for html in expected
    ]
    # The form class itself is left as it was.
    assert not isinstance(
        LanFilter(data, none).form.fields["lan"].widget, PythonOptionsMixin
    )


class EveryKindOfFilter(forms.Form):
    q = forms.CharField(
        label="Sök", required=False, help_text="Titel <em>eller</em> text"
    )
    status = forms.ChoiceField(label="Status", choices=CHOICES, required=False)
    several = forms.MultipleChoiceField(
        label="Flera", choices=CHOICES, required=False, help_text="Håll ned Ctrl."
    )
    since = forms.DateField(label="Från & med", required=False, help_text="ÅÅÅÅ-MM-DD")
    year = forms.IntegerField(label="År", required=False)
    answered = forms.NullBooleanField(label="Besvarad", required=False)
    styled = forms.CharField(
        label="Med klass",
        required=False,
        widget=forms.TextInput(attrs={"class": "w-auto", "placeholder": "<x>"}),
    )


def test_lean_fields_write_what_crispy_writes_with_and_without_errors():
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django.test.html import parse_html

    from intkommun.templatetags.intkommun_forms import lean_field

    bound = EveryKindOfFilter(
        {"q": "<b>", "status": "2", "several": ["1", "3"], "since": "igår", "year": "x"}
    )
    bound.is_valid()
    for form in (EveryKindOfFilter(), bound):
        form = with_python_options(form)
        for field in form:
            assert parse_html(lean_field(field)) == parse_html(
                as_crispy_field(field)
            ), field.name
    assert bound["since"].errors and bound["year"].errors  # errors were compared


def test_a_required_or_unusual_field_is_left_to_crispy():
    from intkommun.templatetags.intkommun_forms import lean_field

    class Odd(forms.Form):
        needed = forms.CharField(label="Krävs")
        tick = forms.BooleanField(label="Kryssa", required=False)

    form = Odd()
    assert 'class="asteriskField"' in lean_field(form["needed"])
    assert "form-check" in lean_field(form["tick"])

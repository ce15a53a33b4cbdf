from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intkommun.models import Organisation
from intkommun.search import MAX_QUERY_LENGTH
from intkommun.search import providers as search_providers
from intkommun.versioning import VersionedFormMixin

MAX_LOGO_BYTES = 2 * 1024 * 1024


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    """A kommun's own organisations; a new kommun is created by an administrator."""

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "short_name",
            "parent",
            "population",
            "population_source",
            "logo",
            "publishes_publicly",
            "public_shows_names",
            "open_data_licence",
            "is_active",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_kommun:
            del self.fields["kind"]
            del self.fields["parent"]
            return
        del self.fields["population"]
        del self.fields["population_source"]
        del self.fields["logo"]
        del self.fields["publishes_publicly"]
        del self.fields["public_shows_names"]
        del self.fields["open_data_licence"]
        self.fields["kind"].choices = [
            choice
            for choice in self.fields["kind"].choices
            if choice[0] not in Organisation.TOP_KINDS
        ]
        parents = Organisation.objects.editable_by(user).select_related("kommun")
        if self.instance.pk:
            parents = parents.filter(kommun=self.instance.kommun).exclude(
                pk=self.instance.pk
            )
        self.fields["parent"].queryset = parents.order_by("kommun__name", "name")
        self.fields["parent"].required = True
        self.fields["parent"].help_text = _(
            "The municipality, committee or administration this organisation belongs to."
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        return logo


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [
            (provider.key, provider.label) for provider in search_providers()
        ]

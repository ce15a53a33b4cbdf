"""Forms of the people pages: invite, edit a person, give a role, filter the list."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from intkommun.filters import BY_NAME, ColumnChoicesMixin, StableOrderingFilter
from intkommun.models import Membership, Organisation
from intkommun.people import services
from intkommun.versioning import VersionedFormMixin

# (field, value of ?o=) of the people list's sortable columns.
PERSON_SORTING = (
    ("last_name", "last_name"),
    ("email", "email"),
    ("last_login", "last_login"),
)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        if obj.is_kommun:
            return obj.name
        return f"{obj.name} ({obj.kommun.display_name})"


def _organisation_field(organisations: QuerySet) -> OrganisationChoiceField:
    return OrganisationChoiceField(
        label=_("Organisation"),
        queryset=organisations,
        help_text=_(
            "A role covers the organisation and every part below it. A coordinator "
            "is a member of the municipality itself."
        ),
    )


class RoleForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.REPORTER,
    )
    is_contact_person = forms.BooleanField(
        label=_("Contact person for international work"),
        required=False,
        help_text=_(
            "The organisation's contact: named on its annual report and reached "
            "by the reminders."
        ),
    )

    def __init__(self, *args: Any, organisations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _organisation_field(organisations)
        self.order_fields(["organisation", "role", "is_contact_person"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        role = cleaned.get("role")
        if organisation and role == Membership.Role.COORDINATOR:
            if not organisation.is_kommun:
                self.add_error(
                    "organisation",
                    _("A coordinator is a member of the municipality itself."),
                )
        return cleaned


class InviteForm(RoleForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "The invitation is sent here. If someone already has this address, "
            "they are given the role instead."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["first_name", "last_name", "email", "organisation", "role"]
            + ["is_contact_person"]
        )


class PersonForm(VersionedFormMixin, forms.ModelForm):
    """A person's name and e-mail address."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("E-mail address"),
        }
        help_texts = {
            "email": _("Reminders and invitations are sent to this address."),
        }

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if services.email_taken(email, other_than=self.instance):
            raise forms.ValidationError(
                _("Someone else already has this e-mail address.")
            )
        return email


class PersonFilter(ColumnChoicesMixin, django_filters.FilterSet):
    """Filters of the people list; given the users of one kommun."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Name, user name or e-mail address."),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=Membership.Role.choices,
        empty_label=_("All"),
        method="filter_role",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
        method="filter_organisation",
    )
    lacks = django_filters.ChoiceFilter(
        label=_("Show only"),
        empty_label=_("Everyone"),
        choices=(
            ("email", _("Without e-mail address")),
            ("login", _("Never logged in")),
            ("inactive", _("Inactive")),
            ("active", _("Active")),
            ("contact", _("Contact persons")),
        ),
        method="filter_lacks",
    )
    o = StableOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Name"),
        tie_breakers=("last_name", "first_name", "username", "pk"),
        fields=PERSON_SORTING,
        field_labels={
            "last_name": _("Name"),
            "email": _("E-mail address"),
            "last_login": _("Last login"),
        },
    )

    column_choices = {"organisation": BY_NAME}

    class Meta:
        model = get_user_model()
        fields: list[str] = []

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        self.filters["organisation"].queryset = Organisation.objects.filter(
            kommun=kommun
        ).exclude(kind=Organisation.Kind.EXTERN)

    def _memberships(self) -> QuerySet:
        return Membership.objects.filter(organisation__kommun=self.kommun)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset

    def filter_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        users = self._memberships().filter(role=value).values("user")
        return queryset.filter(pk__in=users)

    def filter_organisation(self, queryset: QuerySet, name: str, value: Any):
        users = self._memberships().filter(organisation=value).values("user")
        return queryset.filter(pk__in=users)

    def filter_lacks(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return {
            "email": lambda: queryset.filter(email=""),
            "login": lambda: queryset.filter(last_login__isnull=True),
            "inactive": lambda: queryset.filter(is_active=False),
            "active": lambda: queryset.filter(is_active=True),
            "contact": lambda: queryset.filter(
                pk__in=self._memberships().filter(is_contact_person=True).values("user")
            ),
        }[value]()

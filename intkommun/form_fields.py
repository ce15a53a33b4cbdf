"""Form fields and form sets shared by the apps' forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

# The largest id a database row can have (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id; an id no database can hold is an invalid choice.

    Django checks that each posted id is a number, then asks the database for all
    of them at once; SQLite raises OverflowError for a number past 64 bits (a
    tampered form), which would be a server error instead of a form error.
    """

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else []:
            if not _fits_an_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def _fits_an_id(value: Any) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # Not a number at all: Django refuses it as it is.
    return -LARGEST_ID - 1 <= number <= LARGEST_ID


class InlineFormSet(forms.BaseInlineFormSet):
    """An inline form set whose message for two rows with the same value names the
    fields as the form labels them ("år"), not by their code name ("year")."""

    def get_unique_error_message(self, unique_check: Any) -> str:
        names = [
            str(self.model._meta.get_field(name).verbose_name)
            for name in unique_check
            if name != self.fk.name
        ]
        if len(names) == 1:
            return _("Two rows have the same %(field)s; correct one of them.") % {
                "field": names[0]
            }
        return _("Two rows have the same %(fields)s; correct one of them.") % {
            "fields": get_text_list(names, _("and"))
        }

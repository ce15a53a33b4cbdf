"""Country names where django-countries' Swedish catalogue is English or outdated.

Used as ``COUNTRIES_OVERRIDE`` in the settings; `swedish_sort_key` orders the
lists (set in `intkommun.apps`). The names are the English ones as
msgids, so that the English interface keeps them; the Swedish, from the Swedish
names of the ISO 3166 list as Swedish authorities write them, is in our catalogue.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    "AL": _("Albania"),
    "AS": _("American Samoa"),
    "AU": _("Australia"),
    "BR": _("Brazil"),
    "BV": _("Bouvet Island"),
    "CA": _("Canada"),
    "CC": _("Cocos (Keeling) Islands"),
    "CD": _("Democratic Republic of the Congo"),
    "CU": _("Cuba"),
    "CV": _("Cabo Verde"),
    "EG": _("Egypt"),
    "FK": _("Falkland Islands"),
    "GE": _("Georgia"),
    "HK": _("Hong Kong"),
    "HM": _("Heard Island and McDonald Islands"),
    "ID": _("Indonesia"),
    "IN": _("India"),
    "JO": _("Jordan"),
    "KH": _("Cambodia"),
    "LB": _("Lebanon"),
    "MK": _("North Macedonia"),
    "NF": _("Norfolk Island"),
    "PH": _("Philippines"),
    "PN": _("Pitcairn Islands"),
    "PS": _("Palestine"),
    "SS": _("South Sudan"),
    "SZ": _("Eswatini"),
    "TD": _("Chad"),
    "VA": _("Vatican City"),
}

# Å, Ä and Ö are letters of their own after Z; Ü sorts as Y and other accents as
# the plain letter ("Österrike" after "Zimbabwe", "Réunion" among the R).
# "{", "|" and "}" are the characters right after "z".
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "ü": "y"})


def swedish_sort_key(item: tuple[str, str]) -> str:
    """django-countries' sort key for a (code, name) pair, in Swedish order when
    the interface is Swedish."""
    name = str(item[1]).casefold()
    if (get_language() or "").startswith("sv"):
        name = name.translate(_SWEDISH_ORDER)
    plain = unicodedata.normalize("NFKD", name)
    return "".join(
        character for character in plain if not unicodedata.combining(character)
    )

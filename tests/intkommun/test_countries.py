"""Country names in Swedish as Swedish authorities write them, in Swedish order."""

from __future__ import annotations

from django.utils import translation
from django_countries import countries


def names(language: str) -> list[str]:
    with translation.override(language):
        return [str(name) for _code, name in countries]


def test_outdated_and_english_names_are_swedish():
    swedish = names("sv")
    for name in ("Albanien", "Brasilien", "Eswatini", "Nordmakedonien", "Kanada"):
        assert name in swedish
    for name in ("Albania", "Brazil", "Swaziland", "Makedonien", "Canada"):
        assert name not in swedish


def test_swedish_letters_sort_after_z_in_swedish_only():
    swedish = names("sv")
    assert swedish[-3:] == ["Åland", "Österrike", "Östtimor"]
    assert swedish.index("Réunion") < swedish.index("Rumänien")
    english = names("en")
    assert english.index("Åland Islands") < english.index("Albania")
    assert "Brazil" in english

"""An uploaded file keeps the name it was uploaded with."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from intkommun.storage import valid_name


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("Handlingsplan 2026–2030.docx", "Handlingsplan 2026–2030.docx"),
        ("Plan — reviderad (2).xlsx", "Plan — reviderad (2).xlsx"),
        ("Åtgärder för Skövde, Växjö & Skara.csv", "Åtgärder för Skövde, Växjö & Skara.csv"),
        ("  två   mellanslag .txt", "två mellanslag .txt"),
        ('pl?an*"<>|.docx', "plan.docx"),
    ],
)  # fmt: skip
def test_a_name_keeps_its_dashes_spaces_and_swedish_letters(uploaded, stored):
    assert valid_name(uploaded) == stored


@pytest.mark.parametrize("name", ["", "..", "???"])
def test_a_name_of_nothing_is_refused(name):
    with pytest.raises(SuspiciousFileOperation):
        valid_name(name)


def test_the_default_storage_saves_under_the_uploaded_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    saved = default_storage.save("dokument/Plan 2026–2030.docx", ContentFile(b"x"))
    assert saved == "dokument/Plan 2026–2030.docx"
    assert (tmp_path / "dokument" / "Plan 2026–2030.docx").read_bytes() == b"x"

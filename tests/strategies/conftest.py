"""Documents of the personas' two kommuner, and files to upload."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.strategy_factories import GoalFactory, StrategyFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
# The first bytes of a Windows program: what an .exe renamed to .pdf starts with.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def strategy(kommun):
    strategy = StrategyFactory(kommun=kommun, title="Policy för internationellt arbete")
    GoalFactory(strategy=strategy, text="Ökad extern finansiering.")
    GoalFactory(strategy=strategy, text="Fler unga i internationella utbyten.")
    return strategy


@pytest.fixture
def other_strategy(other_kommun):
    return StrategyFactory(kommun=other_kommun, title="Internationell strategisk plan")

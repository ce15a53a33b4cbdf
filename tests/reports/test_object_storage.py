"""Uploaded documents and adopted KS report PDFs in S3-compatible object storage.

A local S3 server (moto's, in a thread of the test process, on a free port of
127.0.0.1) stands in for the object store; the storage is configured exactly as
settings.py configures it from the environment.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer

from intkommun.object_storage import S3Storage
from intkommun.settings import uploaded_files_storage
from tests.reports.test_year_end_pdf import (  # noqa: F401 (fixtures)
    adopted,
    generated,
    post,
    registry,
    url,
)
from tests.strategies.conftest import PDF_BYTES, upload
from tests.strategy_factories import StrategyFactory

pytestmark = pytest.mark.django_db

REGION = "eu-north-1"
KEYS = {"aws_access_key_id": "intkommun-test", "aws_secret_access_key": "hemligt"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    client: Any
    name: str
    endpoint: str

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def is_private(self, key: str) -> bool:
        """Only the owner may read the object: no grant to everyone, and a request
        without a signature is refused."""
        grants = self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        if not grants or any("URI" in grant["Grantee"] for grant in grants):
            return False
        anonymous = f"{self.endpoint}/{self.name}/{quote(key)}"
        try:
            urllib.request.urlopen(anonymous, timeout=10)  # noqa: S310 (local http)
        except urllib.error.HTTPError as refusal:
            return refusal.code == 403
        return False


@pytest.fixture
def bucket(s3_endpoint, settings) -> Bucket:
    """An empty bucket, and the storage of settings.py pointed at it."""
    name = f"intkommun-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **KEYS)
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    environment = {
        "INTKOMMUN_S3_BUCKET": name,
        "INTKOMMUN_S3_ENDPOINT_URL": s3_endpoint,
        "INTKOMMUN_S3_REGION": REGION,
        "INTKOMMUN_S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "INTKOMMUN_S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
    }
    settings.STORAGES = settings.STORAGES | {
        "default": uploaded_files_storage(environment)
    }
    return Bucket(client, name, s3_endpoint)


# --- configuration from the environment ---------------------------------------


def test_without_a_bucket_files_stay_on_the_file_system():
    assert uploaded_files_storage({}) == {
        "BACKEND": "intkommun.storage.FileSystemStorage"
    }


def test_a_bucket_selects_private_object_storage_with_short_signed_urls():
    storage = uploaded_files_storage(
        {"INTKOMMUN_S3_BUCKET": "register", "INTKOMMUN_S3_REGION": REGION}
    )

    assert storage["BACKEND"] == "intkommun.object_storage.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "register"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] <= 300
    assert options["custom_domain"] is None
    assert options["file_overwrite"] is False
    assert "access_key" not in options  # boto3's own chain: an instance role


# --- files in the bucket ------------------------------------------------------


def test_the_default_storage_is_the_bucket_and_keeps_the_uploaded_name(bucket):
    saved = default_storage.save(
        "styrdokument/Handlingsplan 2026–2030.docx", ContentFile(b"plan")
    )

    assert isinstance(default_storage._wrapped, S3Storage)
    assert saved == "styrdokument/Handlingsplan 2026–2030.docx"
    assert bucket.keys() == [saved]
    assert bucket.is_private(saved)
    with default_storage.open(saved, "rb") as stored:
        assert stored.read() == b"plan"


def test_a_second_file_of_the_same_name_never_overwrites_the_first(bucket):
    first = default_storage.save("plan.pdf", ContentFile(b"first"))
    second = default_storage.save("plan.pdf", ContentFile(b"second"))

    assert first != second
    assert default_storage.open(first).read() == b"first"
    assert default_storage.open(second).read() == b"second"


def test_a_url_to_an_object_is_signed_and_expires_within_a_minute(bucket):
    name = default_storage.save("ks-rapport-2017.pdf", ContentFile(b"%PDF"))

    query = parse_qs(urlsplit(default_storage.url(name)).query)

    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query


# --- downloads go through the checked views -------------------------------------


@pytest.fixture
def strategy_in_bucket(bucket, kommun):
    strategy = StrategyFactory(kommun=kommun, title="Handlingsplan 2026–2030")
    strategy.original_document = upload("Handlingsplan 2026–2030.pdf", PDF_BYTES)
    strategy.save()
    return strategy


def test_an_uploaded_document_is_a_private_object_downloaded_through_the_view(
    bucket, strategy_in_bucket, kommun, reader_client
):
    (key,) = bucket.keys()
    assert key.startswith(f"styrdokument/{kommun.pk}/")
    assert key.endswith("/Handlingsplan 2026–2030.pdf")
    assert bucket.is_private(key)

    response = reader_client.get(
        reverse("strategies:document", args=[strategy_in_bucket.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_another_kommun_cannot_download_a_document_from_the_bucket(
    bucket, strategy_in_bucket, other_coordinator_client
):
    url_ = reverse("strategies:document", args=[strategy_in_bucket.pk])
    assert other_coordinator_client.get(url_).status_code == 404


def test_an_adopted_ks_report_is_kept_in_the_bucket_and_downloaded_byte_for_byte(
    bucket, adopted, kommun, reader_client
):
    (key,) = bucket.keys()
    assert key == adopted.file.name
    assert key.startswith(f"ks-rapporter/{kommun.pk}/")
    assert bucket.is_private(key)

    response = reader_client.get(url("year_end_download", kommun))

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == adopted.sha256
    assert bucket.read(key) == content


def test_another_kommun_cannot_download_the_ks_report_from_the_bucket(
    bucket, adopted, kommun, other_coordinator_client
):
    response = other_coordinator_client.get(url("year_end_download", kommun))
    assert response.status_code == 404

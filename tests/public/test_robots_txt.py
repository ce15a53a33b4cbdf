"""robots.txt: search engines may index the public pages, never the staff app,
and find the public pages through the sitemap."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import KommunFactory


def rules(client: Client, **request) -> tuple[object, list[str]]:
    response = client.get("/robots.txt", **request)
    return response, response.content.decode().splitlines()


def test_it_allows_the_public_pages_and_disallows_everything_else(db):
    response, lines = rules(Client())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[:4] == [
        "User-agent: *",
        "Allow: /offentligt/",
        "Allow: /static/",
        "Disallow: /",
    ]


def test_the_allowed_prefix_is_where_the_public_pages_are(db):
    kommun = KommunFactory()
    assert reverse("public:kommun", args=[kommun.pk]).startswith("/offentligt/")
    assert reverse("public:sitemap").startswith("/offentligt/")
    assert not reverse("login").startswith("/offentligt/")


def test_it_names_the_sitemap_with_an_absolute_url(db, settings):
    settings.ALLOWED_HOSTS = ["intkommun.skara.se"]
    _, lines = rules(Client(), secure=True, HTTP_HOST="intkommun.skara.se")
    assert lines[-1] == "Sitemap: https://intkommun.skara.se/offentligt/sitemap.xml"


def test_it_needs_no_login_and_is_read_only(db, client):
    assert client.get(reverse("robots_txt")).status_code == 200
    assert client.post(reverse("robots_txt")).status_code == 405

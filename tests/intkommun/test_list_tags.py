"""The tags list pages write once per column or row (instead of an include)."""

from __future__ import annotations

from django.template import Context, Template
from django.test import RequestFactory

from intkommun.filters import sort_headers
from projects.templatetags.projects_status import project_status
from strategies.templatetags.strategies_format import document_status


def render_header(query: str, current: str, label: str = "Titel") -> str:
    request = RequestFactory().get(f"/lista/?{query}")
    template = Template("{% load intkommun_lists %}{% sort_header column label %}")
    column = sort_headers(current, ("title", "year"))["title"]
    context = Context({"column": column, "label": label})
    context.request = request  # what {% querystring %} reads
    return template.render(context)


def test_an_unsorted_column_links_to_sorting_by_it_keeping_filters_but_not_the_page():
    html = render_header("status=draft&page=3", current="year")
    assert html == (
        '<th scope="col" aria-sort="none">'
        '<a href="?status=draft&amp;o=title">Titel</a></th>'
    )


def test_the_sorted_column_says_so_and_links_to_the_other_way():
    assert render_header("o=title", current="title") == (
        '<th scope="col" aria-sort="ascending"><a href="?o=-title">Titel'
        ' <span aria-hidden="true">▲</span></a></th>'
    )
    assert render_header("o=-title", current="-title") == (
        '<th scope="col" aria-sort="descending"><a href="?o=title">Titel'
        ' <span aria-hidden="true">▼</span></a></th>'
    )


def test_the_header_label_is_escaped():
    assert "Mål &amp; &lt;b&gt;" in render_header("", current="", label="Mål & <b>")


def test_a_documents_status_is_in_words_with_a_colour_per_status():
    assert document_status("in_force", "gällande") == (
        '<span class="badge text-bg-success fw-normal">Gällande</span>'
    )
    assert 'class="badge text-bg-danger' in document_status("expired", "upphört")
    assert document_status("unknown", "<okänd>") == (
        '<span class="badge text-bg-light border fw-normal">&lt;okänd&gt;</span>'
    )


def test_a_projects_status_is_in_words_with_a_colour_per_status():
    assert project_status("granted", "beviljat") == (
        '<span class="badge text-bg-success">Beviljat</span>'
    )
    assert project_status("closed", "avslutat") == (
        '<span class="badge text-bg-dark">Avslutat</span>'
    )
    assert project_status("withdrawn", "återkallad & <i>") == (
        '<span class="badge text-bg-light border">Återkallad &amp; &lt;i&gt;</span>'
    )

"""Every URL of the product is either audited with axe-core in the browser
(``tests/browser/test_accessibility.py``) or excluded with a reason.

This half needs no browser, so it runs in the fast suite too: a new page without an
accessibility check fails here, naming it.
"""

from __future__ import annotations

from tests.browser.pages import (
    ADMINISTRATOR,
    ALL,
    EXCLUDED,
    LOGGED_OUT,
    PAGES,
    RESIDENT,
    url_names,
)

ROLES = {*ALL, ADMINISTRATOR, LOGGED_OUT, RESIDENT}


def test_every_named_url_is_audited_or_excluded_with_a_reason():
    names, _unnamed = url_names()
    missing = sorted(names - PAGES.keys() - EXCLUDED.keys())
    assert not missing, (
        "These URLs have no accessibility check: add them to PAGES in "
        "tests/browser/pages.py (which demo object, which roles) or, if they are "
        f"no page (a download, POST only), to EXCLUDED with the reason: {missing}"
    )


def test_the_table_names_only_urls_that_exist_and_each_once():
    names, _unnamed = url_names()
    assert not (PAGES.keys() | EXCLUDED.keys()) - names, "stale entries"
    assert not PAGES.keys() & EXCLUDED.keys()
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_every_audited_page_is_visited_by_a_known_role():
    for name, visits in PAGES.items():
        assert visits, name
        for visit in visits:
            assert visit.roles and set(visit.roles) <= ROLES, name


def test_every_url_outside_the_admin_has_a_name():
    _names, unnamed = url_names()
    assert not unnamed, (
        f"Name these URL patterns so the audit can track them: {unnamed}"
    )

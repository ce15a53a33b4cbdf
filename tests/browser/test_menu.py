"""The main menu stays one line at 1280 px, in Swedish and in English, with the
demo coordinator's long name."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from intkommun.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def menu_entry_heights(page) -> list[float]:
    return page.evaluate(
        """() => [...document.querySelectorAll('#main-menu .nav-link')]
            .map(link => link.getBoundingClientRect().height)"""
    )


def test_the_menu_is_one_line_at_1280_px_in_both_languages(live_server, page):
    call_command("seed_demo", stdout=StringIO())
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url, "skara.samordnare", DEMO_PASSWORD)
    for language in ("sv", "en"):
        if language == "en":
            page.get_by_label("Språk").select_option("en")
            page.get_by_role("button", name="Byt språk").click()
        page.goto(f"{live_server.url}/atgarder/")
        heights = menu_entry_heights(page)
        # One line of text is about 40 px with its padding; two lines are 64.
        assert heights and max(heights) < 50, (language, heights)
        navbar = page.locator("nav.navbar").bounding_box()
        assert navbar["height"] < 70, language
        menu = page.get_by_role("button", name="Samordnare Exempelperson")
        assert menu.bounding_box()["x"] + menu.bounding_box()["width"] <= 1280
        screenshot(page, f"menu-1280-{language}")

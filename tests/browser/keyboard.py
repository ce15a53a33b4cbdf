"""Moving through a page with the keyboard only, the way a person without a mouse
does: Tab and Shift+Tab from stop to stop, checking that every stop shows focus."""

from __future__ import annotations

import datetime

from playwright.sync_api import Locator, Page

# What a sighted keyboard user needs to see: the element that has focus, described
# for a failure message, and whether it draws a focus indicator.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {describe: "<body>", visible: false};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const label = el.getAttribute("aria-label")
    || (el.labels && el.labels.length ? el.labels[0].innerText : "")
    || el.innerText || el.value || "";
  const describe = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> `
    + label.trim().replace(/\\s+/g, " ").slice(0, 60);
  // The calendar button of a date field is a Tab stop inside Chromium's closed
  // shadow tree: the field is the active element but does not match :focus, and
  // Chromium draws its own ring round the button (checked by eye in screenshots).
  if (el.type === "date" && !el.matches(":focus")) {
    return {describe: describe + " (calendar button)", visible: true};
  }
  return {describe, visible: outline || shadow};
}"""


def focus_state(page: Page) -> dict:
    return page.evaluate(FOCUS_STATE)


def has_focus(target: Locator) -> bool:
    return target.evaluate("el => el === document.activeElement")


def assert_focus_visible(page: Page) -> None:
    state = focus_state(page)
    assert state["visible"], f"Focus on {state['describe']} is not visible"


def tab_to(
    page: Page, target: Locator, *, backwards: bool = False, max_presses: int = 200
) -> int:
    """Press Tab (or Shift+Tab) until ``target`` has focus; return the presses.

    Every stop on the way must show where focus is. Fails with the stops it
    passed when the target is never reached: unreachable, or a focus trap.
    """
    target.wait_for(state="attached")
    key = "Shift+Tab" if backwards else "Tab"
    trail: list[str] = []
    for presses in range(1, max_presses + 1):
        page.keyboard.press(key)
        state = focus_state(page)
        trail.append(state["describe"])
        if has_focus(target):
            assert state["visible"], f"Focus on {state['describe']} is not visible"
            return presses
        assert state["visible"] or state["describe"] == "<body>", (
            f"Focus on {state['describe']} is not visible"
        )
    raise AssertionError(
        f"{key} × {max_presses} never reached {target}; the last stops were: "
        + " → ".join(trail[-15:])
    )


def skip_to_main(page: Page) -> None:
    """The skip link is the first Tab stop of a fresh page and moves focus to main."""
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    assert has_focus(skip_link), (
        f"The first Tab stop is {focus_state(page)['describe']}, not the skip link"
    )
    assert_focus_visible(page)
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def type_into(page: Page, target: Locator, text: str) -> None:
    """Tab to a text field (unless it has focus already) and type over its text."""
    if not has_focus(target):
        tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


DATE_ORDERS = ("YMD", "MDY", "DMY")


def type_date(page: Page, field: Locator, value: datetime.date) -> None:
    """Type a date into the focused ``<input type="date">``, segment by segment.

    Chromium lays the segments out in the browser's own language, not the page's
    (åååå-mm-dd in Swedish, mm/dd/åååå in US English): like a person reading the
    field, try the layouts until the field holds the date. Arrow keys move between
    the segments; every try overwrites all three.
    """
    assert has_focus(field), f"Focus is on {focus_state(page)['describe']}"
    parts = {
        "Y": f"{value.year:04d}",
        "M": f"{value.month:02d}",
        "D": f"{value.day:02d}",
    }
    for order in DATE_ORDERS:
        for index, part in enumerate(order):
            for _ in range(2):
                page.keyboard.press("ArrowLeft")
            for _ in range(index):
                page.keyboard.press("ArrowRight")
            page.keyboard.type(parts[part])
        if field.input_value() == value.isoformat():
            return
    raise AssertionError(f"Could not type {value} into the date field")

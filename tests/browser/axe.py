"""axe-core in the browser: inject the vendored copy, run the WCAG 2.1 A/AA rules,
collect what it finds over many pages and report it once, readably."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
WCAG_21_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
  }));
}"""


def run_axe(page: Any) -> list[dict[str, Any]]:
    """The WCAG 2.1 A and AA violations axe finds in the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() runs outside the page's Content-Security-Policy, which blocks
        # add_script_tag(); the pages themselves must keep working under the CSP.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        version = page.evaluate(
            "typeof window.axe === 'undefined' ? null : axe.version"
        )
        assert version == AXE_VERSION, (
            f"axe-core {AXE_VERSION} did not load into {page.url} (found {version})"
        )
    return page.evaluate(RUN_AXE, list(WCAG_21_AA_TAGS))


@dataclass
class Audit:
    """Runs axe on page after page and remembers every violation with its page."""

    role: str
    checked: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def check(self, page: Any, label: str) -> None:
        where = f"{label} ({page.url})"
        self.checked.append(where)
        for violation in run_axe(page):
            self.findings.append(describe(violation, where, self.role))

    def problem(self, text: str) -> None:
        """Something that kept a page from being checked (an error status …)."""
        self.findings.append(f"[{self.role}] {text}")

    def assert_clean(self) -> None:
        if self.findings:
            pytest.fail(
                f"{len(self.findings)} problem(s) as {self.role}: WCAG 2.1 A/AA "
                f"violations axe-core {AXE_VERSION} found on the {len(self.checked)} "
                "pages checked, and pages that could not be checked:\n\n"
                + "\n\n".join(self.findings),
                pytrace=False,
            )


def describe(violation: dict[str, Any], where: str, role: str) -> str:
    nodes = "\n".join(
        f"      - {' >> '.join(map(str, node['target']))}: "
        + " ".join(node["summary"].split())
        for node in violation["nodes"]
    )
    return (
        f"[{role}] {where}\n"
        f"  {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {violation['helpUrl']}\n{nodes}"
    )

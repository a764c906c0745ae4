"""The editor's guide shows the checker's real messages, so the documentation cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import markupsafe
import pytest
from tests.check.fixtures import ABOUT, EXPECTED, PROBLEMS
from tests.conftest import ROOT

from mission_tracker.check.examples import CASES
from mission_tracker.site.guide import check_messages_table
from mission_tracker.site.themefiles import THEME


def split(line: str) -> tuple[str, str]:
    """`path:line:column` and the message, from a line of expected.txt."""
    m = re.fullmatch(r"(.+?:\d+:\d+): (.*)", line)
    assert m, line
    return m[1], m[2]


def escaped(text: str) -> str:
    return str(markupsafe.escape(text))


def shown(message: str) -> str:
    """A message as the guide's HTML shows it: escaped, `quoted` parts as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped(message))


def test_the_table_shows_every_fixture_with_its_real_messages() -> None:
    """Made from the examples that ship with the package, not from the tests' copies of
    them (which must agree)."""
    table = check_messages_table()
    assert f"These are the messages for {len(CASES)} example mistakes" in table
    for case in CASES:
        assert escaped((PROBLEMS / case.name / ABOUT).read_text("utf-8").strip()) in table
        for line in (PROBLEMS / case.name / EXPECTED).read_text("utf-8").splitlines():
            where, message = split(line)
            assert f"<code>{escaped(where)}</code> {shown(message)}" in table, line


def test_the_editors_guide_includes_the_generated_table() -> None:
    guide = (THEME / "pages" / "guide" / "editors.md").read_text("utf-8")
    assert '--8<-- "_generated/check-messages.md"' in guide


@pytest.mark.slow
def test_the_built_guide_page_shows_the_real_messages(built_site: Path) -> None:
    page = (built_site / "site" / "guide" / "editors" / "index.html").read_text("utf-8")
    many = (PROBLEMS / "many-problems" / EXPECTED).read_text("utf-8").splitlines()
    for line in many:
        where, message = split(line)
        assert f"<code>{escaped(where)}</code> {shown(message)}" in page, line
    assert page.count("<tr>") > len(CASES)
    # The schemas the YAML files point editors at are published with the site too.
    for kind in ("indicator", "mission"):
        published = built_site / "site" / "schema" / f"{kind}.schema.json"
        assert published.read_text("utf-8") == (
            ROOT / "docs" / "schema" / published.name
        ).read_text("utf-8")

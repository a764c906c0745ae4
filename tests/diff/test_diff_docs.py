"""The example review summary on the Publishing page is the command's real output for the
example pull request (tests/diff/gitrepo.py), so the page cannot drift from what reviewers see.

After an intended change to the summary, update the page with

    MT_REGENERATE=1 .venv/bin/pytest tests/diff/test_diff_docs.py

and read the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.conftest import run_cli
from tests.diff.gitrepo import Repo, example_change

from mission_tracker.site.themefiles import THEME

PAGE = THEME / "pages" / "guide" / "publishing.md"
BLOCK = re.compile(
    r"(<!-- review-summary-example -->\n)(.*?)(<!-- /review-summary-example -->)", re.S
)


def as_quoted_example(summary: str) -> str:
    """The summary as the page shows it: headings as bold lines (so they stay out of the
    page's table of contents), all of it in a quotation block."""
    lines = []
    for line in summary.rstrip("\n").splitlines():
        if line.startswith("#"):
            line = f"**{line.lstrip('#').strip()}**"
        lines.append(f"> {line}".rstrip())
    # Blank lines around it, so the markers are HTML comments of their own, not quoted text.
    return "\n" + "\n".join(lines) + "\n\n"


def test_publishing_page_shows_the_real_summary(tmp_path: Path) -> None:
    repo = Repo.create(tmp_path / "project")
    example_change(repo)
    result = run_cli("diff", "--base", "main", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    expected = as_quoted_example(result.stdout)

    page = PAGE.read_text("utf-8")
    match = BLOCK.search(page)
    assert match, "the example markers are missing from the Publishing page"
    if os.environ.get("MT_REGENERATE") == "1":
        PAGE.write_text(page[: match.start(2)] + expected + page[match.end(2) :], "utf-8")
        return
    assert match[2] == expected, "the example is out of date; see this module's docstring"

"""The editor's guide's tables of checker messages, produced by running the real checker over
the problem fixtures in tests/fixtures/problems, so the documentation cannot drift.

Each fixture is a small valid dataset broken in one way; its `about.txt` says how, in an
editor's words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mission_tracker.check.project import check_project
from mission_tracker.model.problems import Severity

# Fixture names start with the kind of mistake; each kind gets its own table.
GROUPS = (
    ("accepted", "Accepted as they are"),
    ("file", "Files and folders"),
    ("folder", "Files and folders"),
    ("encoding", "Saving the file"),
    ("csv", "The layout of a CSV file"),
    ("cell", "Cells"),
    ("value", "Values"),
    ("marker", "Values"),
    ("period", "Periods"),
    ("breakdown", "Breakdowns"),
    ("yaml", "YAML files"),
    ("ref", "Between files"),
    ("milestone", "Milestones"),
    ("broken", "Between files"),
    ("nav", "The site's navigation"),
    ("many", "Several at once"),
)
_CODE = re.compile(r"`([^`]+)`")


def check_messages_table(fixtures: Path) -> str:
    cases = (
        sorted(p for p in fixtures.iterdir() if (p / "data").is_dir()) if fixtures.is_dir() else []
    )
    if not cases:
        return (
            "Run `mission-tracker check` to see the messages for your own files; each one says "
            "what is wrong and how to fix it.\n"
        )
    tables: dict[str, list[str]] = {title: [] for _, title in GROUPS}
    for case in cases:
        about_file = case / "about.txt"
        about = about_file.read_text("utf-8").strip() if about_file.is_file() else case.name
        problems = check_project(case).problems
        cells = [
            f"<code>{html.escape(f'{p.path}:{p.line}:{p.column}')}</code> "
            + ("note: " if p.severity is Severity.NOTE else "")
            + _with_code(p.message)
            for p in problems
        ] or ["No message: this is accepted."]
        span = len(cells)
        first = f'<td rowspan="{span}">{html.escape(about)}</td>' if span > 1 else ""
        first = first or f"<td>{html.escape(about)}</td>"
        lines = [f"<tr>{first}<td>{cells[0]}</td></tr>"]
        lines += [f"<tr><td>{cell}</td></tr>" for cell in cells[1:]]
        tables[_group(case.name)].append("\n".join(lines))
    count = sum(len(rows) for rows in tables.values())
    out = [
        f"These are the messages for {count} example mistakes, each made in a small copy of "
        "the data.\n"
    ]
    for title, rows in tables.items():
        if not rows:
            continue
        out.append(
            f"\n### {title}\n\n"
            f'<div class="mt-table-wrap" data-search-exclude tabindex="0" role="region" '
            f'aria-label="{html.escape(title)}: messages (scrolls sideways on narrow screens)">'
            "\n<table>\n"
            '<thead><tr><th scope="col">Mistake</th><th scope="col">What the check says</th>'
            "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        )
    return "".join(out)


def _group(name: str) -> str:
    prefix = name.split("-", 1)[0]
    return next((title for key, title in GROUPS if key == prefix), "Several at once")


def _with_code(message: str) -> str:
    """Escape a message, showing its `quoted` parts as code as the terminal does."""
    return _CODE.sub(r"<code>\1</code>", html.escape(message))

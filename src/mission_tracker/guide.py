"""The editor's guide's table of checker messages, produced by running the real checker over
the problem fixtures in tests/fixtures/problems, so the documentation cannot drift."""

from __future__ import annotations

import html
from pathlib import Path

from .load import load_dataset


def check_messages_table(fixtures: Path) -> str:
    cases = (
        sorted(p for p in fixtures.iterdir() if (p / "data").is_dir())
        if (fixtures.is_dir())
        else []
    )
    if not cases:
        return (
            "Run `mission-tracker check` to see the messages for your own files; each one says "
            "what is wrong and how to fix it.\n"
        )
    rows = []
    seen: set[tuple[str, str]] = set()
    for case in cases:
        for problem in load_dataset(case / "data").problems:
            key = (problem.code, problem.message)
            if key in seen:
                continue
            seen.add(key)
            where = f"{problem.path}:{problem.line}:{problem.column}"
            rows.append(
                f"<tr><td><code>{html.escape(problem.code)}</code></td>"
                f"<td><code>{html.escape(where)}</code></td>"
                f"<td>{html.escape(problem.message)}</td></tr>"
            )
    return (
        '<div class="mt-table-wrap" data-search-exclude>\n<table>\n'
        f"<caption>{len(rows)} messages from {len(cases)} example files</caption>\n"
        '<thead><tr><th scope="col">Kind</th><th scope="col">Where</th>'
        '<th scope="col">Message</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>\n"
    )

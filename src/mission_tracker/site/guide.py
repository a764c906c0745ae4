"""The editor's guide's tables of checker messages, made by running the real checker over the
example mistakes that ship with the package (check/examples/), so the documentation cannot
drift from what `check` says.

Checking the 130 examples takes about a second, on every build; the table depends only on the
package (the examples and the code that checks them), so it is kept in the store under a key
of exactly those, and a build after an edit to the data reads it back."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from mission_tracker.cache.fingerprint import modules_version
from mission_tracker.cache.store import Store, digest
from mission_tracker.check.examples import base_files, cases, mistakes
from mission_tracker.check.project import check_files
from mission_tracker.model.problems import Severity
from mission_tracker.site.templating import render_template

# Example names start with the kind of mistake; each kind gets its own table.
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


TEMPLATE = "check-messages.md.j2"
NAMESPACE = "guide"
FORMAT = "check-messages-1"


def check_messages_table(store: Store | None = None) -> str:
    """The table, from `store` when it holds the one this package makes."""
    if store is None or not store.enabled:
        return _table()
    # The examples (a base project and the edits that make each mistake), the checker's code
    # and the table's template: everything the table is made from.
    examples = [part for rel, data in sorted(base_files().items()) for part in (rel, data)]
    template = resources.files("mission_tracker.site").joinpath("templates", TEMPLATE).read_bytes()
    key = digest(FORMAT, modules_version("site.guide"), mistakes(), *examples, template)
    found = store.get(NAMESPACE, key)
    if found is not None:
        return found.decode("utf-8")
    table = _table()
    store.put(NAMESPACE, key, table.encode("utf-8"))
    return table


def _table() -> str:
    groups: dict[str, list[dict[str, Any]]] = {title: [] for _, title in GROUPS}
    for case in sorted(cases(), key=lambda c: c.name):
        problems = check_files(case.data_files(), case.config()).problems
        messages: list[Markup | str] = [
            Markup("<code>{}</code> ").format(f"{p.path}:{p.line}:{p.column}")
            + ("note: " if p.severity is Severity.NOTE else "")
            + _with_code(p.message)
            for p in problems
        ] or ["No message: this is accepted."]
        groups[_group(case.name)].append({"about": case.about, "messages": messages})
    return render_template(
        TEMPLATE,
        count=sum(len(cases) for cases in groups.values()),
        groups=[{"title": title, "cases": cases} for title, cases in groups.items() if cases],
    )


def _group(name: str) -> str:
    prefix = name.split("-", 1)[0]
    return next((title for key, title in GROUPS if key == prefix), "Several at once")


def _with_code(message: str) -> Markup:
    """A message with its `quoted` parts shown as code, as the terminal shows them."""
    # Escaped first, so the only markup is the <code> added here.
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(message))))  # noqa: S704

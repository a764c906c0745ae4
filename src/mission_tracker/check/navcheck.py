"""The site's navigation against the missions. With no `nav:` in mkdocs.yml the navigation is
made from the data, and nothing can go wrong here. A project's own `nav:` may list the missions
itself (then every mission's page must be in it, or MkDocs would leave it out of the menu, and
none that does not exist) or write `missions/`, which stands for every mission in order."""

from __future__ import annotations

import difflib
import re

import yaml

from mission_tracker.model.problems import Problem, ProblemList
from mission_tracker.read.layout import CONFIG
from mission_tracker.read.textfile import decode
from mission_tracker.read.yamlfile import syntax_message

MISSION_PAGE = re.compile(r"missions/([^/]+)\.md")
# The nav entry that stands for every mission, in order (site/mkdocsconfig.py expands it).
MISSIONS_MARKER = "missions/"


def check_nav(config: bytes, missions: list[str]) -> list[Problem]:
    """Problems with the missions (the ids of the files in data/missions) in mkdocs.yml's nav;
    none if there is no nav (MkDocs then lists every page itself)."""
    problems = ProblemList(CONFIG)
    text = decode(config, problems)
    if text is None:
        return problems.items
    nav = _nav_node(text, problems)
    if nav is None:
        return problems.items
    listed: dict[str, yaml.Node] = {}
    sections: list[yaml.Node] = []
    for node, section in _pages(nav.value, nav):
        m = MISSION_PAGE.fullmatch(str(node.value))
        if m is None or m[1] == "index":
            continue
        mission = m[1]
        sections.append(section)
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if mission in listed:
            problems.add(
                line,
                column,
                "nav.duplicate",
                f"missions/{mission}.md is listed twice in `nav:`; delete one of them",
            )
        elif mission not in missions:
            close = difflib.get_close_matches(mission, missions, n=1)
            fix = f"did you mean missions/{close[0]}.md?" if close else "delete this entry"
            problems.add(
                line,
                column,
                "nav.unknown-mission",
                f"`nav:` lists missions/{mission}.md, but there is no mission `{mission}` "
                f"(data/missions/{mission}.yml); {fix}",
            )
        listed.setdefault(mission, node)
    where = sections[0] if sections else nav
    if any(str(node.value) == MISSIONS_MARKER for node, _ in _pages(nav.value, nav)):
        return problems.items
    for mission in missions:
        if mission not in listed:
            problems.add(
                where.start_mark.line + 1,
                where.start_mark.column + 1,
                "nav.missing-mission",
                f"mission `{mission}` is not in the site's navigation; add the line "
                f"`- missions/{mission}.md` to this list in `nav:`, in the order it should appear "
                "(or write `missions/` there once, for every mission in its declared order)",
            )
    return problems.items


def _nav_node(text: str, problems: ProblemList) -> yaml.Node | None:
    # Composing (not constructing) reads the structure without running MkDocs' tags (!ENV).
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line, column, message = syntax_message(exc)
        problems.add(line, column, "yaml.syntax", message)
        return None
    except yaml.YAMLError as exc:
        problems.add(1, 1, "yaml.syntax", f"mkdocs.yml cannot be read: {exc}")
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            if isinstance(value, yaml.SequenceNode):
                return value
            problems.add(
                value.start_mark.line + 1,
                value.start_mark.column + 1,
                "nav.not-list",
                "`nav:` must be a list of pages (lines starting with `- `)",
            )
    return None


def _pages(items: list[yaml.Node], section: yaml.Node) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """Every page entry in a nav list, with the list entry that holds it (for placing a
    problem about a missing sibling)."""
    found: list[tuple[yaml.ScalarNode, yaml.Node]] = []
    for item in items:
        if isinstance(item, yaml.ScalarNode):
            found.append((item, section))
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if isinstance(value, yaml.ScalarNode):
                    found.append((value, section))
                elif isinstance(value, yaml.SequenceNode):
                    found.extend(_pages(value.value, key))
    return found

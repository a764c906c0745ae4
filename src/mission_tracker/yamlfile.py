"""YAML with positions: safe loading that remembers where every key and value is.

PyYAML silently keeps the last of two duplicate keys, and pydantic reports errors by key path
rather than by line; this module closes both gaps so every problem points at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import ProblemList

Path = tuple[str | int, ...]


@dataclass
class YamlDocument:
    data: Any
    # Where each key (for mapping entries) or item starts, by path; 1-based line and column.
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Where each value starts (for wrong-type messages, which are about the value).
    value_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, *, value: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        table = self.value_positions if value else self.positions
        for end in range(len(path), -1, -1):
            key = path[:end]
            if key in table:
                return table[key]
            if key in self.positions:
                return self.positions[key]
        return (1, 1)


def load_yaml(text: str, problems: ProblemList) -> YamlDocument | None:
    """Parse one YAML document safely; syntax errors and duplicate keys become problems."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.add(
                1,
                1,
                "yaml.empty",
                "the file is empty; it needs the fields shown in the "
                "editor's guide (run `mission-tracker new` for a commented template)",
            )
            return None
        doc = YamlDocument(data=None)
        if not _walk(node, (), doc, problems, set()):
            return None
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "the YAML cannot be read"
        problems.add(line, column, "yaml.syntax", f"YAML syntax: {what}; {_syntax_hint(what)}")
        return None
    except yaml.YAMLError as exc:
        problems.add(1, 1, "yaml.syntax", f"YAML syntax: {exc}")
        return None
    finally:
        loader.dispose()
    return doc


def _walk(
    node: yaml.Node, path: Path, doc: YamlDocument, problems: ProblemList, seen_nodes: set[int]
) -> bool:
    """Record positions and find duplicate keys; False if the file uses aliases."""
    if id(node) in seen_nodes and isinstance(node, yaml.CollectionNode):
        # An alias (`*name`) re-uses a node; expanding them is how "billion laughs" files
        # exhaust memory, and editors never need them.
        problems.add(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "yaml.alias",
            "YAML anchors and aliases (`&name`, `*name`) are not supported; write the value out",
        )
        return False
    seen_nodes.add(id(node))
    doc.value_positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in seen:
                problems.add(
                    line,
                    column,
                    "yaml.duplicate-key",
                    f"key `{key}` appears twice in the same block (first on line {seen[key]}); "
                    "YAML would silently keep only the last one; delete one of them",
                )
            else:
                seen[key] = line
            doc.positions[(*path, key)] = (line, column)
            if not _walk(value_node, (*path, key), doc, problems, seen_nodes):
                return False
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.positions[(*path, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            if not _walk(item, (*path, index), doc, problems, seen_nodes):
                return False
    return True


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return 'a value containing ": " must be wrapped in quotes'
    if "could not find expected ':'" in problem:
        return "each line needs `key: value`; check the line above for a missing colon or quote"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "wrap the value in quotes"
    return "check indentation and quotes around this point"

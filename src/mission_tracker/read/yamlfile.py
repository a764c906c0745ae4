"""YAML with positions: safe loading that remembers where every key and value is.

PyYAML silently keeps the last of two duplicate keys, and pydantic reports errors by key path
rather than by line; this module closes both gaps so every problem points at its line. PyYAML's
own error messages are written for programmers, so the common ones are reworded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from mission_tracker.model.problems import ProblemList

# Where a value is in a document: keys and list positions from the top, e.g. ("source", "url").
KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    data: Any
    # Where each key (for mapping entries) or item starts, by path; 1-based line and column.
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    # Where each value starts (for wrong-type messages, which are about the value).
    value_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    # Each plain value as the editor typed it (YAML reads `yes` as true, `2024-01-01` as a date).
    scalars: dict[KeyPath, str] = field(default_factory=dict)

    def where(self, path: KeyPath, *, value: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        table = self.value_positions if value else self.positions
        for end in range(len(path), -1, -1):
            key = path[:end]
            if key in table:
                return table[key]
            if key in self.positions:
                return self.positions[key]
        return (1, 1)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # PyYAML reads `2024-02-30` as a date and lets Python's ValueError escape, unlocated.
    try:
        if not isinstance(node, yaml.ScalarNode):
            raise ValueError("a date must be a single value")
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"date {node.value} is not a real date ({exc})", node.start_mark
        ) from None


class _Loader(yaml.SafeLoader):
    """The safe loader, with impossible dates reported as YAML errors at their position."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsing with libyaml where PyYAML was built with it (several times faster).
    Its error messages differ, so a file it rejects is read again by `_Loader` to report."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _compose(text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    fast = _FastLoader(text)
    try:
        return fast, fast.get_single_node()
    except (yaml.YAMLError, RecursionError):
        fast.dispose()
    slow = _Loader(text)
    return slow, slow.get_single_node()


def load_yaml(text: str, problems: ProblemList) -> YamlDocument | None:
    """Parse one YAML document safely; syntax errors and duplicate keys become problems."""
    loader: yaml.SafeLoader | None = None
    try:
        loader, node = _compose(text)
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
        if not _Walker(doc, problems, loader).walk(node, ()):
            return None
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        line, column, message = syntax_message(exc)
        code = "yaml.bad-value" if "is not a real date" in message else "yaml.syntax"
        problems.add(line, column, code, message)
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.add(
            line,
            column,
            "yaml.syntax",
            f"the file contains a control character (code {exc.character:#04x}) that YAML does "
            "not allow; delete it (it is often invisible: retype the text around it)",
        )
        return None
    except RecursionError:
        problems.add(
            1,
            1,
            "yaml.syntax",
            "the file is nested too deeply to read; check for runaway brackets",
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


_TEXT = "tag:yaml.org,2002:str"
_IMPLICIT_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


class _Walker:
    """Records positions, and finds what PyYAML would accept silently or fail on unlocated:
    duplicate keys, aliases, keys that are not names, explicit tags."""

    def __init__(self, doc: YamlDocument, problems: ProblemList, loader: yaml.SafeLoader):
        self.doc, self.problems, self.loader = doc, problems, loader
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: KeyPath) -> bool:
        """False if the file cannot be read further (an alias, a tag, a key that is no name)."""
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self.seen and isinstance(node, yaml.CollectionNode):
            # An alias (`*name`) re-uses a node; expanding them is how "billion laughs" files
            # exhaust memory, and editors never need them.
            self.problems.add(
                line,
                column,
                "yaml.alias",
                "YAML anchors and aliases (`&name`, `*name`) are not supported; write the value "
                "out in full each time",
            )
            return False
        self.seen.add(id(node))
        if node.tag != self._implicit_tag(node):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.add(
                line,
                column,
                "yaml.syntax",
                f"`{tag}` is a YAML tag, which is not supported here; delete it, or put the whole "
                "value in quotes",
            )
            return False
        self.doc.value_positions[path] = (line, column)
        if isinstance(node, yaml.ScalarNode):
            self.doc.scalars[path] = node.value
        elif isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.doc.positions[(*path, index)] = (
                    item.start_mark.line + 1,
                    item.start_mark.column + 1,
                )
                if not self.walk(item, (*path, index)):
                    return False
        return True

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> bool:
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TEXT):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
                self.problems.add(
                    line,
                    column,
                    "yaml.key-type",
                    f"key `{shown}` is not a name; keys are words such as `title`, followed by "
                    "a colon (check the indentation: is this meant to be a value?)",
                )
                return False
            key = key_node.value
            if key in seen:
                self.problems.add(
                    line,
                    column,
                    "yaml.duplicate-key",
                    f"key `{key}` appears twice in the same block (first on line {seen[key]}); "
                    "YAML would silently keep only the last one; delete one of them",
                )
            else:
                seen[key] = line
            self.doc.positions[(*path, key)] = (line, column)
            if not self.walk(value_node, (*path, key)):
                return False
        return True

    def _implicit_tag(self, node: yaml.Node) -> str:
        """The tag the node would have without an explicit `!tag`."""
        if isinstance(node, yaml.ScalarNode):
            if node.style:  # quoted or block text is always text
                return _TEXT
            resolve: Any = self.loader.resolve  # untyped in the stubs
            return str(resolve(yaml.ScalarNode, node.value, (True, False)))
        return _IMPLICIT_TAGS.get(type(node), "")


def _misplaced_key(exc: yaml.MarkedYAMLError) -> int | None:
    """If the offending colon is the first on its line (a key that lost its place, rather than a
    colon inside a value), the 0-based column where that key starts."""
    mark = exc.problem_mark
    if mark is None or not mark.buffer:
        return None
    buffer = str(mark.buffer)
    start = buffer.rfind("\n", 0, mark.pointer) + 1
    before = buffer[start : mark.pointer]
    if ":" in before or not before.strip() or before.lstrip().startswith("- "):
        return None
    return len(before) - len(before.lstrip())


def syntax_message(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """PyYAML's error, placed where the editor needs to look and worded for them."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if "scanning a quoted scalar" in context or "double-quoted scalar" in context:
        if "end of stream" in problem and exc.context_mark is not None:
            # Where the quote opened, not the end of the file where PyYAML noticed.
            mark = exc.context_mark
            text = "a quoted value starts here but its closing quote is missing; add it"
        elif "escape character" in problem:
            text = (
                "a backslash in double quotes starts an escape code; write \\\\ for a backslash, "
                "or use single quotes"
            )
        else:
            text = f"YAML syntax: {problem}; check the quotes around this value"
    elif "flow sequence" in context or "flow mapping" in context:
        bracket = "]" if "sequence" in context else "}"
        mark = exc.context_mark or mark
        text = (
            f"a bracket opened here is never closed; add `{bracket}`, or if the value is text "
            "that starts with a bracket, put it in quotes"
        )
    elif "another document" in problem:
        text = (
            "a second document starts here (`---`); a file holds one document, so delete this "
            "line and merge what follows into the fields above"
        )
    elif "could not determine a constructor" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'")
        text = (
            f"`{tag}` is a YAML tag, which is not supported here; delete it, or put the whole "
            "value in quotes"
        )
    elif "'\\t'" in problem or "tab" in problem:
        text = "this line is indented with a tab; indent with spaces instead"
    elif "mapping values are not allowed" in problem and (key := _misplaced_key(exc)) is not None:
        line, column = (mark.line + 1, key + 1) if mark else (1, 1)
        return (
            line,
            column,
            (
                "this key is indented differently from the key on the line above, so YAML reads it "
                "as part of that value; line it up with the keys around it"
            ),
        )
    elif "mapping values are not allowed" in problem:
        text = 'a value that contains ": " must be put in quotes'

    elif "could not find expected ':'" in problem:
        # PyYAML notices on the next line; the key without its colon is where it started.
        mark = exc.context_mark or mark
        text = "this line needs `key: value`; add the colon after the key (or, if it continues "
        text += "the value above, indent it further)"
    elif "expected <block end>" in problem:
        text = (
            "this line is not indented like the lines around it; keys in the same block must "
            "start in the same column"
        )
    elif "cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "this character"
        text = f"a value cannot start with {char}; put the whole value in quotes"
    elif "unhashable key" in problem:
        text = "a key must be a plain word followed by a colon"
    elif "is not a real date" in problem:
        text = f"{problem}; write a real date as YYYY-MM-DD, or put the value in quotes"
    else:
        text = f"YAML syntax: {problem or 'the file cannot be read'}; check the indentation and "
        text += "quotes around this point"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return line, column, text

"""Nothing outside the project is read: mkdocs.yml may only point inside it, and the
hand-written pages under docs/ hold no links.

MkDocs copies whatever docs/ holds into the site and follows symbolic links as it goes, and
mkdocs.yml can name files and folders anywhere (`INHERIT`, `docs_dir`, a theme's `custom_dir`,
`hooks`, snippet folders). A pull request that added a link to a file elsewhere on the machine,
or a path such as `../../etc`, would publish it; `check` and the build refuse both.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import yaml

from mission_tracker.model.problems import Problem
from mission_tracker.read.config import settings_problems
from mission_tracker.read.layout import CONFIG, DOCS
from mission_tracker.write import GENERATED

# Settings that name a file or folder, as key paths ("*" for every item of a list).
PATH_SETTINGS = (
    ("INHERIT",),
    ("docs_dir",),
    ("site_dir",),
    ("theme", "custom_dir"),
    ("hooks", "*"),
    ("extra_css", "*"),
    ("extra_javascript", "*"),
    ("watch", "*"),
)


def project_problems(root: Path) -> list[Problem]:
    """What is wrong with the project around its data: settings that cannot be used, paths
    that lead outside it, links among its pages."""
    return [
        *settings_problems(root / CONFIG),
        *config_problems(root),
        *link_problems(root, GENERATED),
    ]


def config_problems(root: Path) -> list[Problem]:
    config = root / CONFIG
    if not config.is_file() or config.is_symlink():
        return []
    try:
        node = yaml.compose(config.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return []  # reported by the navigation check, which reads the same file
    problems = []
    for path, value in _settings(node):
        text = str(value.value)
        if not _inside(text):
            problems.append(
                Problem(
                    CONFIG,
                    value.start_mark.line + 1,
                    value.start_mark.column + 1,
                    f"`{'.'.join(path)}` is {text!r}, which is outside the project; name a file "
                    "or folder inside it, as a relative path such as docs/assets/site.css",
                    "config.outside",
                )
            )
    return problems


def _settings(node: yaml.Node | None) -> Iterator[tuple[tuple[str, ...], yaml.ScalarNode]]:
    if not isinstance(node, yaml.MappingNode):
        return
    for wanted in PATH_SETTINGS:
        yield from _find(node, wanted, ())
    yield from _snippet_folders(node)


def _find(
    node: yaml.Node, wanted: tuple[str, ...], at: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], yaml.ScalarNode]]:
    if not wanted:
        if isinstance(node, yaml.ScalarNode) and node.value:
            yield at, node
        return
    head, rest = wanted[0], wanted[1:]
    if head == "*" and isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _find(item, rest, at)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == head:
                yield from _find(value, rest, (*at, head))


def _snippet_folders(node: yaml.MappingNode) -> Iterator[tuple[tuple[str, ...], yaml.ScalarNode]]:
    """`pymdownx.snippets: base_path:` under `markdown_extensions`, a folder or a list."""
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "markdown_extensions"):
            continue
        for item in value.value if isinstance(value, yaml.SequenceNode) else []:
            if isinstance(item, yaml.MappingNode):
                for name, options in item.value:
                    if isinstance(name, yaml.ScalarNode) and name.value == "pymdownx.snippets":
                        at = ("markdown_extensions", "pymdownx.snippets", "base_path")
                        yield from _find(options, ("base_path",), at[:-1])
                        yield from _find(options, ("base_path", "*"), at[:-1])


def _inside(text: str) -> bool:
    """A relative path that stays inside the project (tags such as !ENV are not followed)."""
    path = PurePosixPath(text.replace("\\", "/"))
    if path.is_absolute() or text.startswith("~") or ":" in text.split("/")[0]:
        # A drive letter or URL scheme; web addresses are allowed in extra_css and the like.
        return text.startswith(("https://", "http://"))
    return ".." not in path.parts


def link_problems(root: Path, generated: tuple[str, ...]) -> list[Problem]:
    """Symbolic links (and anything that is not a plain file or folder) among the pages in
    docs/; the generated folders are written by the build itself and never hold one."""
    docs = root / DOCS
    problems: list[Problem] = []
    if not docs.is_dir():
        return problems
    if docs.is_symlink():
        return [_link(DOCS)]
    skip = {docs / name for name in generated}
    for folder, dirs, files in os.walk(docs, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            if path in skip:
                continue
            mode = os.lstat(path).st_mode
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(mode):
                problems.append(_link(rel))
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.append(
                    Problem(rel, 1, 1, "this is not a plain file; delete it", "files.not-a-file")
                )
        dirs[:] = [d for d in dirs if here / d not in skip and not (here / d).is_symlink()]
    return problems


def _link(rel: str) -> Problem:
    return Problem(
        rel,
        1,
        1,
        "this is a symbolic link; the site may be built only from plain files and folders in "
        "the repository, so that nothing from outside it is published: replace the link with "
        "the file itself",
        "files.link",
    )

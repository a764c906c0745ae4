"""A rebuild after any single change gives the very bytes a clean build gives (issue 15).

One project is edited a file at a time and rebuilt in place, with its cache, its docs/ and its
site/ kept from the build before, as an editor's machine or the deploy keeps them. After each
edit a copy of its inputs alone is built from nothing (no generated pages, an empty cache) and
both docs/ and site/ must be the same, file for file and byte for byte. The edits are drawn
from a seeded generator over the project's own files, one of each kind a pull request makes:
a revised figure (the latest one, and an earlier one), an indicator's metadata, a mission, the
configuration (a setting and the locale), a hand-written page and a theme template.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, copy_project

from mission_tracker.write import GENERATED

SEED = 15


@dataclass(frozen=True)
class Change:
    kind: str
    what: str
    apply: Callable[[Path], None]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _revise(rel: str, row: int) -> Callable[[Path], None]:
    """Revise the figure on data row `row` of a CSV (-1: the last), keeping its decimals."""

    def apply(root: Path) -> None:
        path = root / rel
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        column = rows[0].index("value")
        value = Decimal(rows[1:][row][column])
        step = Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]
        rows[1:][row][column] = str(value + 7 * step)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), "utf-8")

    return apply


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text("utf-8") + text, "utf-8")

    return apply


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: _edit(root / rel, old, new)


def sample(root: Path, rng: random.Random) -> list[Change]:
    """One change of each kind, on files and rows the generator picks."""

    def files(pattern: str) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.glob(pattern))

    csvs = files("data/indicators/*.csv")
    latest, earlier = rng.sample(csvs, 2)
    row = rng.randrange(len((root / earlier).read_text("utf-8").splitlines()) - 2)
    meta = rng.choice(csvs).removesuffix(".csv") + ".yml"
    mission = rng.choice(files("data/missions/*.yml"))
    theme = "overrides/main.html"
    return [
        Change("data", f"{latest}: the latest figure revised", _revise(latest, -1)),
        Change("data", f"{earlier}: an earlier figure revised", _revise(earlier, row)),
        Change("metadata", f"{meta}: the title", _replace(meta, "title: ", "title: Revised ")),
        Change("mission", f"{mission}: the name", _replace(mission, "name: ", "name: Revised ")),
        Change(
            "configuration",
            "mkdocs.yml: the site's name",
            _replace("mkdocs.yml", "site_name: ", "site_name: Revised "),
        ),
        Change(
            "configuration",
            "mkdocs.yml: the locale",
            _replace("mkdocs.yml", "locale: en_GB", "locale: fr_FR"),
        ),
        Change("page", "docs/about.md", _append("docs/about.md", "\nAdded by an editor.\n")),
        Change("template", theme, _replace(theme, "{% block", "<!-- revised -->\n{% block")),
    ]


def _build(root: Path, cache: Path) -> None:
    # As an editor runs it: the project's cache pruned after each build, as by default.
    result = subprocess.run(
        [sys.executable, "-m", "mission_tracker.cli", "site"],
        cwd=root,
        env={**os.environ, "MISSION_TRACKER_CACHE": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _inputs(source: Path, dest: Path) -> Path:
    """A copy of a project's inputs alone: no generated page, no site, no cache."""
    generated = {Path(source / "docs" / name) for name in GENERATED}

    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder)
        if here == source:
            return [n for n in names if n in ("site", ".mission-tracker")]
        return [n for n in names if here / n in generated]

    shutil.copytree(source, dest, ignore=ignore)
    return dest


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _differences(a: Path, b: Path) -> list[str]:
    left, right = _tree(a), _tree(b)
    only = sorted(set(left) ^ set(right))
    return only + [rel for rel in sorted(set(left) & set(right)) if left[rel] != right[rel]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "edited", data=FIXTURES / "site" / "data")
    # A theme of the project's own, so that a template is among the files an edit may touch.
    overrides = resources.files("mission_tracker.site") / "theme" / "overrides"
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_bytes((overrides / "main.html").read_bytes())
    _edit(root / "mkdocs.yml", "site_name: ", "theme:\n  custom_dir: overrides\nsite_name: ")
    return root


def test_a_rebuild_after_each_change_matches_a_clean_build(project: Path, tmp_path: Path) -> None:
    changes = sample(project, random.Random(SEED))
    assert {c.kind for c in changes} >= {"data", "metadata", "mission", "configuration", "template"}
    cache = tmp_path / "cache"
    _build(project, cache)
    for step, change in enumerate(changes, 1):
        change.apply(project)
        _build(project, cache)
        clean = _inputs(project, tmp_path / f"clean-{step}")
        _build(clean, tmp_path / f"cache-{step}")
        for folder in ("docs", "site"):
            differ = _differences(project / folder, clean / folder)
            assert differ == [], f"after {change.kind} change ({change.what}), {folder}/ differs"
        shutil.rmtree(clean)

"""The review summary of a pull request that brings the payloads in: everything quoted from the
data is inert Markdown. Checked on the text itself, and rendered the way GitHub renders it
(marko's GitHub-flavoured Markdown, with autolinks) and the way this site would
(Python-Markdown), against the summary of the same change made with harmless text."""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import marko
import pytest
from tests.conftest import run_cli
from tests.diff.gitrepo import Repo
from tests.security.conftest import EXAMPLE_DATA
from tests.security.payloads import (
    Filler,
    benign_filler,
    fill_data,
    hostile_filler,
    marker,
)

ADDED = "example-rate"  # not in the base, so the change adds it


def change(tmp: Path, filler: Filler) -> list[str]:
    """The review summaries of three commits on a base that lacks one indicator: the first
    fills every text field (and adds that indicator), the second edits a figure of a breakdown
    row (so its hostile label is quoted), the third adds rows the check refuses (quoting
    hostile cells in its messages)."""
    repo = Repo.create(tmp / "repo", data=EXAMPLE_DATA)
    for suffix in (".yml", ".csv"):
        repo.file(f"indicators/{ADDED}{suffix}").unlink()
    commits = [repo.commit("Base without the rate")]
    work = tmp / "work"
    shutil.copytree(EXAMPLE_DATA, work)
    fill_data(work, filler)
    shutil.rmtree(repo.path / "data")
    shutil.copytree(work, repo.path / "data")
    commits.append(repo.commit("Hostile text everywhere"))
    homes = repo.file("indicators/example-homes.csv")
    rows = list(csv.reader(io.StringIO(homes.read_text("utf-8"))))
    assert rows[-1][0] == "2023/24" and rows[-1][2] == "60"
    rows[-1][2] = "61"  # the second breakdown value's latest figure
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    homes.write_text(out.getvalue(), "utf-8")
    commits.append(repo.commit("A corrected figure"))
    bad = filler.text(filler.next("indicators/example-homes.csv: refused rows"))
    quoted = '"' + bad.replace('"', '""') + '"'
    repo.append("indicators/example-homes.csv", f"2024/25,{quoted},5,,\n2024/25,,{quoted},,\n")
    commits.append(repo.commit("Rows the check refuses"))
    summaries = []
    for base, head in itertools.pairwise(commits):
        result = run_cli("diff", "--base", base, "--head", head, cwd=repo.path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        summaries.append(result.stdout)
    return summaries


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], Filler]]:
    found = {}
    for name, filler in (("hostile", hostile_filler()), ("clean", benign_filler())):
        found[name] = (change(tmp_path_factory.mktemp(name), filler), filler)
    return found


def hostile_text(summaries: dict[str, tuple[list[str], Filler]]) -> str:
    return "\n".join(summaries["hostile"][0])


# -- reading the Markdown ----------------------------------------------------------------------


def split_code(line: str) -> tuple[str, list[str]]:
    """A line's text outside code spans (each span replaced by a space), and the spans; a
    backtick that opens no span that closes is an error."""
    outside, spans, i = [], [], 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            outside.append(line[i : i + 2])
            i += 2
            continue
        if ch == "`":
            end = line.find("`", i + 1)
            assert end > 0, f"an unclosed code span in: {line}"
            spans.append(line[i + 1 : end])
            outside.append(" ")
            i = end + 1
            continue
        outside.append(ch)
        i += 1
    return "".join(outside), spans


def unescaped(text: str, char: str) -> int:
    """How many times `char` appears not escaped by a backslash."""
    count, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        count += text[i] == char
        i += 1
    return count


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += [(tag, name, value) for name, value in attrs]


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def as_github(text: str) -> str:
    return str(marko.Markdown(extensions=["gfm"]).convert(text))


def as_this_site(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


# -- the checks --------------------------------------------------------------------------------


def test_the_payloads_are_in_the_summary(
    summaries: dict[str, tuple[list[str], Filler]],
) -> None:
    """Indicator and milestone titles, mission names, a series label and refused cells: the
    summary quotes hostile text from each kind of place."""
    text, filler = hostile_text(summaries), summaries["hostile"][1]
    kinds = {
        "indicator titles": r"indicators/[^/]+\.yml\.title",
        "milestone titles": r"milestones\[\d\]\.title",
        "mission names": r"missions/[^/]+\.yml\.(short_)?name",
        "series labels": r"values\[\d\]\.label",
        "refused cells": r"refused rows",
    }
    for kind, pattern in kinds.items():
        found = [n for n, where in filler.where.items() if re.search(pattern + "$", where)]
        assert found, kind
        assert any(marker(n) in text for n in found), kind


def test_text_from_the_data_is_escaped(summaries: dict[str, tuple[list[str], Filler]]) -> None:
    """Outside code spans: no `<` (so no HTML), no `[` or `]` unescaped (so no link or image),
    no `![`, no `](javascript`, no unescaped `|` except a table's own, no `*`, `_` or `~`
    unescaped (no emphasis or strikethrough from the data); every code span closes."""
    text = hostile_text(summaries)
    problems = []
    table_cells: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        outside, _spans = split_code(line)
        if "<" in outside or "![" in outside or re.search(r"(?<!\\)\]\(", outside):
            problems.append(f"line {number}: HTML, an image or a link in {line[:160]}")
        for char in "[]":
            if unescaped(outside, char):
                problems.append(f"line {number}: an unescaped {char!r} in {line[:160]}")
        if line.startswith("|"):
            cells = unescaped(outside, "|")
            table_cells = cells if line.startswith("|---") or table_cells is None else table_cells
            if cells != table_cells:
                problems.append(f"line {number}: {cells} cell borders, the table has {table_cells}")
        else:
            table_cells = None
            if unescaped(outside, "|"):
                problems.append(f"line {number}: an unescaped '|' in {line[:160]}")
        body = re.sub(r"^(#+ |- )", "", outside).replace("**", "")
        for char in "*_~":
            if unescaped(body, char):
                problems.append(f"line {number}: an unescaped {char!r} in {line[:160]}")
    assert not problems, "\n".join(problems)


def test_data_text_stays_on_its_line(summaries: dict[str, tuple[list[str], Filler]]) -> None:
    """A payload's later lines (a snippet include, a heading, an admonition, a table, a link
    definition, an HTML block, an abbreviation) never start a line of the summary."""
    text = hostile_text(summaries)
    starts = ("--8<--", "# heading", "!!! note", "    indented", "[r", "<div", "*[P", "last line")
    for line in text.splitlines():
        assert not line.startswith(starts), line
        assert line not in ("| a | b |", "|---|---|"), line


def test_no_address_or_mention_left_for_github_to_link(
    summaries: dict[str, tuple[list[str], Filler]],
) -> None:
    """GitHub links bare web addresses (https://, www.) and e-mail addresses wherever they
    appear in text, and turns @name into a mention: from the data, they must be code."""
    text = hostile_text(summaries)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        outside, _ = split_code(line)
        for pattern in (r"(?i)(?:https?|ftp)://", r"(?i)www\.", r"@"):
            if re.search(pattern, outside):
                problems.append(f"line {number}: {pattern} outside code in {line[:200]}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("render", [as_github, as_this_site], ids=["github", "python-markdown"])
def test_rendered_summary_has_the_clean_twins_elements(
    summaries: dict[str, tuple[list[str], Filler]], render: object
) -> None:
    """Rendered, the hostile summary has the same elements as the clean one, apart from the
    code spans that hold addresses; no link, image or raw HTML, and every code span holds
    text only."""
    assert callable(render)
    for hostile_md, twin_md in zip(summaries["hostile"][0], summaries["clean"][0], strict=True):
        _same_elements(tags(render(hostile_md)), tags(render(twin_md)))


def _same_elements(hostile: Tags, twin: Tags) -> None:
    extra = hostile.tags - twin.tags
    assert set(extra) <= {"code"}, extra
    assert not (twin.tags - hostile.tags), twin.tags - hostile.tags
    assert not [a for a in hostile.attrs if a[0] not in twin.tags or a[1] in ("href", "src")]
    for forbidden in ("a", "img", "script", "svg", "iframe", "div", "del", "h1", "h2"):
        assert hostile.tags[forbidden] == twin.tags[forbidden], forbidden

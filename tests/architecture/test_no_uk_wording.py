"""Nothing the generator writes is the UK's own: any organisation's site is made from the same
templates and modules, so UK wording there would appear on a council's or another country's
site. Organisation, copyright and licence lines come from configuration and data; currency
symbols from the unit and the locale (Babel)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "mission_tracker"

PHRASES = [
    "five missions",
    "Crown copyright",
    "£",
    "The government",
    "the government's",
    "UK government",
    "Open Government Licence",
    "England and Wales",
    "GOV.UK",
    "NHS",
    "United Kingdom",
]
FOUND = re.compile("|".join(re.escape(p) for p in PHRASES))

# Where UK names are data, not wording, each with its reason.
EXEMPT = {
    "importers": "reads the UK's Open SDG repository, whose own columns and units name the UK",
    "model/licences.py": "the catalogue of licences, the Open Government Licence among them",
    "check/examples": "the example project behind the guide's table of messages (data)",
    "read/cells.py": "recognises a figure written with a currency sign, whichever sign it is",
    "site/theme/pages/guide": "the guides quote examples of real data and Open SDG's formats",
}


def _exempt(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return any(rel == key or rel.startswith(key + "/") for key in EXEMPT)


def _written_strings(source: str) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings: what it can write out."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _template_text(path: Path) -> list[tuple[int, str]]:
    """A template's or theme file's lines, without its comments (a CSS or Jinja comment may
    credit a source; it is never shown)."""
    text = path.read_text("utf-8")
    text = re.sub(r"/\*.*?\*/|\{%#.*?#%\}|\{#.*?#\}|<!--.*?-->", _blank, text, flags=re.S)
    return list(enumerate(text.splitlines(), 1))


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


def _files() -> list[Path]:
    kinds = ("*.py", "*.j2", "*.html", "*.md", "*.js", "*.css", "*.yml")
    return sorted(p for kind in kinds for p in PACKAGE.rglob(kind) if not _exempt(p))


def test_the_scan_covers_the_templates_the_theme_and_the_modules() -> None:
    rels = {p.relative_to(PACKAGE).as_posix() for p in _files()}
    assert "site/templates/home.md.j2" in rels
    assert "site/theme/overrides/main.html" in rels
    assert "analyse/numbers.py" in rels
    assert len(rels) > 80


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_uk_wording(path: Path) -> None:
    text = path.read_text("utf-8")
    lines = _written_strings(text) if path.suffix == ".py" else _template_text(path)
    found = [f"{path.name}:{n}: {FOUND.search(t).group()!r}" for n, t in lines if FOUND.search(t)]
    assert not found, "UK-specific wording:\n" + "\n".join(found)


def test_the_scan_finds_such_wording_but_not_in_docstrings() -> None:
    source = 'LEDE = "The government has set five missions"\n\n\ndef f():\n    """£5."""\n'
    found = [FOUND.findall(text) for _, text in _written_strings(source)]
    assert found == [["The government", "five missions"]]

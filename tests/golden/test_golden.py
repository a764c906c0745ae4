"""Golden test: the small example site in tests/fixtures/site, generated and compared file by
file with the expected output in tests/golden/expected/.

After an intended change, regenerate with `UPDATE_GOLDEN=1 make test` (or
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/golden`) and review the diff in git.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
from pathlib import Path

from tests.conftest import FIXTURES, copy_project, run_cli

from mission_tracker.site.themefiles import ASSETS, GUIDES, THEME
from mission_tracker.write import GENERATED

EXPECTED = Path(__file__).parent / "expected"
TEXT = {".md", ".csv", ".json", ".xml", ".html", ".svg"}
# Large vendored or binary files are compared by hash, listed in one manifest file.
BY_HASH = {".png", ".zip", ".js", ".woff2"}


# The package's own files, written into docs/ as they are: compared with the package's copy,
# not kept a second time in expected/.
VERBATIM = {rel: THEME / rel for rel in ASSETS} | {rel: THEME / "pages" / rel for rel in GUIDES}


def _generated(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    # The guide's table of check messages has its own tests (tests/check/test_guide.py).
    names = [name for name in GENERATED if name != "_generated"]
    out = {}
    for name in names:
        path = docs / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            out[f.relative_to(docs).as_posix()] = f.read_bytes()
    for rel, source in VERBATIM.items():
        assert out.pop(rel) == source.read_bytes(), f"{rel} is not the package's {source}"
    return out


def _expected_view(files: dict[str, bytes]) -> dict[str, bytes]:
    view, hashes = {}, []
    for rel, data in sorted(files.items()):
        if Path(rel).suffix in BY_HASH:
            hashes.append(f"{hashlib.sha256(data).hexdigest()}  {rel}")
        else:
            view[rel] = data
    view["HASHES.txt"] = ("\n".join(hashes) + "\n").encode()
    return view


def test_fixture_site_matches_golden(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site", data=FIXTURES / "site" / "data")
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stderr
    actual = _expected_view(_generated(root))
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, data in actual.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_bytes(data)
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_bytes()
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected), "files added or missing (UPDATE_GOLDEN=1 to accept)"
    problems = []
    for rel in sorted(actual):
        if actual[rel] != expected[rel]:
            diff = difflib.unified_diff(
                expected[rel].decode("utf-8", "replace").splitlines(),
                actual[rel].decode("utf-8", "replace").splitlines(),
                f"expected/{rel}",
                f"actual/{rel}",
                lineterm="",
                n=2,
            )
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, "\n\n".join(problems) + "\n\n(UPDATE_GOLDEN=1 to accept)"

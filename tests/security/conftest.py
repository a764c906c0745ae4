"""The hostile site and its clean twin, each built once per session from the golden-test example
project, served on localhost, and visited in one headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path, serve
from tests.conftest import FIXTURES, copy_project, run_cli
from tests.security.payloads import (
    SNIPPET_FILE,
    SNIPPET_SENTINEL,
    Filler,
    benign_filler,
    fill_data,
    hostile_filler,
    short_filler,
)

EXAMPLE_DATA = FIXTURES / "site" / "data"
# Real indicators (tests/fixtures/shapes, OGL; see its SOURCE.md) that use the fields the
# example project does not: several measures (food-waste) and statuses of figures
# (poverty-risk). They join the example's mission Alpha, so their text is attacked too.
SHAPES = FIXTURES / "shapes" / "data" / "indicators"
SHAPE_INDICATORS = ("food-waste", "poverty-risk")


def add_shape_indicators(data: Path) -> None:
    for name in SHAPE_INDICATORS:
        (data / "indicators" / f"{name}.csv").write_bytes((SHAPES / f"{name}.csv").read_bytes())
        text = (SHAPES / f"{name}.yml").read_text("utf-8")
        assert text.count("\nmission: sdg\n") == 1, name
        (data / "indicators" / f"{name}.yml").write_text(
            text.replace("\nmission: sdg\n", "\nmission: alpha\n"), "utf-8"
        )


@dataclass(frozen=True)
class Built:
    root: Path
    filler: Filler

    @property
    def site(self) -> Path:
        return self.root / "site"


def make_project(dest: Path, filler: Filler) -> Path:
    """A copy of the example project with every text field filled by `filler`."""
    root = copy_project(dest, data=EXAMPLE_DATA)
    add_shape_indicators(root / "data")
    # A file a snippet include (`--8<--`) in the data could pull into a page.
    snippet = root / "docs" / SNIPPET_FILE
    snippet.parent.mkdir(parents=True, exist_ok=True)
    snippet.write_text(SNIPPET_SENTINEL + "\n", "utf-8")
    fill_data(root / "data", filler)
    return root


def build(dest: Path, filler: Filler) -> Built:
    root = make_project(dest, filler)
    result = run_cli("site", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(root, filler)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The three sites: `hostile` (the long payloads), `short` (short ones, which leave the
    charts room to draw) and `clean` (the twin, with harmless text of the same shape)."""
    fillers = {"hostile": hostile_filler(), "short": short_filler(), "clean": benign_filler()}
    return {name: build(tmp_path_factory.mktemp(name), filler) for name, filler in fillers.items()}


@pytest.fixture(scope="session")
def hostile(sites: dict[str, Built]) -> Built:
    return sites["hostile"]


@pytest.fixture(scope="session")
def short(sites: dict[str, Built]) -> Built:
    return sites["short"]


@pytest.fixture(scope="session")
def clean(sites: dict[str, Built]) -> Built:
    return sites["clean"]


@pytest.fixture(scope="session")
def hostile_url(hostile: Built) -> Iterator[str]:
    yield from serve(hostile.site)


@pytest.fixture(scope="session")
def short_url(short: Built) -> Iterator[str]:
    yield from serve(short.site)


@pytest.fixture(scope="session")
def clean_url(clean: Built) -> Iterator[str]:
    yield from serve(clean.site)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()

"""mkdocs.yml reads the same to Mission Tracker as to MkDocs: the same `!ENV` values (MkDocs'
own tag), and an empty address (`SITE_URL=""`) is no address to both, so the site is built
with the default one, in the pages and in the configuration MkDocs is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load
from tests.conftest import FIXTURES, ROOT, copy_project, run_cli

from mission_tracker.read.config import DEFAULT_URL, read_config, read_site

CONFIG = ROOT / "mkdocs.yml"
SHIPPED = "https://mission-tracker.github.io/mission-tracker/"


@pytest.mark.parametrize(
    "value", [None, "", "https://example.org/tracker/", "https://example.org/t", "123", "true"]
)
def test_mkdocs_yml_reads_as_mkdocs_reads_it(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    with CONFIG.open("rb") as handle:
        theirs = yaml_load(handle)
    assert read_config(CONFIG) == theirs


def test_an_empty_site_url_is_no_address_to_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "")
    # MkDocs: no address at all.
    assert not load_config(str(CONFIG))["site_url"]
    # Mission Tracker: no address either, so the default one, as when site_url is left out.
    assert read_site(CONFIG).url == DEFAULT_URL
    monkeypatch.delenv("SITE_URL")
    assert read_site(CONFIG).url == SHIPPED == load_config(str(CONFIG))["site_url"]


def test_a_literal_empty_site_url_is_no_address(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text('site_name: T\nsite_url: ""\n', "utf-8")
    assert not load_config(str(config))["site_url"]
    assert read_site(config).url == DEFAULT_URL


def test_a_site_built_with_an_empty_site_url_uses_the_default_address(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", data=FIXTURES / "site" / "data")
    result = run_cli("site", "-q", cwd=project, env={"SITE_URL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    built = (project / ".mission-tracker" / "mkdocs.yml").read_text("utf-8")
    assert f"site_url: {DEFAULT_URL}\n" in built
    home = (project / "site" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{DEFAULT_URL}">' in home
    assert f'content="{DEFAULT_URL}assets/cards/home.png"' in home

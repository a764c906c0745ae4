"""The configuration MkDocs is given: the package's settings under the project's own, and a
navigation made from the data, so adding a mission never needs an edit to mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.read.config import Site
from mission_tracker.site.mkdocsconfig import effective_config

SITE = Site(name="Harbour Town", url="https://example.org/", organisation="Harbour Council")
MISSIONS = ["water", "housing", "transport"]  # in their declared order


def test_the_navigation_lists_the_missions_in_their_order(tmp_path: Path) -> None:
    config = effective_config(tmp_path, {"site_name": "Harbour Town"}, SITE, MISSIONS, ["about.md"])
    nav = config["nav"]
    assert nav[0] == {"Home": "index.md"}
    assert nav[1] == {
        "Missions": ["missions/water.md", "missions/housing.md", "missions/transport.md"]
    }
    assert nav[-1] == {"About": ["about.md", "accessibility.md"]}


def test_a_navigation_of_the_projects_own_may_stand_missions_for_every_mission(
    tmp_path: Path,
) -> None:
    user = {"nav": [{"Start": "index.md"}, {"Our missions": "missions/"}, "about.md"]}
    config = effective_config(tmp_path, user, SITE, MISSIONS, [])
    assert config["nav"] == [
        {"Start": "index.md"},
        {"Our missions": ["missions/water.md", "missions/housing.md", "missions/transport.md"]},
        "about.md",
    ]


def test_the_projects_settings_win_and_the_packages_fill_the_rest(tmp_path: Path) -> None:
    user = {
        "site_name": "Harbour Town",
        "theme": {"features": ["navigation.tabs"]},
        "extra_css": ["extra.css"],
        "extra": {"organisation": "Harbour Council"},
    }
    config = effective_config(tmp_path, user, SITE, MISSIONS, [])
    assert config["theme"]["name"] == "material"
    assert config["theme"]["features"] == ["navigation.tabs"]
    assert config["theme"]["language"] == "en"
    assert config["extra_css"] == ["assets/stylesheets/mission-tracker.css", "extra.css"]
    assert config["extra"] == {"generator": False, "organisation": "Harbour Council"}
    assert config["site_url"] == "https://example.org/"
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())


def test_the_page_language_follows_the_locale(tmp_path: Path) -> None:
    french = Site(name="Port", url="https://example.org/", locale="fr_FR")
    config = effective_config(tmp_path, {}, french, MISSIONS, [])
    assert config["theme"]["language"] == "fr"

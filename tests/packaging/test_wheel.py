"""The package as another organisation gets it: the sdist and wheel built from a copy of this
repository and checked as PyPI checks them; the wheel installed in a fresh virtual environment
outside the repository, with its dependencies from the lock (each checked against its hash);
then `mission-tracker init`, `check`, `new` and `site` run there, in an empty folder, with
nothing of this repository on the path, and the site they build audited with axe-core.

Slow (a minute or two: the install, and a site built with its charts rendered), so everything
is done once, in module-scoped fixtures, and shared by the tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from tests.browser.audit import MODES, audit, report, site_pages
from tests.browser.conftest import AXE, CHROMIUM_FLAGS, chromium_path, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.packaging

LOCK = ROOT / "requirements" / "lock.txt"
PACKAGE = ROOT / "src" / "mission_tracker"
# Folders of files that are not Python, which the built site needs from the package.
DATA_FOLDERS = ("site/theme", "site/templates", "site/locale", "project/files", "charts/fonts")
NAME = "Harbour Town missions"
ORGANISATION = "Example Harbour Council"
LICENCE_NAME = "Creative Commons Attribution 4.0"  # the terms' full name for CC-BY-4.0


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path
    version: str


@dataclass(frozen=True)
class Project:
    root: Path  # the folder `init` wrote, in an otherwise empty folder
    env: dict[str, str]  # the fresh environment's, with nothing of this repository
    outputs: dict[str, subprocess.CompletedProcess[str]]  # each command's result, by name


def outside_the_repository(path: Path) -> Path:
    assert ROOT not in path.resolve().parents, f"{path} is inside the repository"
    return path


def copy_of_the_repository(dest: Path) -> Path:
    """Every file git would commit (tracked, or new and not ignored), as it is on disk."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """The sdist and wheel, as the release workflow builds them (`make dist`): with the locked
    setuptools, the wheel made from the sdist."""
    copy = copy_of_the_repository(tmp_path_factory.mktemp("repository"))
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    version = wheel.name.split("-")[1]
    return Dist(wheel=wheel, sdist=sdist, version=version)


def lock_entries() -> dict[str, str]:
    """The lock's entries (a pin and its hashes), by package name."""
    entries: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8")):
        if block[:1].isalnum():
            name = re.split(r"[=\s\[]", block, maxsplit=1)[0]
            entries[canonicalize_name(name)] = block.strip() + "\n"
    return entries


def requirements(dist_metadata: metadata.PackageMetadata | list[str] | None) -> list[str]:
    """The names of what a package requires here (no extras), from its Requires-Dist."""
    found = []
    for text in dist_metadata or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.append(canonicalize_name(requirement.name))
    return found


def runtime_closure(wheel: Path) -> set[str]:
    """What the wheel needs, transitively: its own Requires-Dist, then each dependency's as
    installed here (from the same lock)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        own = Parser().parsestr(archive.read(name).decode("utf-8")).get_all("Requires-Dist")
    todo, found = requirements(own), set()
    while todo:
        package = todo.pop()
        if package in found:
            continue
        found.add(package)
        todo += requirements(metadata.requires(package))
    return found


def fresh_env(bin_dir: Path) -> dict[str, str]:
    """This process's environment, less anything that points into the repository or its venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "MISSION_TRACKER_CACHE"}
    }
    path = [p for p in env.get("PATH", "").split(os.pathsep) if str(ROOT) not in p]
    env["PATH"] = os.pathsep.join([str(bin_dir), *path])
    return env


def run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the repository with the wheel installed: its
    dependencies from the lock, with hashes and nothing else (--no-deps), so `pip check`
    proves the wheel's declared dependencies are complete."""
    home = outside_the_repository(tmp_path_factory.mktemp("venv"))
    venv.EnvBuilder(with_pip=True, clear=True).create(home)
    python = home / "bin" / "python"
    closure = runtime_closure(dist.wheel)
    entries = lock_entries()
    missing = closure - set(entries)
    assert not missing, f"not in {LOCK.name}: {sorted(missing)}"
    subset = home / "runtime-lock.txt"
    subset.write_text("".join(entries[name] for name in sorted(closure)), "utf-8")
    env = fresh_env(home / "bin")
    for args in (
        ["-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", str(subset)],
        ["-m", "pip", "install", "--quiet", "--no-deps", str(dist.wheel)],
        ["-m", "pip", "check"],
    ):
        result = run([str(python), *args], cwd=home, env=env)
        assert result.returncode == 0, f"pip {args[2]}: {result.stdout}{result.stderr}"
    return home


@pytest.fixture(scope="module")
def project(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A new organisation's tracker: init, check, new (then check again), site."""
    work = outside_the_repository(tmp_path_factory.mktemp("empty"))
    env = fresh_env(installed / "bin")
    cli = str(installed / "bin" / "mission-tracker")
    outputs: dict[str, subprocess.CompletedProcess[str]] = {}
    outputs["version"] = run([cli, "--version"], cwd=work, env=env)
    outputs["init"] = run(
        [
            *(cli, "init", "mysite"),
            *("--name", NAME),
            *("--organisation", ORGANISATION),
            *("--locale", "fr_FR"),
            *("--licence", "CC-BY-4.0"),
        ],
        cwd=work,
        env=env,
    )
    assert outputs["init"].returncode == 0, outputs["init"].stderr
    root = work / "mysite"
    outputs["check"] = run([cli, "check"], cwd=root, env=env)
    outputs["new"] = run([cli, "new", "some-indicator", "--mission", "example"], cwd=root, env=env)
    outputs["check-new"] = run([cli, "check"], cwd=root, env=env)
    # The new indicator is a form to fill in; the site is built from init's example alone.
    for suffix in (".csv", ".yml"):
        (root / "data" / "indicators" / f"some-indicator{suffix}").unlink()
    outputs["site"] = run([cli, "site"], cwd=root, env=env)
    return Project(root=root, env=env, outputs=outputs)


def test_the_distributions_pass_twine_check(dist: Dist) -> None:
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist.wheel), str(dist.sdist)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == 2


def test_the_version_has_one_source(dist: Dist) -> None:
    text = (PACKAGE / "__init__.py").read_text("utf-8")
    (source,) = re.findall(r'^__version__ = "([^"]+)"$', text, re.M)
    assert dist.version == source
    assert dist.sdist.name == f"mission_tracker-{source}.tar.gz"
    assert f"## {source} - " in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_the_wheel_carries_every_data_file_and_no_tests(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as archive:
        names = set(archive.namelist())
    for folder in DATA_FOLDERS:
        expected = {
            "mission_tracker/" + p.relative_to(PACKAGE).as_posix()
            for p in (PACKAGE / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert expected, folder
        assert expected <= names, f"{folder}: missing {sorted(expected - names)}"
    assert "mission_tracker/site/theme/overrides/main.html" in names
    assert "mission_tracker/py.typed" in names
    tops = {n.split("/")[0] for n in names}
    assert tops == {"mission_tracker", f"mission_tracker-{dist.version}.dist-info"}
    tests = [n for n in names if re.search(r"(^|/)(tests?|conftest\.py$|test_[^/]*\.py$)", n)]
    assert tests == []
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_the_installed_command_is_the_wheel(dist: Dist, project: Project) -> None:
    version = project.outputs["version"]
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"mission-tracker {dist.version}"
    python = Path(project.env["PATH"].split(os.pathsep)[0]) / "python"
    where = run(
        [str(python), "-c", "import mission_tracker; print(mission_tracker.__file__)"],
        cwd=project.root,
        env=project.env,
    )
    location = Path(where.stdout.strip())
    assert "site-packages" in location.parts
    assert ROOT not in location.parents


def test_init_writes_a_project_that_checks_clean(dist: Dist, project: Project) -> None:
    init = project.outputs["init"]
    assert init.stdout.startswith("Wrote 13 files into mysite. Next:"), init.stdout
    requirements = (project.root / "requirements.txt").read_text("utf-8").splitlines()
    assert f"mission-tracker=={dist.version}" in requirements
    check = project.outputs["check"]
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.rstrip().endswith("No problems."), check.stdout
    assert "1 mission, 1 indicator, 3 rows" in check.stdout


def test_a_new_indicator_is_a_form_that_check_stops(project: Project) -> None:
    new = project.outputs["new"]
    assert new.returncode == 0, new.stderr
    assert "Fill in every field marked TODO" in new.stdout
    check = project.outputs["check-new"]
    assert check.returncode == 1
    said = check.stdout + check.stderr
    problems = [ln for ln in said.splitlines() if re.match(r"\S+:\d+:\d+: ", ln)]
    # The empty CSV stops it, and so does every TODO the editor has still to write.
    assert problems[0] == (
        "data/indicators/some-indicator.csv:1:1: the file has a header but no rows; "
        "add one row per period under it"
    ), said
    placeholders = problems[1:]
    assert len(placeholders) == 7, said
    assert all(
        ln.startswith("data/indicators/some-indicator.yml:")
        and "the placeholder `mission-tracker new` wrote" in ln
        for ln in placeholders
    ), said
    assert "8 problems in 2 files." in said


def site_pages_html(project: Project) -> dict[str, str]:
    site = project.root / "site"
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_the_site_is_the_organisations(project: Project) -> None:
    built = project.outputs["site"]
    assert built.returncode == 0, built.stdout + built.stderr
    pages = site_pages_html(project)
    assert {"index.html", "about/index.html", "404.html"} <= set(pages)
    assert "indicators/example/index.html" in pages and "missions/example/index.html" in pages
    for name, html in pages.items():
        if name.endswith("embed/index.html"):
            continue  # an embed is a fragment for other sites, with a page of its own: below
        assert re.search(r'<html lang="fr"[ >]', html), f"{name}: not lang=fr"
        assert f"Data: {ORGANISATION}, {LICENCE_NAME}, unless stated." in html, name
        (title,) = re.findall(r"<title>([^<]*)</title>", html)
        assert title == NAME or title.endswith(f" - {NAME}"), f"{name}: {title}"
    assert f"{NAME} is published by {ORGANISATION}." in " ".join(
        re.sub(r"<[^>]+>", " ", pages["about/index.html"]).split()
    )
    indicator = pages["indicators/example/index.html"]
    assert f"{LICENCE_NAME} International licence." in indicator
    assert "Open Government Licence" not in indicator


def test_the_home_page_is_about_the_missions_there_are(project: Project) -> None:
    home = site_pages_html(project)["index.html"]
    text = " ".join(re.sub(r"<[^>]+>", " ", home).split())
    for wrong in ("five missions", "1 missions"):
        assert wrong not in text
    assert "Example mission" in text  # the one mission there is, by name


def test_an_embed_is_in_the_sites_language(project: Project) -> None:
    embed = site_pages_html(project)["indicators/example/embed/index.html"]
    assert f"{LICENCE_NAME} International licence." in embed
    assert re.search(r'<html lang="fr"[ >]', embed)


@pytest.fixture(scope="module")
def served(project: Project) -> Iterator[str]:
    yield from serve(project.root / "site")


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_in_any_mode(project: Project, served: str) -> None:
    assert project.outputs["site"].returncode == 0
    pages = site_pages(project.root / "site")
    assert "" in pages and "indicators/example/" in pages
    found = []
    for mode in MODES:
        violations, problems = audit(chromium_path(), CHROMIUM_FLAGS, AXE, served, pages, mode)
        if violations or problems:
            found.append(f"{len(pages)} pages, {mode}:\n" + report(violations, problems))
    assert not found, "\n".join(found)


def test_the_readme_gives_these_commands() -> None:
    """The README's three commands for a new organisation are the ones run here, after its two
    for this repository."""
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    lines = [ln.split("#")[0].strip() for block in blocks for ln in block.splitlines()]
    assert lines[:2] == ["make site", "make test"]
    for command in ("pip install mission-tracker", "mission-tracker init mysite"):
        assert command in lines
    assert "cd mysite && mission-tracker site" in lines

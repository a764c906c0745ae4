"""requirements/lock.txt, which `make install` and CI install from: every package pinned with
its hashes, made by `make lock` from pyproject.toml (so not out of date with it), nothing of
this machine in it, and what is installed here is what it pins."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
ENTRY = re.compile(r"^([A-Za-z0-9][\w.-]*)==(\S+) \\$")


def pins() -> dict[str, str]:
    found = {}
    for line in LOCK.read_text("utf-8").splitlines():
        if m := ENTRY.match(line):
            found[canonicalize_name(m[1])] = m[2]
    return found


def test_every_package_is_pinned_with_its_hashes() -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8"))
    entries = [b for b in blocks if b[:1].isalnum()]
    assert len(entries) == len(pins()) > 50
    for block in entries:
        first = block.splitlines()[0]
        assert ENTRY.match(first), f"not pinned with ==: {first}"
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})\b", block)
        assert hashes, f"no hash: {first}"


def test_the_lock_holds_every_declared_dependency_in_its_range() -> None:
    project = PYPROJECT["project"]
    declared = [
        *project["dependencies"],
        *project["optional-dependencies"]["test"],
        *PYPROJECT["build-system"]["requires"],
    ]
    locked = pins()
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in the lock: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} is outside {requirement.specifier}: run `make lock`"
        )


def test_the_lock_is_made_by_make_lock_and_names_nothing_of_this_machine() -> None:
    text = LOCK.read_text("utf-8")
    (command,) = re.findall(r"^#    (pip-compile .*)$", text, re.M)
    options = PYPROJECT["tool"]["pip-tools"]
    words = command.split()
    assert words[-1] == "pyproject.toml"
    assert f"--output-file={options['output-file']}" in words
    assert f"--extra={options['extra'][0]}" in words
    for flag, value in options.items():
        if value is True:
            assert f"--{flag}" in words, flag
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "pip-compile --quiet --upgrade pyproject.toml" in makefile
    for local in ("file://", "/opt/", "/tmp/", "--index-url", "--find-links", str(ROOT)):
        assert local not in text, local


def test_what_is_installed_here_is_what_the_lock_pins() -> None:
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {
        name: (version, installed.get(name))
        for name, version in pins().items()
        if installed.get(name) != version
    }
    assert differ == {}, "run `make install`: (locked, installed) " + repr(differ)

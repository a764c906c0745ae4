"""What each subcommand does: calls the library, prints what happened, returns the exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mission_tracker.model.problems import Problem, Severity, errors
from mission_tracker.model.progress import Progress, quiet

if TYPE_CHECKING:
    from mission_tracker.build import BuildOptions

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _say(args: argparse.Namespace, text: str) -> None:
    """What went well, on standard output; `-q` leaves it out (problems are always printed)."""
    if args.verbosity >= 0:
        print(text)


def cmd_check(args: argparse.Namespace) -> int:
    from mission_tracker.analyse.messages import counted
    from mission_tracker.analyse.numbers import format_count
    from mission_tracker.check.project import check_project

    root: Path = args.root
    if not (root / "data").is_dir():
        print(
            f"mission-tracker check: there is no data folder in {root}; run it in the project "
            "folder, or give the project folder with --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result = check_project(root)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    _print_problems(result.problems, github=fmt == "github")
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    rows = result.rows
    if errors:
        files = len({p.path for p in errors})
        print(
            f"{counted(len(errors), 'problem')} in {counted(files, 'file')}. "
            f"{counted(rows.read, 'row')} read: {format_count(rows.loaded)} loaded, "
            f"{format_count(rows.rejected)} rejected.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    notes = len(result.problems)
    _say(
        args,
        f"All data checked: {counted(len(result.dataset.missions), 'mission')}, "
        f"{counted(len(result.dataset.indicators), 'indicator')}, {counted(rows.loaded, 'row')}. "
        "No problems" + (f"; {counted(notes, 'note')} above." if notes else "."),
    )
    return EXIT_OK


def _print_problems(problems: list[Problem], *, github: bool) -> None:
    for problem in sorted(problems):
        print(problem.format(), file=sys.stderr)
        if github:
            # Annotations go to stdout, where the Actions runner reads workflow commands.
            print(problem.format_github())


def _build_options(args: argparse.Namespace, *, site: bool) -> BuildOptions:
    """Build options from the command line and the environment (read here, and only here)."""
    from mission_tracker.build import BuildOptions

    cache_env = os.environ.get("MISSION_TRACKER_CACHE")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return BuildOptions(
        root=args.root,
        cache=Path(cache_env) if cache_env else None,
        use_cache=not args.no_cache,
        prune_cache=not args.keep_cache,
        workers=args.workers,
        site=site,
        site_dir=getattr(args, "site_dir", None),
        builder=getattr(args, "builder", "mkdocs"),
        # SOURCE_DATE_EPOCH is the reproducible-builds convention for pinning "now".
        source_date=datetime.fromtimestamp(int(epoch), UTC).date() if epoch.isdigit() else None,
        progress=_progress(args),
    )


def _progress(args: argparse.Namespace) -> Progress:
    terminal = sys.stderr.isatty()
    if args.verbosity < 0 or not (terminal or args.verbosity > 0):
        return quiet
    return _Ticker(terminal)


class _Ticker:
    """Progress on long work. On a terminal, one line redrawn at most a few times a second;
    elsewhere (`-v` in a CI log), a line every few seconds and one when each stage ends."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.every = 0.2 if terminal else 5.0
        self.shown = 0.0
        self.width = 0

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < self.every:
            return
        self.shown = now
        line = f"{what}: {done:,} of {total:,}"
        if not self.terminal:
            print(line, file=sys.stderr, flush=True)
            return
        sys.stderr.write("\r" + line.ljust(self.width) + ("\n" if done >= total else ""))
        sys.stderr.flush()
        self.width = 0 if done >= total else len(line)


def _run_build(args: argparse.Namespace, *, site: bool) -> int:
    from mission_tracker.build import build_project

    report = build_project(_build_options(args, site=site))
    if report.problems and not report.ok:
        _print_problems(report.problems, github=os.environ.get("GITHUB_ACTIONS") == "true")
    if report.problems and errors(report.problems):
        print(
            "Build stopped: fix the problems above (nothing was written). "
            "Run `mission-tracker check` to see them again.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if report.write_error is not None:
        # Before the summary, whose counts would describe a write that stopped half way.
        print(f"mission-tracker: {report.write_error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if report.up_to_date:
        _say(
            args,
            f"Nothing changed since the last build: the {report.files} generated files in "
            f"docs/ are up to date; {report.generate_seconds:.1f}s.",
        )
    else:
        stats = report.written
        _say(
            args,
            f"Generated {report.files} files into docs/ ({stats.written} written, "
            f"{stats.unchanged} unchanged, {stats.removed} removed); charts: {report.rendered} "
            f"rendered, {report.from_cache} from cache; {report.generate_seconds:.1f}s.",
        )
    if report.cache_warning:
        print(
            f"note: the cache could not be written ({report.cache_warning}); the build went on "
            "without it.",
            file=sys.stderr,
        )
    if report.site_error is not None:
        print(report.site_error, file=sys.stderr)
        print(
            f"{_builder(args)} build failed; {report.site_dir} was left as it was.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if report.site_dir is not None:
        _say(
            args,
            f"Built the site into {report.site_dir} with {_builder(args)} build --strict in "
            f"{report.site_seconds:.1f}s.",
        )
    return EXIT_OK


def _builder(args: argparse.Namespace) -> str:
    return str(getattr(args, "builder", "mkdocs"))


def cmd_build(args: argparse.Namespace) -> int:
    return _run_build(args, site=False)


def cmd_site(args: argparse.Namespace) -> int:
    return _run_build(args, site=True)


def cmd_init(args: argparse.Namespace) -> int:
    from mission_tracker.project.init import InitError, InitOptions, init_project

    defaults = InitOptions()
    asked = sys.stdin.isatty() and sys.stdout.isatty()
    values = {}
    for key, question in (
        ("name", "Site name"),
        ("organisation", "Organisation"),
        ("locale", "Locale"),
        ("licence", "Data licence"),
        ("site_url", "Address it will be published at"),
    ):
        given = getattr(args, key)
        if given is None and asked:
            default = getattr(defaults, key)
            given = input(f"{question} [{default}]: ").strip() or None
        if given is not None:
            values[key] = given
    try:
        written = init_project(args.dir, InitOptions(**values, force=args.force))
    except InitError as exc:
        print(f"mission-tracker init: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say(args, f"Wrote {len(written)} files into {args.dir}. Next:")
    _say(args, f"  cd {args.dir}")
    _say(args, "  mission-tracker site    # builds the site into site/")
    _say(args, "Then replace the example mission and indicator in data/ with your own.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from mission_tracker.check.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(args.root / "data", args.id, args.mission)
    except ScaffoldError as exc:
        print(f"mission-tracker new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        _say(args, f"Wrote {path}")
    _say(args, "Fill in every field marked TODO, then run `mission-tracker check`.")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from mission_tracker.check.schema import schema_files

    root: Path = args.root
    stale = []
    for rel, text in schema_files().items():
        path = root / rel
        current = path.read_text("utf-8") if path.is_file() else None
        if current != text:
            stale.append(rel)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
    if args.check and stale:
        print(
            "Out of date: " + ", ".join(stale) + ". Run `mission-tracker schema` to update.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    _say(args, "Schemas are up to date." if not stale else "Wrote " + ", ".join(stale))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from mission_tracker.review.fromgit import diff_with_git
    from mission_tracker.review.gitdata import GitError
    from mission_tracker.review.summary import render_review

    if args.head is None and not (args.root / "data").is_dir():
        # Otherwise every indicator would be reported as removed.
        print(
            f"mission-tracker diff: there is no data folder in {args.root}; run it in the project "
            "folder, or give the project folder with --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        summary = render_review(diff_with_git(args.root, args.base, args.head))
    except GitError as exc:
        print(f"mission-tracker diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None:
        print(summary, end="")
        return EXIT_OK
    try:
        # Appending, because GitHub's step summary file may already hold other steps' output.
        with args.output.open("a", encoding="utf-8") as out:
            out.write(summary)
    except OSError as exc:
        print(f"mission-tracker diff: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    _say(args, f"Wrote the review summary to {args.output}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from mission_tracker.importers.opensdg.report import summary_text
    from mission_tracker.importers.opensdg.run import (
        ImportOptions,
        ImportUsageError,
        import_open_sdg,
    )

    project, check = args.into or args.root, not args.no_check
    options = ImportOptions(
        args.source, project, args.missions, args.report, args.retrieved, args.copy_of, check
    )
    try:
        result = import_open_sdg(options)
    except ImportUsageError as exc:
        print(f"mission-tracker import open-sdg: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say(args, summary_text(result))
    checked = result.check is None or not errors(result.check)
    return EXIT_OK if result.complete and checked else EXIT_PROBLEMS

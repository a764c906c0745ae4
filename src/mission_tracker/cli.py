"""The command line: parses arguments, calls the library, prints, exits. Nothing else prints.

Exit codes: 0 success; 1 problems found in the data, a failed site build, or a machine that
cannot do it (a full disk, a folder that cannot be written: the message says what to do);
2 usage error; 3 an internal error (a bug: the message says where to report it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mission_tracker import __version__
from mission_tracker.model.problems import Problem, Severity, errors
from mission_tracker.model.progress import quiet
from mission_tracker.write import explain

if TYPE_CHECKING:
    from mission_tracker.build import BuildOptions

REPORT_URL = "https://github.com/mission-tracker/mission-tracker/issues"
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # The machine, not the data or the code: a full disk, a folder that cannot be written.
        print(f"mission-tracker: {explain(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # the one place a traceback is caught: it is a bug, not bad data
        detail = "".join(traceback.format_exception(exc)[-3:])
        print(
            f"mission-tracker: internal error: {type(exc).__name__}: {exc}\n"
            f"This is a bug in Mission Tracker, not a problem with your files. Please report it "
            f"at {REPORT_URL} with this message:\n{detail}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-tracker",
        description="Check mission and indicator data, and build the Mission Tracker site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="project folder (default: current folder)"
    )
    sub = parser.add_subparsers(dest="command", metavar="command")

    check = sub.add_parser("check", help="check every data file and report every problem")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default=None,
        help="output format (default: text, plus GitHub annotations when run on GitHub Actions)",
    )
    check.set_defaults(run=cmd_check)

    build = sub.add_parser("build", help="generate pages, charts and downloads into docs/")
    _build_arguments(build)
    build.set_defaults(run=cmd_build)

    site = sub.add_parser("site", help="build, then run `mkdocs build --strict` into site/")
    _build_arguments(site)
    site.add_argument("--site-dir", type=Path, default=None, help="output folder (default site)")
    site.set_defaults(run=cmd_site)

    new = sub.add_parser("new", help="scaffold a new indicator (CSV and commented YAML)")
    new.add_argument("id", help="the new indicator's id, e.g. knife-crime-offences")
    new.add_argument("--mission", required=True, help="the id of its mission")
    new.set_defaults(run=cmd_new)

    schema = sub.add_parser("schema", help="write the JSON Schemas for the YAML files")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schema.set_defaults(run=cmd_schema)

    diff = sub.add_parser(
        "diff", help="summarise what a change does to each indicator (the review summary)"
    )
    diff.add_argument("--base", required=True, help="git branch, tag or commit to compare with")
    diff.add_argument(
        "--head", default=None, help="git ref to compare (default: the data/ folder as it is now)"
    )
    diff.add_argument(
        "--output", type=Path, default=None, help="append the summary to this file instead"
    )
    diff.set_defaults(run=cmd_diff)
    _import_arguments(sub)
    return parser


def _import_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`mission-tracker import open-sdg SRC`: another format's data -> this project's."""

    def day(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None

    formats = sub.add_parser(
        "import", help="import another format's data (Open SDG) into data/"
    ).add_subparsers(dest="format", metavar="format", required=True)
    opensdg = formats.add_parser(
        "open-sdg",
        help="an Open SDG data repository (data/, meta/): one indicator per Open SDG indicator",
    )
    opensdg.add_argument("source", type=Path, metavar="SRC", help="the Open SDG repository")
    for flag, kind, text in (
        ("--into", Path, "project folder (default: --root, or here)"),
        ("--missions", Path, "YAML file of missions and their indicators (default: by SDG goal)"),
        ("--report", Path, "report file (default: PROJECT/import-report.md)"),
        ("--retrieved", day, "the day the copy was taken, YYYY-MM-DD (default: its commit's)"),
        ("--copy-of", str, "where the copy was taken from, e.g. the repository and commit"),
    ):
        opensdg.add_argument(flag, type=kind, default=None, help=text)
    opensdg.add_argument("--no-check", action="store_true", help="do not run `check` afterwards")
    opensdg.set_defaults(run=cmd_import)


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, default=None, help="render processes")
    parser.add_argument("--no-cache", action="store_true", help="render every chart afresh")
    parser.add_argument(
        "--keep-cache", action="store_true", help="keep cache entries this build did not use"
    )


# -- commands -------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
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
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}. {rows.read} rows read: {rows.loaded} loaded, "
            f"{rows.rejected} rejected.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    notes = len(result.problems)
    print(
        f"All data checked: {len(result.dataset.missions)} missions, "
        f"{len(result.dataset.indicators)} indicators, {rows.loaded} rows. No problems"
        + (f"; {notes} note{'s' if notes != 1 else ''} above." if notes else ".")
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
        # SOURCE_DATE_EPOCH is the reproducible-builds convention for pinning "now".
        source_date=datetime.fromtimestamp(int(epoch), UTC).date() if epoch.isdigit() else None,
        progress=_Ticker() if sys.stderr.isatty() else quiet,
    )


class _Ticker:
    """Progress on one line of a terminal, redrawn at most a few times a second."""

    def __init__(self) -> None:
        self.shown = 0.0
        self.width = 0

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 0.2:
            return
        self.shown = now
        line = f"{what}: {done:,} of {total:,}"
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
        print(
            f"Nothing changed since the last build: the {report.files} generated files in "
            f"docs/ are up to date; {report.generate_seconds:.1f}s."
        )
    else:
        stats = report.written
        print(
            f"Generated {report.files} files into docs/ ({stats.written} written, "
            f"{stats.unchanged} unchanged, {stats.removed} removed); charts: {report.rendered} "
            f"rendered, {report.from_cache} from cache; {report.generate_seconds:.1f}s."
        )
    if report.cache_warning:
        print(
            f"note: the cache could not be written ({report.cache_warning}); the build went on "
            "without it.",
            file=sys.stderr,
        )
    if report.site_error is not None:
        print(report.site_error, file=sys.stderr)
        print(f"mkdocs build failed; {report.site_dir} was left as it was.", file=sys.stderr)
        return EXIT_PROBLEMS
    if report.site_dir is not None:
        print(
            f"Built the site into {report.site_dir} with mkdocs build --strict in "
            f"{report.site_seconds:.1f}s."
        )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    return _run_build(args, site=False)


def cmd_site(args: argparse.Namespace) -> int:
    return _run_build(args, site=True)


def cmd_new(args: argparse.Namespace) -> int:
    from mission_tracker.check.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(args.root / "data", args.id, args.mission)
    except ScaffoldError as exc:
        print(f"mission-tracker new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"Wrote {path}")
    print("Fill in every field marked TODO, then run `mission-tracker check`.")
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
    print("Schemas are up to date." if not stale else "Wrote " + ", ".join(stale))
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
    print(f"Wrote the review summary to {args.output}.")
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
    print(summary_text(result))
    checked = result.check is None or not errors(result.check)
    return EXIT_OK if result.complete and checked else EXIT_PROBLEMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

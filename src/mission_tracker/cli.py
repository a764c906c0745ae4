"""The command line: parses arguments, calls the library, prints, exits. Nothing else prints.

Exit codes: 0 success, 1 problems found in the data (or a failed site build), 2 usage error,
3 an internal error (a bug: the message says where to report it).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from mission_tracker import __version__
from mission_tracker.model.problems import Problem, Severity

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
    build.add_argument("--workers", type=int, default=None, help="render processes")
    build.add_argument("--no-cache", action="store_true", help="render every chart afresh")
    build.set_defaults(run=cmd_build)

    site = sub.add_parser("site", help="build, then run `mkdocs build --strict` into site/")
    site.add_argument("--workers", type=int, default=None, help="render processes")
    site.add_argument("--no-cache", action="store_true", help="render every chart afresh")
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
    return parser


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


def _generate(args: argparse.Namespace) -> tuple[int, date | None]:
    """Generate into docs/; (exit code, the build's date)."""
    from mission_tracker.cache import uptodate
    from mission_tracker.read.config import read_site
    from mission_tracker.write import GENERATED

    root: Path = args.root
    started = time.perf_counter()
    cache_env = os.environ.get("MISSION_TRACKER_CACHE")
    cache = (
        None
        if args.no_cache
        else (Path(cache_env) if cache_env else root / ".mission-tracker" / "cache")
    )
    site = read_site(root / "mkdocs.yml")
    fixtures = root / "tests" / "fixtures" / "problems"
    record = root / ".mission-tracker" / "last-build.json"
    inputs = uptodate.inputs_digest(root, site, fixtures)
    last = None if cache is None else uptodate.up_to_date(record, inputs, root / "docs", GENERATED)
    if last is not None:
        print(
            f"Nothing changed since the last build: the {len(last.files)} generated files in "
            f"docs/ are up to date; {time.perf_counter() - started:.1f}s."
        )
        return EXIT_OK, date.fromisoformat(last.data_date)

    from mission_tracker.build import data_date, generate
    from mission_tracker.charts.render import Renderer
    from mission_tracker.write import write_tree

    renderer = Renderer(cache, workers=args.workers)
    result = generate(root / "data", site, renderer, fixtures)
    if not result.ok:
        _print_problems(result.problems, github=os.environ.get("GITHUB_ACTIONS") == "true")
        print(
            "Build stopped: fix the problems above (nothing was written). "
            "Run `mission-tracker check` to see them again.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS, None
    assert result.dataset is not None
    day = data_date(result.dataset)
    uptodate.forget(record)
    stats = write_tree(root / "docs", result.files, GENERATED)
    uptodate.remember(record, inputs, root / "docs", result.files, day.isoformat())
    print(
        f"Generated {len(result.files)} files into docs/ ({stats.written} written, "
        f"{stats.unchanged} unchanged, {stats.removed} removed); charts: {result.rendered} "
        f"rendered, {result.cached} from cache; {time.perf_counter() - started:.1f}s."
    )
    return EXIT_OK, day


def cmd_build(args: argparse.Namespace) -> int:
    code, _ = _generate(args)
    return code


def cmd_site(args: argparse.Namespace) -> int:
    from mission_tracker.write import replace_dir

    code, day = _generate(args)
    if code != EXIT_OK or day is None:
        return code
    root: Path = args.root
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # MkDocs stamps the sitemap and its gzip with the build time; pin it to the data.
        os.environ["SOURCE_DATE_EPOCH"] = str(
            int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        )
    target = args.site_dir or (root / "site")
    started = time.perf_counter()
    tmp = Path(
        tempfile.mkdtemp(prefix=".site-", dir=target.parent if target.parent.exists() else root)
    )
    ok = mkdocs_build(root / "mkdocs.yml", tmp)
    if not ok:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        print(f"mkdocs build failed; {target} was left as it was.", file=sys.stderr)
        return EXIT_PROBLEMS
    replace_dir(tmp, target)
    print(
        f"Built the site into {target} with mkdocs build --strict in "
        f"{time.perf_counter() - started:.1f}s."
    )
    return EXIT_OK


def mkdocs_build(config_file: Path, site_dir: Path) -> bool:
    """`mkdocs build --strict` in this process (saves starting a second Python)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        return False
    finally:
        logger.removeHandler(handler)
    return True


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
    from mission_tracker.review.diff import GitError, diff_with_git
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

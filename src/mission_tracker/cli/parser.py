"""The command line's arguments: every subcommand, its options and their help."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from mission_tracker import __version__
from mission_tracker.cli.commands import (
    cmd_build,
    cmd_check,
    cmd_diff,
    cmd_import,
    cmd_init,
    cmd_new,
    cmd_schema,
    cmd_site,
)


def _common(*, defaults: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name (`mission-tracker --root X
    check` and `mission-tracker check --root X`). After the name they have no default, so one
    given before it is not overwritten."""
    common = argparse.ArgumentParser(add_help=False)
    kept: dict[str, Any] = {} if defaults else {"default": argparse.SUPPRESS}
    common.add_argument(
        "--root",
        type=Path,
        help="project folder (default: current folder)",
        **({"default": Path(".")} if defaults else kept),
    )
    loud = common.add_mutually_exclusive_group()
    loud.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=-1,
        help="print only problems",
        **({"default": 0} if defaults else kept),
    )
    loud.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=1,
        help="print more: progress even when not on a terminal",
        **kept,
    )
    return common


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes from 1 to 256")
    return value


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-tracker",
        description="Check mission and indicator data, and build the Mission Tracker site.",
        parents=[_common(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = _common(defaults=False)
    sub = parser.add_subparsers(dest="command", metavar="command")

    check = sub.add_parser(
        "check", parents=[common], help="check every data file and report every problem"
    )
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default=None,
        help="output format (default: text, plus GitHub annotations when run on GitHub Actions)",
    )
    check.set_defaults(run=cmd_check)

    build = sub.add_parser(
        "build", parents=[common], help="generate pages, charts and downloads into docs/"
    )
    _build_arguments(build)
    build.set_defaults(run=cmd_build)

    site = sub.add_parser(
        "site", parents=[common], help="build, then build the site into site/ (MkDocs or Zensical)"
    )
    _build_arguments(site)
    site.add_argument("--site-dir", type=Path, default=None, help="output folder (default site)")
    site.add_argument(
        "--builder",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="what builds the site: mkdocs (the default) or zensical (pip install "
        "'mission-tracker[zensical]')",
    )
    site.set_defaults(run=cmd_site)

    init = sub.add_parser(
        "init", parents=[common], help="start a new tracker: settings, example data, workflows"
    )
    init.add_argument("dir", type=Path, help="the folder to start it in (made if missing)")
    for flag, text in (
        ("--name", "the site's name (default: Our missions)"),
        ("--organisation", "who publishes it, e.g. Example Regional Council"),
        ("--locale", "how numbers and dates are written, e.g. en_GB, fr_FR (default en_GB)"),
        ("--licence", "the data's licence, e.g. CC-BY-4.0 (the default) or OGL-3.0"),
        ("--site-url", "the address it will be published at"),
    ):
        init.add_argument(flag, default=None, help=text)
    init.add_argument("--force", action="store_true", help="replace files that exist")
    init.set_defaults(run=cmd_init)

    new = sub.add_parser(
        "new", parents=[common], help="scaffold a new indicator (CSV and commented YAML)"
    )
    new.add_argument("id", help="the new indicator's id, e.g. knife-crime-offences")
    new.add_argument("--mission", required=True, help="the id of its mission")
    new.set_defaults(run=cmd_new)

    schema = sub.add_parser(
        "schema", parents=[common], help="write the JSON Schemas for the YAML files"
    )
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schema.set_defaults(run=cmd_schema)

    diff = sub.add_parser(
        "diff",
        parents=[common],
        help="summarise what a change does to each indicator (the review summary)",
    )
    diff.add_argument("--base", required=True, help="git branch, tag or commit to compare with")
    diff.add_argument(
        "--head", default=None, help="git ref to compare (default: the data/ folder as it is now)"
    )
    diff.add_argument(
        "--output", type=Path, default=None, help="append the summary to this file instead"
    )
    diff.set_defaults(run=cmd_diff)
    _import_arguments(sub, common)
    return parser


def _import_arguments(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """`mission-tracker import open-sdg SRC`: another format's data -> this project's."""

    def day(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None

    formats = sub.add_parser(
        "import", parents=[common], help="import another format's data (Open SDG) into data/"
    ).add_subparsers(dest="format", metavar="format", required=True)
    opensdg = formats.add_parser(
        "open-sdg",
        parents=[common],
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
    parser.add_argument("--workers", type=_workers, default=None, help="render processes")
    parser.add_argument("--no-cache", action="store_true", help="render every chart afresh")
    parser.add_argument(
        "--keep-cache", action="store_true", help="keep cache entries this build did not use"
    )

"""The Jinja environment the pages are written with, and the small formatting helpers that
templates and page builders share."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
import yaml

from mission_tracker.analyse.facts import Progress, Trend

TREND_ICONS = {
    Trend.LITTLE_CHANGE: "=",
    Trend.NOT_JUDGED: "◇",
    Trend.NOT_ASSESSED: "○",
}
PROGRESS_ICONS = {
    Progress.ACHIEVED: "✓",
    Progress.ON_TRACK: "→",
    Progress.OFF_TRACK: "✗",
    Progress.NOT_ASSESSED: "○",
}


def trend_icon(change: Any) -> str:
    if change.trend in (Trend.IMPROVING, Trend.WORSENING):
        return "▲" if (change.amount or 0) > 0 else "▼"
    return TREND_ICONS[change.trend]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mission_tracker.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown headings use {#anchor} (attr_list), so Jinja comments need other delimiters.
        comment_start_string="{%#",
        comment_end_string="#%}",
    )
    env.globals.update(trend_icon=trend_icon, progress_icon=PROGRESS_ICONS.__getitem__)
    return env


def render_template(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True, width=1000) + "---\n"


def long_date(day: Any) -> str:
    from mission_tracker.model.periods import MONTH_NAMES

    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"

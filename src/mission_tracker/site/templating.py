"""The Jinja environment the pages are written with, and the small formatting helpers that
templates and page builders share.

Every string from the data is untrusted. In the generated Markdown it only ever lands inside a
raw HTML block (which Markdown passes through untouched) or in the front matter, and:
- Jinja escapes it for HTML (autoescape), so it cannot open a tag or leave an attribute;
- its line breaks become spaces, so it cannot start a line of its own, where Markdown would
  read `#`, `!!!`, `--8<--` (a snippet include) or a table;
- the page title and description in the front matter are escaped for HTML too, because MkDocs
  and Material print them unescaped into <title>, meta tags, the header and the navigation.
CONTRIBUTING.md has the table of every output context and how it is handled.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
import yaml
from babel.dates import format_date
from markupsafe import Markup, escape

from mission_tracker.analyse.facts import Progress, Trend
from mission_tracker.analyse.numbers import current_locale, format_count
from mission_tracker.site.catalogue import translate

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


def _one_line(value: Any) -> Any:
    """Data text is written on one line (markup the code made, such as an SVG, is left as it
    is)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return value.replace("\r", " ").replace("\n", " ")
    return value


# What a Markdown heading built from data may hold: words, digits and the punctuation of ordinary
# titles. Anything else (`*`, `_`, `[`, `{`, `#`, `<`, `&`...) has a meaning to Markdown or to
# the table of contents, which MkDocs and Material print unescaped; it is left out of the
# heading (the full text is on the page beside it). A heading that needs more is written as HTML.
_HEADING = re.compile(r"[^\w\s,.:;()'’%/+-]")


def heading(value: str) -> str:
    # `_` is a word character to regular expressions but emphasis to Markdown: a space here.
    text = _HEADING.sub("", _one_line(value).replace("&", " and ").replace("_", " "))
    return " ".join(text.split()).lstrip("-+.") or "Figures"


def _message(message: str, **values: Any) -> Markup:
    """`_("Led by: %(lead)s.", lead=...)` in a template: the catalogue's phrase (site/catalogue.py),
    with the values escaped for HTML and written on one line, as `{{ value }}` writes them."""
    # The phrases are the templates' own and the package's translations of them, never data.
    phrase = Markup(translate(message))  # noqa: S704
    if not values:
        return phrase
    return phrase % {name: escape(_one_line(value)) for name, value in values.items()}


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
        finalize=_one_line,
    )
    env.globals.update(trend_icon=trend_icon, progress_icon=PROGRESS_ICONS.__getitem__, _=_message)
    env.filters["heading"] = heading
    env.filters["count"] = format_count  # a whole number as the locale writes it
    return env


def render_template(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# Front-matter keys whose values MkDocs and Material print into pages without escaping them.
PRINTED_RAW = ("title", "description")


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter; the values MkDocs prints raw are escaped for HTML here, once."""
    safe = {
        key: str(escape(_one_line(value))) if key in PRINTED_RAW else value
        for key, value in meta.items()
    }
    return "---\n" + yaml.safe_dump(safe, sort_keys=True, allow_unicode=True, width=1000) + "---\n"


def long_date(day: Any) -> str:
    """ "1 March 2026" (en_GB), "1 mars 2026" (fr_FR): the locale's long date, from Babel."""
    return str(format_date(day, "long", locale=current_locale()))

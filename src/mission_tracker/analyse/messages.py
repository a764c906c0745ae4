"""The generator's counted phrases, in one catalogue: "1 mission", "24 indicators".

Each entry gives the phrase for each plural category of CLDR ("one", "other"; other languages
have "few", "many"...), chosen by the site's locale through Babel and written with its digits,
so translating them is a new catalogue, not a code change. The prose of the page templates is
in the templates themselves (site/templates/), still in English only.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from mission_tracker.analyse.numbers import current_locale, format_count

COUNTED: dict[str, dict[str, str]] = {
    "mission": {"one": "{n} mission", "other": "{n} missions"},
    "indicator": {"one": "{n} indicator", "other": "{n} indicators"},
    "row": {"one": "{n} row", "other": "{n} rows"},
    "note": {"one": "{n} note", "other": "{n} notes"},
    "problem": {"one": "{n} problem", "other": "{n} problems"},
    "file": {"one": "{n} file", "other": "{n} files"},
    # The home page's opening, with the organisation that set the missions, or without one.
    "missions set by": {
        "one": "{organisation} has set {n} mission, with milestones. This site tracks it",
        "other": "{organisation} has set {n} missions, each with milestones. This site tracks them",
    },
    "missions tracked": {
        "one": "This site tracks {n} mission and its milestones",
        "other": "This site tracks {n} missions, each with milestones,",
    },
}


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def counted(n: int, noun: str, **fields: str) -> str:
    """ "1 mission", "5 missions", "2,974 rows": the catalogue's phrase for `n` of `noun`, with
    any other `fields` it names filled in."""
    forms = COUNTED[noun]
    category = _locale(current_locale()).plural_form(n)
    return forms.get(category, forms["other"]).format(n=format_count(n), **fields)

"""The message catalogue of the page templates: every fixed phrase they write is a message,
`_("Show the data as a table")`, looked up in the catalogue of the site's locale.

The messages are English; `locale/messages.pot` lists them all (tests/unit/test_catalogue.py
keeps it in step with the templates). A translation is a file, `locale/<locale>.po` (such as
`fr.po` or `fr_CA.po`), in the package: no code changes. None ships yet, so every site reads
English, whatever its locale; its numbers and the page language follow the locale already.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from babel.messages.pofile import read_po

from mission_tracker.analyse.numbers import current_locale


def _folder() -> Traversable:
    return resources.files("mission_tracker.site").joinpath("locale")


@cache
def _catalogue(locale: str) -> dict[str, str]:
    return catalogue(locale, _folder())


def catalogue(locale: str, where: Traversable) -> dict[str, str]:
    """The translated messages for `locale` in the folder `where` (its own file, else its
    language's), without the untranslated and the fuzzy ones; empty where no file is."""
    for name in (locale, locale.split("_")[0]):
        po = where.joinpath(f"{name}.po")
        if po.is_file():
            with po.open("rb") as handle:
                read = read_po(handle, locale=name)
            return {
                str(m.id): str(m.string)
                for m in read
                if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
            }
    return {}


def translate(message: str) -> str:
    """`message` in the current locale, or as it is where the catalogue has no translation."""
    return _catalogue(current_locale()).get(message, message)

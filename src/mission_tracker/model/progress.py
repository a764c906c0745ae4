"""Progress on long work: the stages say how far they have got, and whoever runs them (the
command line, when a person is watching) decides whether and how to show it."""

from __future__ import annotations

from collections.abc import Callable

# (what is being done, how many are done, how many there are in all)
Progress = Callable[[str, int, int], None]


def quiet(what: str, done: int, total: int) -> None:
    """Progress that nobody watches (a CI log gets the summary at the end instead)."""

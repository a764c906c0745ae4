"""Problems: what is wrong with an input file, where, and how to fix it. Errors are data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mission_tracker.model.text import visible


class Severity(StrEnum):
    ERROR = "error"
    # A note is worth knowing but does not stop the build (e.g. rows out of order, which the
    # build sorts).
    NOTE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    code: str = "error"
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "note: "
        return visible(f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}")

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        title = "mission-tracker check"
        return (
            f"::{self.severity.value} file={_escape_property(visible(self.path))},line={self.line},"
            f"col={self.column},title={_escape_property(title)}::"
            f"{_escape_data(visible(self.message))}"
        )


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ProblemList:
    """Collects problems for one file, so each stage can say `where` once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Problem] = []

    def add(
        self,
        line: int,
        column: int,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(self.path, line, column, message, code, severity))

    def note(self, line: int, column: int, code: str, message: str) -> None:
        self.add(line, column, code, message, Severity.NOTE)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

"""What every part of the YAML model is made of: the base model, ids, free text, periods as
written, and the CSV columns every indicator may have."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from mission_tracker.model.text import PRINTABLE_PATTERN

# An id is a file stem and a URL slug: `rtt-within-18-weeks`.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX_LENGTH = 80
# Names the site uses for its own pages and folders: an id that took one would lose its page to
# them (missions/index/ is the list of missions) or take theirs.
RESERVED_IDS = frozenset(
    {
        "index",
        "assets",
        "search",
        "embed",
        "schema",
        "downloads",
        "feed",
        "sitemap",
        "404",
        "missions",
        "indicators",
        "methodology",
        "guide",
    }
)


def id_problem(text: str) -> str | None:
    """Why `text` cannot be an id (a file stem and an address), or None if it can."""
    if len(text) > ID_MAX_LENGTH:
        return f"it is {len(text)} characters long; ids are at most {ID_MAX_LENGTH}"
    if text in RESERVED_IDS:
        return (
            f"`{text}` is a name the site uses for its own pages and folders; choose another, "
            f"such as `{text}-figures`"
        )
    return None


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.pattern, max_length=ID_MAX_LENGTH),
    Field(description="Lower-case letters, digits and single hyphens, e.g. `rtt-within-18-weeks`."),
]


# Free text, as editors write it. It may hold no invisible control characters (model/text.py);
# the pattern says so in the JSON Schema too, and read/validate.py words the problem.
Plain = Annotated[str, StringConstraints(pattern=PRINTABLE_PATTERN)]
# What `mission-tracker new` writes where an editor must write something: never published.
PLACEHOLDER = "TODO"
PLACEHOLDER_HOST = "todo.example"


def not_placeholder(text: str) -> str:
    if text.strip() == PLACEHOLDER:
        raise PydanticCustomError("placeholder", "still the placeholder")
    return text


Text = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=False, pattern=PRINTABLE_PATTERN),
    AfterValidator(not_placeholder),
]
# A period written as in the CSV; YAML reads 2024 as a number, so numbers are accepted too.
PeriodText = Annotated[
    str,
    Field(
        description="A period written as in the CSV, e.g. `2023/24`, `2024 Q3`, `2024-07`.",
        # The schema must accept what the validator accepts, or editors see false mistakes.
        json_schema_extra={"type": ["string", "integer"]},
    ),
]


# The CSV columns every indicator may have; breakdown columns are declared in its YAML. `measure`
# tells apart the measures of an indicator that has several; `date` tells apart several
# observations in one period (two elections in one year).
PERIOD, VALUE, MARKER, NOTE, MEASURE, DATE = "period", "value", "marker", "note", "measure", "date"
REQUIRED_COLUMNS = (PERIOD, VALUE)
OPTIONAL_COLUMNS = (MARKER, NOTE)
STANDARD_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, MEASURE, DATE)
# The header of a new indicator's CSV file.
CSV_HEADER = ",".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))


class Spec(BaseModel):
    # No NaN or infinity: YAML reads `.nan` and `.inf` as numbers, and no figure is either.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False
    )


def period_text(value: object) -> object:
    """YAML reads `2024` as a number and `2024-07-31` as a date; both are fine as period text."""
    if isinstance(value, int | dt.date) and not isinstance(value, bool):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    return value

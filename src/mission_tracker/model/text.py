"""What text from the data may hold, and how it is shown where it may not."""

from __future__ import annotations

import re

# Characters no text in the data may hold: control characters (a NUL ends a PNG's metadata, an
# escape sequence recolours a terminal, most are invalid in XML) and the bidirectional controls
# that make text display in another order than it is stored. Tabs and line breaks are allowed.
_CLASS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069"
UNPRINTABLE = re.compile(f"[{_CLASS}]")
# The same rule for the JSON Schema, so editors' editors flag such text as they type.
PRINTABLE_PATTERN = f"^[^{_CLASS}]*$"


def visible(text: str) -> str:
    """Text for a terminal or a log: any unprintable character spelt out as its code."""
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plural(noun: str, count: int = 2) -> str:
    """ "region" or "regions", "sex" or "sexes", "local authority" or "local authorities",
    "river basin (HydroBASINS id)" or "river basins (HydroBASINS id)"."""
    if count == 1:
        return noun
    head, bracket, tail = noun.partition(" (")
    if head.endswith(("s", "x", "z", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return head + bracket + tail

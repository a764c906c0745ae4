"""Text for GitHub-flavoured Markdown (the pull request's job summary): what comes from the
data is made inert, so a title or a cell from a fork cannot add links, images, mentions or
HTML."""

from __future__ import annotations

import re

ARROW = "→"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def arrow(before: str, after: str) -> str:
    return f"{after} (unchanged)" if before == after else f"{before} {ARROW} {after}"


# Characters with a meaning in GitHub's Markdown or HTML, escaped in a way that both GitHub and
# Python-Markdown (this site's own pages) render back as the character itself.
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "~": "&#126;",
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "\n": " ",
    "\r": " ",
}


# What GitHub turns into a link or a mention wherever it stands in text, escaped or not (it
# finds some of them again in the HTML it has rendered): web addresses with a scheme or
# starting `www.`, e-mail addresses and @names. From the data they are shown as code, which
# GitHub never links; a run stops before what would end a code span or a table cell.
_LINKABLE = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>`|\\]*|[^\s<>`|\\@]*@[^\s<>`|\\]*", re.IGNORECASE
)


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def md(text: str) -> str:
    """Text from the data, made inert: it reads the same but cannot format, link or mention."""
    out, at = [], 0
    for found in _LINKABLE.finditer(text):
        start, end = found.span()
        # Punctuation that ends a sentence, or closes a bracket the address did not open, is
        # the sentence's (as GitHub reads it), not the address's.
        while end > start + 1 and (
            text[end - 1] in ".,:;!?'\""
            or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
        ):
            end -= 1
        out += [_escape(text[at:start]), f"`{text[start:end]}`"]
        at = end
    return "".join(out) + _escape(text[at:])


def md_message(text: str) -> str:
    """A checker message, whose `backticked` names stay code; the rest is escaped."""
    parts = text.split("`")
    return "".join(
        f"`{md_code(part)}`" if i % 2 and part else md(part) for i, part in enumerate(parts)
    )


def md_code(text: str) -> str:
    """Text for inside a code span: backticks cannot end it early."""
    return text.replace("`", "'").replace("\n", " ")

"""Text for GitHub-flavoured Markdown (the pull request's job summary): what comes from the
data is made inert, so a title or a cell from a fork cannot add links, images or HTML."""

from __future__ import annotations

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


def md(text: str) -> str:
    """Text from the data, made inert: it reads the same but cannot format or link."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def md_message(text: str) -> str:
    """A checker message, whose `backticked` names stay code; the rest is escaped."""
    parts = text.split("`")
    return "".join(
        f"`{md_code(part)}`" if i % 2 and part else md(part) for i, part in enumerate(parts)
    )


def md_code(text: str) -> str:
    """Text for inside a code span: backticks cannot end it early."""
    return text.replace("`", "'").replace("\n", " ")

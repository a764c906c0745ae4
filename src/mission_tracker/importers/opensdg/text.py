"""Open SDG metadata text (HTML, Markdown, or both) -> plain text: no tags at all.

Links are kept as "text (https://address)", entities are decoded, and `<p>`, `<br>`, `<li>`
and headings end a paragraph; each paragraph is one line, because a caveat is one line of the
format. The UK's markup is often unbalanced (`</p>` before `<p>`, `<a/>` for `</a>`, a
`<ahref=...>` with no space) and some values are Markdown (`[text](url)`, `**bold**`); all of it
is read, and nothing of the markup is left in the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mission_tracker.model.text import UNPRINTABLE

_BLOCKS = frozenset(
    {"p", "br", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
)
_BREAK = "\n\n"
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*(\S+?)\s*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MARKDOWN_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[*+-]\s+|\d+[.)]\s+|>\s?)", re.MULTILINE)
# Zero-width spaces and joiners are invisible in the UK's text (`&#8203;`); they carry nothing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []  # (href, where its text starts in parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(_BREAK)
        elif tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            self.links.append((href.strip(), len(self.parts)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":  # `<a/>`, written for `</a>`
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(_BREAK)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = " ".join("".join(self.parts[start:]).split())
            if href and href not in text:
                self.parts.append(f" ({href})" if text else href)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def paragraphs(value: object) -> list[str]:
    """The paragraphs of a metadata value, each a single line of plain text."""
    if value is None or isinstance(value, bool):
        return []
    text = str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Markdown first: a blank line ends a paragraph; a link becomes text (address).
    text = re.sub(r"\n[ \t]*\n", "<p>", text)
    text = _MARKDOWN_LINE.sub("<br>", text)
    text = _MARKDOWN_LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[2] not in m[1] else m[1], text)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    text = re.sub(r"<a(?=href)", "<a ", text, flags=re.IGNORECASE)
    parser = _Text()
    parser.feed(text)
    parser.close()
    # Whatever the parser left as text that still looks like a tag (an unclosed `<a`) goes too.
    joined = re.sub(r"</?[A-Za-z][^<>]*>?$", "", "".join(parser.parts))
    joined = UNPRINTABLE.sub(" ", _INVISIBLE.sub("", joined))
    found = []
    for block in joined.split(_BREAK):
        line = " ".join(block.split())
        if line and line not in found:
            found.append(line)
    return found


def one_line(value: object) -> str:
    """A metadata value as one line of plain text (a title, a name)."""
    return " ".join(paragraphs(value))

"""HTML and Markdown in Open SDG metadata -> plain text (importers/opensdg/text.py)."""

from __future__ import annotations

from tests.importers.conftest import meta

from mission_tracker.importers.opensdg.text import one_line, paragraphs


def test_no_tag_is_left_and_links_keep_their_address() -> None:
    found = paragraphs(
        '<p>See <a href="https://www.ons.gov.uk/x">the release</a> for more.</p><p>Second.</p>'
    )
    assert found == ["See the release (https://www.ons.gov.uk/x) for more.", "Second."]


def test_breaks_and_list_items_end_a_paragraph() -> None:
    assert paragraphs("One<br>Two<br/><li>Three</li><li>Four") == ["One", "Two", "Three", "Four"]


def test_entities_are_decoded_and_invisible_characters_dropped() -> None:
    assert paragraphs("Fish &amp; chips&#8203; &lt;5 &pound;10") == ["Fish & chips <5 £10"]


def test_markdown_links_and_bold() -> None:
    text = "**Non-statistical indicator**\n\nSee [the appendix tables](https://www.ons.gov.uk/a)."
    assert paragraphs(text) == [
        "Non-statistical indicator",
        "See the appendix tables (https://www.ons.gov.uk/a).",
    ]


def test_malformed_markup_of_the_uk_files() -> None:
    # 14-5-1 closes links with <a/>; 11-4-1's footnote starts with </p>; unbalanced <p>.
    assert paragraphs('</p> A <a href="https://x.org/">link<a/> here <p> B') == [
        "A link (https://x.org/) here",
        "B",
    ]


def test_the_missing_space_of_4_4_1() -> None:
    # 4-4-1's other_info writes `<ahref="https://www.ons.gov.uk/...">`.
    fields, _ = meta("4-4-1")
    text = " ".join(paragraphs(fields["other_info"]))
    assert "<" not in text and "ahref" not in text
    assert "(https://www.ons.gov.uk/" in text


def test_every_string_of_the_fixture_metadata_is_plain() -> None:
    from tests.importers.conftest import FIXTURE

    for path in sorted((FIXTURE / "meta").glob("*.md")):
        fields, body = meta(path.stem)
        for value in [body, *fields.values()]:
            for paragraph in paragraphs(value if isinstance(value, str) else None):
                assert "</" not in paragraph and "<p" not in paragraph and "<a " not in paragraph
                assert "&amp;" not in paragraph and "\n" not in paragraph


def test_one_line_joins_paragraphs() -> None:
    assert one_line("<p>A</p><p>B</p>") == "A B"
    assert one_line(None) == ""

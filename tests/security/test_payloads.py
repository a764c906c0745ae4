"""The payload generator itself: it finds every free-text field of the models (including any
added later), fills all of them in the example project, and its web addresses are ones the
models accept, made safe by pydantic's own percent-encoding."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import AnyHttpUrl, BaseModel, TypeAdapter, ValidationError
from tests.security.conftest import EXAMPLE_DATA, SHAPE_INDICATORS, add_shape_indicators
from tests.security.payloads import (
    _URL_FORMS,
    ROOTS,
    STRUCTURED,
    Filler,
    benign_filler,
    classify,
    fill_data,
    hostile_filler,
    hostile_url,
    models_reachable,
    payload,
    text_fields,
    url_fields,
)

from mission_tracker.model.specs import Id, Plain, Text


def test_the_free_text_fields_are_found_in_the_models() -> None:
    found = text_fields()
    for expected in [
        ("IndicatorSpec", "title"),
        ("IndicatorSpec", "caveats"),
        ("IndicatorSpec", "next_update"),
        ("Source", "publisher"),
        ("Source", "copy_of"),
        ("Breakdown", "label"),
        ("BreakdownValue", "value"),
        ("BreakdownValue", "label"),
        ("SeriesBreak", "reason"),
        ("MissionSpec", "short_name"),
        ("Milestone", "title"),
        ("Milestone", "deadline_label"),
        ("Baseline", "note"),
        ("ReportedFigure", "text"),
        ("Citation", "title"),
    ]:
        assert expected in found, expected
    for structured in [
        ("IndicatorSpec", "mission"),
        ("IndicatorSpec", "related"),
        ("IndicatorSpec", "previous_ids"),
        ("Breakdown", "column"),
        ("Milestone", "id"),
        ("Milestone", "indicator"),
        *STRUCTURED,
    ]:
        assert structured not in found, structured
    assert url_fields() == {("Source", "url"), ("Citation", "url")}


def test_the_structured_exceptions_name_real_fields() -> None:
    """STRUCTURED lists fields that exist, so it cannot hide a renamed one."""
    models = {m.__name__: m for m in models_reachable()}
    for model, name in STRUCTURED:
        assert name in models[model].model_fields, (model, name)


def test_a_new_field_is_covered_without_listing_it() -> None:
    class Future(BaseModel):
        blurb: Text
        aside: Plain | None = None
        notes: list[Text] = []
        code: Id
        count: int = 0
        link: AnyHttpUrl | None = None

    kinds = {name: classify(Future, name, info) for name, info in Future.model_fields.items()}
    assert {n for n, k in kinds.items() if k.name == "text"} == {"blurb", "aside", "notes"}
    assert kinds["notes"].many
    assert kinds["code"].name == "structured"
    assert kinds["count"].name == "other"
    assert kinds["link"].name == "url"


@pytest.mark.parametrize("make", [hostile_filler, benign_filler], ids=["hostile", "benign"])
def test_every_field_of_every_model_is_filled_in_the_example(
    tmp_path: Path, make: Callable[[], Filler]
) -> None:
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    add_shape_indicators(tmp_path / "data")
    filler = make()
    fill_data(tmp_path / "data", filler)
    assert text_fields() | url_fields() <= filler.filled
    assert {m.__name__ for m in ROOTS} <= {model for model, _ in filler.filled}
    # Each field has its own number, and the CSV text columns have theirs.
    assert len(filler.where) == filler.count
    assert sum(": column note" in w for w in filler.where.values()) == 3 + len(SHAPE_INDICATORS)


def test_payloads_are_valid_free_text() -> None:
    """Legitimate text for the models (no control characters, which are refused by design),
    on several lines."""
    adapter = TypeAdapter(Text)
    for n in (1, 42, 999):
        text = payload(n)
        assert adapter.validate_python(text) == text
        assert "\n--8<--" in text and "\n# heading" in text and "\n!!! note" in text


@pytest.mark.parametrize("n", range(len(_URL_FORMS)))
def test_hostile_addresses_are_accepted_and_percent_encoded(n: int) -> None:
    """The URL fields take these (they are valid web addresses), and what pydantic keeps of
    them cannot end an attribute or open a tag: quotes, angle brackets, spaces, backticks and
    braces are percent-encoded. An apostrophe may stay (attributes are double-quoted and
    escaped anyway)."""
    address = str(TypeAdapter(AnyHttpUrl).validate_python(hostile_url(n)))
    assert address.startswith(("https://tracker.example/", "https://user:pass@tracker.example/"))
    for char in '"<> `{}\n':
        assert char not in address, (char, address)


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//x.org"],
)
def test_addresses_that_are_not_web_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(AnyHttpUrl).validate_python(address)

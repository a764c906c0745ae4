"""The JSON Schemas editors' editors use agree with the models the checker uses."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError
from tests.check.fixtures import PROBLEMS
from tests.conftest import ROOT, run_cli

from mission_tracker.check.schema import schema_files
from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.layout import schema_modeline

KINDS = {"indicators": "indicator", "missions": "mission"}
MODELS = {"indicator": IndicatorSpec, "mission": MissionSpec}
SHIPPED = sorted((ROOT / "data").glob("*/*.yml"))
# Where the two may rightly differ, with the reason:
# - editors read YAML 1.2, where an unquoted 2024-11-28 is text, but the checker (YAML 1.1)
#   reads it as a date and asks for quotes where text is wanted;
# - jsonschema does not check the `uri` format without an extra package; the checker does;
# - JSON Schema cannot say "finite", and YAML reads `.inf` as a number.
STRICTER_CHECKER = {
    ("yaml-number-infinite", "health.yml"),
    ("yaml-text-read-as-date", "homes.yml"),
    ("yaml-url-malformed", "health.yml"),
    ("yaml-url-no-scheme", "waits.yml"),
}


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads(schema_files()[f"docs/schema/{kind}.schema.json"])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def as_editors_see_it(value: Any) -> Any:
    """YAML as a YAML 1.2 editor sees it: dates are text."""
    if isinstance(value, dict):
        return {k: as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_published_schemas_are_generated_from_the_models() -> None:
    for rel, text in schema_files().items():
        assert (ROOT / rel).read_text("utf-8") == text, (
            f"{rel} is stale: run mission-tracker schema"
        )


def test_schema_check_command_agrees() -> None:
    result = run_cli("schema", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Schemas are up to date.\n"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_yaml_starts_with_the_modeline_and_validates_against_the_schema(
    path: Path,
) -> None:
    kind = KINDS[path.parent.name]
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == schema_modeline(kind)
    # The modeline's relative address really reaches the schema file.
    target = (path.parent / schema_modeline(kind).split("=", 1)[1]).resolve()
    assert target == (ROOT / "docs" / "schema" / f"{kind}.schema.json").resolve()
    errors = list(validator(kind).iter_errors(as_editors_see_it(yaml.safe_load(text))))
    assert errors == [], [e.message for e in errors]


def _fixture_yaml() -> list[tuple[str, Path]]:
    """Each distinct YAML file among the fixtures (most are the unchanged base files)."""
    seen: set[bytes] = set()
    found = []
    for case in sorted(PROBLEMS.iterdir()):
        for path in sorted(case.glob("data/*/*.yml")) if case.is_dir() else []:
            data = path.read_bytes()
            if data not in seen and _readable(data):
                seen.add(data)
                found.append((case.name, path))
    return found


def _readable(data: bytes) -> bool:
    """Whether the file is YAML at all (if not, neither the model nor the schema sees it)."""
    try:
        yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, ValueError):
        return False
    return True


@pytest.mark.parametrize(
    ("case", "path"), _fixture_yaml(), ids=lambda v: v if isinstance(v, str) else v.name
)
def test_schema_and_model_accept_and_reject_the_same_files(case: str, path: Path) -> None:
    data = yaml.safe_load(path.read_bytes().decode("utf-8"))
    kind = KINDS[path.parent.name]
    try:
        MODELS[kind].model_validate(data)
        model_accepts = True
    except ValidationError:
        model_accepts = False
    schema_accepts = validator(kind).is_valid(as_editors_see_it(data))
    if (case, path.name) in STRICTER_CHECKER:
        assert schema_accepts and not model_accepts
    else:
        assert schema_accepts == model_accepts

"""YAML document -> typed spec, with every validation error turned into a located Problem."""

from __future__ import annotations

import difflib
import types
import typing
from enum import Enum
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from .problems import ProblemList
from .yamlfile import Path, YamlDocument

M = TypeVar("M", bound=BaseModel)


def validate_spec(model: type[M], doc: YamlDocument, problems: ProblemList) -> M | None:
    if not isinstance(doc.data, dict):
        problems.add(
            1,
            1,
            "yaml.not-mapping",
            "the file must be a list of `key: value` lines at the top level, "
            f"not a {_type_name(doc.data)}",
        )
        return None
    if any(not isinstance(k, str) for k in doc.data):
        bad = next(k for k in doc.data if not isinstance(k, str))
        line, column = doc.where((bad,))
        problems.add(line, column, "yaml.key-type", f"key `{bad}` must be a word, not a number")
        return None
    try:
        return model.model_validate(doc.data)
    except pydantic.ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(model, doc, error, problems)
        return None


def _report(model: type[BaseModel], doc: YamlDocument, error: Any, problems: ProblemList) -> None:
    loc: Path = tuple(p for p in error["loc"] if not _is_union_tag(p))
    kind: str = error["type"]
    key = loc[-1] if loc else ""
    where = _dotted(loc)
    if kind == "missing":
        parent = loc[:-1]
        line, column = doc.where(parent) if parent else (1, 1)
        hint = _field_hint(model, loc)
        place = f" under `{_dotted(parent)}`" if parent else ""
        problems.add(
            line, column, "yaml.missing-field", f"missing required key `{key}`{place}; {hint}"
        )
        return
    if kind == "extra_forbidden":
        line, column = doc.where(loc)
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        fix = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(allowed)
        problems.add(line, column, "yaml.unknown-key", f"unknown key `{key}`; {fix}")
        return
    line, column = doc.where(loc, value=True)
    given = _shown(error.get("input"))
    if kind == "enum" or kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = _choices(model, loc)
        close = difflib.get_close_matches(str(error.get("input")), choices, n=1, cutoff=0.6)
        fix = f"did you mean `{close[0]}`?" if close else f"use one of {expected}"
        message = f"`{where}` is {given}, which is not allowed; {fix}"
    elif kind.startswith("url"):
        message = (
            f"`{where}` is {given}, which is not a web address; write a full address "
            "starting with https://"
        )
        problems.add(line, column, "yaml.bad-url", message)
        return
    elif kind == "string_pattern_mismatch":
        message = (
            f"`{where}` is {given}; ids use lower-case letters, digits and single hyphens, "
            "e.g. `rtt-within-18-weeks`"
        )
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"`{where}` is {given}, which is not a date; write it as YYYY-MM-DD"
    elif kind in ("string_too_short", "too_short"):
        message = f"`{where}` is empty; {_field_hint(model, loc)}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"`{where}` is {given}; {error['msg'].lower()}"
    else:
        expected = _expected(kind)
        message = f"`{where}` should be {expected}, not {given}"
        if kind in ("model_type", "dict_type"):
            message += "; indent the keys that belong under it"
        problems.add(line, column, "yaml.wrong-type", message)
        return
    problems.add(line, column, "yaml.bad-value", message)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number (no commas, % or £)",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "model_type": "a block of `key: value` lines",
    "dict_type": "a block of `key: value` lines",
}


def _expected(kind: str) -> str:
    return _EXPECTED.get(kind, "a different kind of value")


def _is_union_tag(part: object) -> bool:
    # pydantic adds the branch name to the location for unions ("float", "str", ...).
    return isinstance(part, str) and (part.startswith(("function-", "lax-")) or part in _TAGS)


_TAGS = {"str", "int", "float", "bool", "date", "url", "none", "list[str]", "AnyHttpUrl"}


def _dotted(loc: Path) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def _type_name(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single piece of text"
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """The nested model class that the location `loc` points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    return annotation


def _field_names(model: type[BaseModel], loc: Path) -> list[str]:
    target = _model_at(model, loc)
    return sorted(target.model_fields) if target else []


def _field_hint(model: type[BaseModel], loc: Path) -> str:
    target = _model_at(model, loc[:-1])
    field = target.model_fields.get(str(loc[-1])) if target else None
    if field and field.description:
        return f"it is {field.description[0].lower()}{field.description[1:]}"
    return "see the editor's guide for what it holds"


def _choices(model: type[BaseModel], loc: Path) -> list[str]:
    target = _model_at(model, loc[:-1])
    field = target.model_fields.get(str(loc[-1])) if target else None
    if field is None:
        return []
    annotation = _unwrap(field.annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return []


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation

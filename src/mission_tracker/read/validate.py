"""YAML document -> typed spec, with every validation error turned into a located Problem.

pydantic's messages name a key path and a Python type; an editor needs the line, the value they
wrote and what to write instead, so each kind of error is reworded here.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from mission_tracker.model.problems import ProblemList
from mission_tracker.model.text import PRINTABLE_PATTERN, UNPRINTABLE
from mission_tracker.read.yamlfile import KeyPath, YamlDocument

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class _Error:
    loc: KeyPath
    kind: str
    detail: Any  # pydantic's error dict


def validate_spec(model: type[M], doc: YamlDocument, problems: ProblemList) -> M | None:
    if not isinstance(doc.data, dict):
        problems.add(
            1,
            1,
            "yaml.not-mapping",
            "the file must be made of `key: value` lines (such as `title: ...`), but it is "
            f"{_type_name(doc.data)}; see the editor's guide for the layout",
        )
        return None
    try:
        return model.model_validate(doc.data)
    except pydantic.ValidationError as exc:
        found = [
            _Error(_clean_loc(model, tuple(e["loc"]), e["type"]), e["type"], e)
            for e in exc.errors(include_url=False)
        ]
    found = _one_branch(found)
    # A misspelt key shows up twice: as an unknown key, and as its correct name missing. Say it
    # once, at the misspelling.
    suggested: set[KeyPath] = set()
    for error in found:
        if error.kind == "extra_forbidden":
            missing = [
                str(e.loc[-1])
                for e in found
                if e.kind == "missing" and e.loc[:-1] == error.loc[:-1]
            ]
            close = difflib.get_close_matches(str(error.loc[-1]), missing, n=1, cutoff=0.6)
            if close:
                suggested.add((*error.loc[:-1], close[0]))
    for error in found:
        if error.kind == "missing" and error.loc in suggested:
            continue
        _report(model, doc, error, problems)
    return None


def _one_branch(found: list[_Error]) -> list[_Error]:
    """A value that may be a name or a block (a unit: `percent`, or `kind:` and the rest) fails
    once for each; keep the failure of the form the editor wrote: a name's, for text, and a
    block's, for keys."""
    choice = ("enum", "literal_error")
    kept = []
    for e in found:
        raw = e.detail.get("input")
        if (
            e.kind in ("model_type", "dict_type")
            and isinstance(raw, str)
            and any(o.loc == e.loc and o.kind in choice for o in found)
        ):
            continue
        if (
            e.kind in choice
            and isinstance(raw, dict)
            and any(o is not e and o.loc[: len(e.loc)] == e.loc for o in found)
        ):
            continue
        kept.append(e)
    return kept


def _report(
    model: type[BaseModel], doc: YamlDocument, error: _Error, problems: ProblemList
) -> None:
    loc, kind, detail = error.loc, error.kind, error.detail
    key = loc[-1] if loc else ""
    where = _dotted(loc)
    if kind == "missing":
        parent = loc[:-1]
        line, column = doc.where(parent) if parent else (1, 1)
        place = f" under `{_dotted(parent)}`" if parent else ""
        problems.add(
            line,
            column,
            "yaml.missing-field",
            f"missing required key `{key}`{place} ({_description(model, loc)}); add a line "
            f"`{key}: ...`",
        )
        return
    if kind == "extra_forbidden":
        line, column = doc.where(loc)
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        fix = (
            f"did you mean `{close[0]}`?"
            if close
            else "delete it, or use one of the allowed keys: " + ", ".join(allowed)
        )
        problems.add(line, column, "yaml.unknown-key", f"unknown key `{key}`; {fix}")
        return
    line, column = doc.where(loc, value=True)
    raw = detail.get("input")
    given = _shown(doc, loc, raw)
    ctx = detail.get("ctx") or {}
    code, message = "yaml.bad-value", ""
    if raw is None or raw == "" or raw == []:
        message = f"`{where}` is empty; fill it in ({_description(model, loc)})"
    elif kind == "placeholder":
        code = "yaml.placeholder"
        message = (
            f"`{where}` is still {given}, the placeholder `mission-tracker new` wrote; write "
            f"{_description(model, loc)}"
        )
    elif kind in ("enum", "literal_error"):
        choices = _choices(model, loc)
        close = difflib.get_close_matches(str(raw), choices, n=1, cutoff=0.6)
        fix = f"did you mean `{close[0]}`?" if close else f"use one of {ctx.get('expected', '')}"
        message = f"`{where}` is {given}, which is not allowed; {fix}"
    elif kind.startswith("url"):
        code = "yaml.bad-url"
        message = f"`{where}` is {given}, which is not a full web address; {_url_fix(str(raw))}"
    elif kind == "string_pattern_mismatch" and ctx.get("pattern") == PRINTABLE_PATTERN:
        found = UNPRINTABLE.search(str(raw))
        code = f"{ord(found.group()):04X}" if found else "?"
        message = (
            f"`{where}` holds an invisible character (U+{code}) that cannot be shown on the "
            "site; delete it (it is often invisible: retype the text around it)"
        )
    elif kind == "string_pattern_mismatch":
        message = f"`{where}` is {given}; " + _pattern_fix(str(raw), str(ctx.get("pattern", "")))
    elif kind.startswith("date_"):
        message = f"`{where}` is {given}, which is not a date; write it as YYYY-MM-DD"
        if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", str(raw)):
            message += f", e.g. {m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    elif kind == "finite_number":
        message = (
            f"`{where}` is {given}, which YAML reads as infinity or not-a-number; write the "
            "figure itself"
        )
    elif kind == "string_too_long":
        message = f"`{where}` is too long; keep it to {ctx.get('max_length')} characters"
    elif kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        message = f"`{where}` is {given}; it must be at least {bound:g}"
    elif kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        message = f"`{where}` is {given}; it must be at most {bound:g}"
    elif kind == "string_type" and not isinstance(raw, dict | list):
        code = "yaml.wrong-type"
        message = (
            f"`{where}` should be text, but YAML reads {given} as "
            f'{_yaml_kind(raw)}; put it in quotes: "{_source(doc, loc, raw)}"'
        )
    else:
        code = "yaml.wrong-type"
        message = f"`{where}` should be {_expected(kind)}, not {given}"
        if kind in ("model_type", "dict_type"):
            message += "; indent the keys that belong under it by two spaces"
        elif kind == "list_type":
            message += f"; write each item on its own line under `{key}:`, starting with `- `"
    problems.add(line, column, code, message)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number (digits only: no commas, % or currency signs)",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "model_type": "a block of `key: value` lines",
    "dict_type": "a block of `key: value` lines",
}


def _expected(kind: str) -> str:
    return _EXPECTED.get(kind, "a different kind of value")


def _clean_loc(model: type[BaseModel], loc: KeyPath, kind: str) -> KeyPath:
    """The location as keys and list positions, without the names pydantic adds for the branch
    of a union it tried (`str`, `function-after[...]`), which are not keys the editor wrote."""
    out: list[str | int] = []
    current: Any = model
    for i, part in enumerate(loc):
        target = current if isinstance(current, type) and issubclass(current, BaseModel) else None
        if isinstance(part, int):
            out.append(part)
        elif target is not None and part in target.model_fields:
            out.append(part)
            current = _inner_model(target.model_fields[part].annotation)
        elif target is None or (kind == "extra_forbidden" and i == len(loc) - 1):
            out.append(part)
            current = None
    return tuple(out)


def _dotted(loc: KeyPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _source(doc: YamlDocument, loc: KeyPath, value: object) -> str:
    """The value as the editor typed it (YAML turns `yes` into True and `2024-01-01` into a
    date, which would be confusing to echo back)."""
    return doc.scalars.get(loc, str(value))


def _shown(doc: YamlDocument, loc: KeyPath, value: object) -> str:
    """The value an editor wrote, as a message quotes it."""
    kinds = {type(None): "empty", dict: "a block of keys", list: "a list"}
    return kinds.get(type(value)) or f"`{_source(doc, loc, value)}`"


def _yaml_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "a date" if hasattr(value, "isoformat") else "something other than text"


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list (lines starting with `- `)"
    if isinstance(value, str):
        return "a single piece of text"
    return f"a single value ({value})"


def _url_fix(text: str) -> str:
    scheme = re.match(r"[a-z]{3,6}:?/+", text)
    if scheme and not text.startswith(("http://", "https://")):
        return f"it must start with https://, e.g. https://{text[scheme.end() :]}"
    if "://" not in text and "." in text and " " not in text:
        return f"write it with https:// in front: https://{text}"
    return "write the whole address, starting with https://"


def _pattern_fix(text: str, pattern: str) -> str:
    if "_" in pattern:
        suggestion = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
        kind = "column names use lower-case letters, digits and underscores"
    else:
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        kind = "ids use lower-case letters, digits and single hyphens"
    return f"{kind}; write `{suggestion}`" if suggestion else f"{kind}, e.g. `homes-built`"


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
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


def _field_names(model: type[BaseModel], loc: KeyPath) -> list[str]:
    target = _model_at(model, loc)
    return sorted(target.model_fields) if target else []


def _description(model: type[BaseModel], loc: KeyPath) -> str:
    target = _model_at(model, loc[:-1])
    field = target.model_fields.get(str(loc[-1])) if target and loc else None
    if field is not None and field.description:
        text = field.description.rstrip(".")
        return text[0].lower() + text[1:] if not text[:2].isupper() else text
    if field is not None:
        inner = _inner_model(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and inner.__doc__:
            return inner.__doc__.strip().rstrip(".")
    return "see the editor's guide for what it holds"


def _choices(model: type[BaseModel], loc: KeyPath) -> list[str]:
    target = _model_at(model, loc[:-1])
    field = target.model_fields.get(str(loc[-1])) if target and loc else None
    if field is None:
        return []
    return _named_choices(_unwrap(field.annotation))


def _named_choices(annotation: Any) -> list[str]:
    """The names a field may hold: an enum's values, a literal's, or those of every branch of
    a union."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [c for arg in typing.get_args(annotation) for c in _named_choices(arg)]
    return []


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation

"""`mission-tracker new`: a CSV and a YAML file with every field explained in a comment.

The template is written from the model itself (model/specs.py): each key with its description,
its choices and an example, so a field added to the model is explained here without anyone
writing it twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import textwrap
import types
import typing
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import AnyHttpUrl, BaseModel
from pydantic.fields import FieldInfo

from mission_tracker.model.base import CSV_HEADER, ID_PATTERN, PLACEHOLDER, PLACEHOLDER_HOST
from mission_tracker.model.licences import Licence
from mission_tracker.model.periods import PeriodType
from mission_tracker.model.specs import IndicatorSpec, Unit
from mission_tracker.read.layout import schema_modeline

INTRO = """\
# A new indicator. Replace every TODO, delete the comments you do not need, then run
#   mission-tracker check
# The editor's guide on the site explains each field with examples.
"""
WIDTH = 96
# Optional in the model because `sources:` may stand in for it, but every indicator needs one
# of the two, so the template writes this one out in full.
WRITTEN_OUT = frozenset({"source"})


class ScaffoldError(Exception):
    """A reason `new` cannot write the files; the message says what to do instead."""


def template(mission: str, licence: str = Licence.CC_BY_4.value) -> str:
    """The commented YAML for a new indicator of `mission`, under `licence`."""
    lines = [schema_modeline("indicator"), *INTRO.splitlines(), ""]
    # A new indicator starts as a count, the unit whose values need no range to check.
    given = {"mission": mission, "unit": Unit.COUNT.value, "licence": licence}
    lines += _fields(IndicatorSpec, "", given)
    return "\n".join(lines) + "\n"


def usual_licence(folder: Path) -> str:
    """The licence most of the project's indicators name (a new one is most likely under the
    same), else CC BY 4.0; files that are links or cannot be read are passed over."""
    named: Counter[str] = Counter()
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.is_symlink() or not path.is_file():
            continue
        try:
            loaded = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        value = loaded.get("licence") if isinstance(loaded, dict) else None
        if isinstance(value, str) and value in {m.value for m in Licence}:
            named[value] += 1
    return named.most_common(1)[0][0] if named else Licence.CC_BY_4.value


def _fields(model: type[BaseModel], indent: str, given: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        required = info.is_required() or name in WRITTEN_OUT
        kind = _unwrap(info.annotation)
        about = _about(info, kind)
        lines += _comment(indent, about if required else f"Optional: {_lower_first(about)}")
        nested = _model_of(kind)
        if nested is not None:
            body = [f"{name}:", *_example_block(nested, "  ", typing.get_origin(kind) is list)]
            if required:
                lines.append(f"{indent}{name}:")
                lines += _fields(nested, indent + "  ", {})
            else:
                lines += [f"{indent}# {line}" for line in body]
            continue
        value = given.get(name, _example(info, kind))
        lines.append(f"{indent}{name}: {value}" if required else f"{indent}# {name}: {value}")
    return lines


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _about(info: FieldInfo, kind: Any) -> str:
    nested = _model_of(kind)
    text = info.description or (nested.__doc__ or "" if nested else "")
    text = " ".join(text.split()).rstrip(".") + "."
    enum = kind if isinstance(kind, type) and issubclass(kind, Enum) else None
    if enum is PeriodType:
        forms = "; ".join(f"`{p.value}` (like {p.example})" for p in PeriodType)
        text += f" One of: {forms}."
    elif enum is not None:
        text += " One of: " + ", ".join(f"`{m.value}`" for m in enum) + "."
    elif typing.get_origin(kind) is typing.Literal:
        text += " One of: " + ", ".join(f"`{v}`" for v in typing.get_args(kind)) + "."
    return text


def _comment(indent: str, text: str) -> list[str]:
    width = WIDTH - len(indent) - 2
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False)]


def _example_block(model: type[BaseModel], indent: str, listed: bool) -> list[str]:
    """An optional block, written out as an example (to be uncommented)."""
    lines: list[str] = []
    for i, (name, info) in enumerate(model.model_fields.items()):
        kind = _unwrap(info.annotation)
        lead = indent + ("- " if i == 0 else "  ") if listed else indent
        inner = indent + ("    " if listed else "  ")
        nested = _model_of(kind)
        if nested is not None:
            lines.append(f"{lead}{name}:")
            lines += _example_block(nested, inner, typing.get_origin(kind) is list)
        elif info.is_required() or info.examples or kind in (int, float):
            lines.append(f"{lead}{name}: {_example(info, kind)}")
    return lines


def _example(info: FieldInfo, kind: Any) -> str:
    if info.examples:
        value = info.examples[0]
        return value if isinstance(value, str) and not value.isdigit() else repr(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        default = info.get_default()
        return str((default if isinstance(default, Enum) else next(iter(kind))).value)
    if typing.get_origin(kind) is typing.Literal:
        return str(info.get_default() or typing.get_args(kind)[0])
    if kind is bool:
        return "false"
    if kind is dt.date:
        return "2024-01-31"
    if kind is AnyHttpUrl:
        return f"https://{PLACEHOLDER_HOST}"
    if typing.get_origin(kind) is list:
        return "[]"
    if kind in (int, float):
        return "0"
    return f'"{PLACEHOLDER}"'


def _unwrap(annotation: Any) -> Any:
    """The type inside `X | None` and `Annotated[X, ...]`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        # A name or a block (a unit, a licence): the template offers the name.
        named = [a for a in args if isinstance(a, type) and issubclass(a, Enum)]
        return named[0] if named else annotation
    return annotation


def _model_of(kind: Any) -> type[BaseModel] | None:
    """The model a field holds, or a list of."""
    if typing.get_origin(kind) is list:
        kind = _unwrap(typing.get_args(kind)[0])
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def scaffold(data_dir: Path, indicator_id: str, mission: str) -> list[Path]:
    """Write `<id>.csv` (the header) and `<id>.yml` (every field, commented) for a new
    indicator of `mission`; the paths written."""
    if not ID_PATTERN.fullmatch(indicator_id):
        raise ScaffoldError(
            f"{indicator_id!r} is not a valid id: use lower-case letters, digits and single "
            "hyphens, e.g. knife-crime-offences"
        )
    missions = data_dir / "missions"
    if not missions.is_dir():
        raise ScaffoldError(
            f"there is no {missions} folder; run this in the project folder, or give the project "
            "folder with --root"
        )
    known = sorted(p.stem for p in missions.glob("*.yml"))
    if mission not in known:
        close = difflib.get_close_matches(mission, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "the missions are " + ", ".join(known)
        raise ScaffoldError(f"mission {mission!r} does not exist; {hint}")
    folder = data_dir / "indicators"
    csv, yml = folder / f"{indicator_id}.csv", folder / f"{indicator_id}.yml"
    for path in (csv, yml):
        if path.exists():
            raise ScaffoldError(
                f"{path} already exists; choose another id, or edit the existing indicator"
            )
    folder.mkdir(parents=True, exist_ok=True)
    yml.write_text(template(mission, usual_licence(folder)), "utf-8")
    csv.write_text(CSV_HEADER + "\n", "utf-8")
    return [csv, yml]

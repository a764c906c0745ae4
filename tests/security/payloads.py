"""Hostile text for every free-text field of the YAML models and every text column of the CSV.

The fields are found by walking the pydantic models (`model_fields`), so a field added to a
model gets a payload without anyone remembering to add it here. Each field gets its own number
`n`, and the payload carries it as a marker (`P07"`), so a test that finds a payload somewhere
can say which field it came from.

What counts as free text: every `str` field (alone, optional, or in a list) that has no pattern
constraint. Fields with a pattern (ids, CSV column names) and the period fields listed in
STRUCTURED are validated to safe forms and keep the fixture's values; `AnyHttpUrl` fields get
hostile but valid web addresses (pydantic percent-encodes what would break out of an attribute);
enums, numbers, dates and booleans are left as they are.
"""

from __future__ import annotations

import csv
import io
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import AnyUrl, BaseModel
from pydantic.fields import FieldInfo

from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.specs import NOTE, IndicatorSpec
from mission_tracker.model.text import PRINTABLE_PATTERN

ROOTS: tuple[type[BaseModel], ...] = (IndicatorSpec, MissionSpec)

# Text fields that are not free text although their type is a plain `str`: periods, read
# against the indicator's period type (a payload would be refused, rightly).
STRUCTURED = {
    ("SeriesBreak", "period"): "a period, read against the indicator's period type",
    ("Baseline", "period"): "a period, read against the indicator's period type",
    ("Breakdown", "total"): "one of the breakdown's values, read against the CSV",
    ("Breakdown", "default"): "one of the breakdown's values, read against the CSV",
    ("IndicatorSpec", "no_headline"): "says the data have no headline; refused where they have",
}

# A file the snippet syntax (`--8<--`) could pull into a page if data text ever reached the
# Markdown as Markdown. It lives in docs/overrides/, a folder that is no page (MkDocs copies its
# files as they are), so its sentinel in a page, the feed or a download means a
# snippet was expanded.
SNIPPET_FILE = "overrides/hostile-snippet.txt"
SNIPPET_SENTINEL = "SNIPPET-SENTINEL-c0ffee"

TRACKER_HOST = "tracker.example"


def marker(n: int) -> str:
    return f"P{n:03d}"


def payload(n: int) -> str:
    """Markup, script, attribute breakers, Markdown, attr_list, snippets, tracker images, odd
    entities and GitHub syntax on the first line; then lines that start with Markdown block
    syntax (a snippet include, a heading, an admonition, a table, an HTML block)."""
    m = marker(n)
    first = (
        f'{m}"><script>alert("{m}")</script>'
        f'<img src=https://{TRACKER_HOST}/p{n}.png onerror=alert("{m}")>'
        " {: onclick=alert(1) } {{: onclick=alert(1) }} {#id-" + m + " .cls onmouseover=alert(1)}"
        f' [x](javascript:alert("{m}")) ![t](https://{TRACKER_HOST}/t{n}.png)'
        f" <https://{TRACKER_HOST}/a{n}> [ref][r{n}] **b{n}** _i{n}_ `c{n}` ~~s{n}~~"
        " <svg onload=alert(1)><a href=javascript:alert(1)>svg</a></svg>"
        " & ' \" </title></textarea></style></noscript></script><script>alert(2)</script>"
        " <!-- c --> ]]> <![CDATA[ x ]]> &lt;img src=x onerror=alert(3)&gt; &amp;lt; &#60;b&#62;"
        " {{ 7*7 }} {% raw %} ${7*7} $x$ :material-github: @octocat editor@example.org"
        f" www.{TRACKER_HOST}/w{n} https://{TRACKER_HOST}/bare{n} | a | b |"
        f' --8<-- "{SNIPPET_FILE}" end{n}'
    )
    rest = [
        f'--8<-- "{SNIPPET_FILE}"',
        f"# heading {m}",
        f'!!! note "{m}"',
        f"    indented {m}",
        "| a | b |",
        "|---|---|",
        f"[r{n}]: https://{TRACKER_HOST}/ref{n}.png",
        f'<div onclick="alert(1)">block {m}</div>',
        f"*[{m}]: abbreviation",
        f"last line {m}",
    ]
    return first + "\n" + "\n".join(rest)


def short_payload(n: int) -> str:
    """A payload short enough for a chart to keep its plot area (the long one leaves it no
    room), so that the interactive chart and its tooltips can be tried with hostile text."""
    return f"{marker(n)}'\"><img src=x onerror=alert({n})>"


def one_line(text: str) -> str:
    """How the site shows text from the data: on one line."""
    return text.replace("\r", " ").replace("\n", " ")


def benign(n: int) -> str:
    """The clean twin's text for field n: the same kind of thing, harmlessly."""
    return f"Field {n} text"


_URL_FORMS = (
    'https://{h}/u{n}?a="><script>alert("U{n}")</script>',
    'https://{h}/u{n}/"onmouseover=alert(1) x="',
    "https://{h}/u{n}/a'b?c='d#'onfocus='alert(1)",
    "https://user:pass@{h}/u{n}/[x](javascript:alert(1))",
    'https://{h}/u{n}#"><img src=x onerror=alert(1)>',
    "HTTPS://TRACKER.EXAMPLE/u{n}/{{: onclick=alert(1) }}",
    "https://{h}/u{n}/&lt;script&gt;&amp;`|*_!",
)


def hostile_url(n: int) -> str:
    return _URL_FORMS[n % len(_URL_FORMS)].format(h=TRACKER_HOST, n=n)


def benign_url(n: int) -> str:
    return f"https://example.org/field-{n}"


# -- walking the models ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What a field holds, as far as payloads are concerned."""

    name: str  # "text", "structured", "url", "model", "other"
    many: bool = False  # a list of them
    model: type[BaseModel] | None = None


def _has_pattern(metadata: list[Any]) -> bool:
    """A pattern makes a field structured (an id, a code), except the one every free text has:
    printable characters only."""
    return any(getattr(m, "pattern", None) not in (None, PRINTABLE_PATTERN) for m in metadata)


def classify(owner: type[BaseModel], name: str, info: FieldInfo) -> Kind:
    return _classify(owner, name, info.annotation, list(info.metadata), many=False)


def _classify(
    owner: type[BaseModel], name: str, annotation: Any, metadata: list[Any], *, many: bool
) -> Kind:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _classify(owner, name, inner, [*metadata, *extra], many=many)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _classify(owner, name, options[0], metadata, many=many)
        return Kind("other", many)
    if origin is list:
        (inner,) = get_args(annotation)
        return _classify(owner, name, inner, [], many=True)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Kind("model", many, annotation)
    if isinstance(annotation, type) and issubclass(annotation, AnyUrl):
        return Kind("url", many)
    if annotation is str:
        if _has_pattern(metadata) or (owner.__name__, name) in STRUCTURED:
            return Kind("structured", many)
        return Kind("text", many)
    return Kind("other", many)


def models_reachable() -> list[type[BaseModel]]:
    """Every model class the YAML roots contain, each once, in a stable order."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for name, info in model.model_fields.items():
            kind = classify(model, name, info)
            if kind.model is not None:
                visit(kind.model)

    for root in ROOTS:
        visit(root)
    return found


def text_fields() -> set[tuple[str, str]]:
    """(model, field) for every free-text field of every model."""
    return {
        (model.__name__, name)
        for model in models_reachable()
        for name, info in model.model_fields.items()
        if classify(model, name, info).name == "text"
    }


def url_fields() -> set[tuple[str, str]]:
    return {
        (model.__name__, name)
        for model in models_reachable()
        for name, info in model.model_fields.items()
        if classify(model, name, info).name == "url"
    }


# -- filling a project -----------------------------------------------------------------------


@dataclass
class Filler:
    """Hands out field numbers and texts, and remembers where each number went."""

    text: Callable[[int], str]
    url: Callable[[int], str]
    where: dict[int, str] = field(default_factory=dict)  # n -> "file: path.to.field"
    urls: set[int] = field(default_factory=set)  # the numbers given to URL fields
    filled: set[tuple[str, str]] = field(default_factory=set)  # (model, field) given a payload
    count: int = 0

    def next(self, place: str) -> int:
        self.count += 1
        self.where[self.count] = place
        return self.count

    def fill(self, model: type[BaseModel], data: dict[str, Any], place: str) -> dict[str, Any]:
        """`data` (a model's YAML mapping) with every free-text and URL field set, present or
        not; nested models that are present are filled too."""
        out = dict(data)
        for name, info in model.model_fields.items():
            kind = classify(model, name, info)
            at = f"{place}.{name}"
            if kind.name == "text":
                self.filled.add((model.__name__, name))
                if kind.many:
                    out[name] = [self.text(self.next(f"{at}[{i}]")) for i in range(2)]
                else:
                    out[name] = self.text(self.next(at))
            elif kind.name == "url":
                self.filled.add((model.__name__, name))
                n = self.next(at)
                self.urls.add(n)
                out[name] = [self.url(n)] if kind.many else self.url(n)
            elif kind.name == "model" and out.get(name) is not None:
                assert kind.model is not None
                if kind.many:
                    out[name] = [
                        self.fill(kind.model, item, f"{at}[{i}]")
                        for i, item in enumerate(out[name])
                    ]
                else:
                    out[name] = self.fill(kind.model, out[name], at)
        return out

    def csv_text(self, place: str) -> str:
        return self.text(self.next(place))


def _load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _dump_yaml(path: Path, data: dict[str, Any]) -> None:
    """The file rewritten, keeping its first line if it is a comment (the schema line)."""
    first = path.read_text("utf-8").partition("\n")[0]
    head = first + "\n" if first.startswith("#") else ""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(head + body, "utf-8")


def fill_data(data_dir: Path, filler: Filler) -> None:
    """Rewrite a copied data folder in place: every YAML file through `filler`, and every CSV's
    breakdown values (renamed as their YAML declarations were) and notes."""
    for path in sorted((data_dir / "missions").glob("*.yml")):
        _dump_yaml(path, filler.fill(MissionSpec, _load_yaml(path), f"missions/{path.name}"))
    for path in sorted((data_dir / "indicators").glob("*.yml")):
        old = _load_yaml(path)
        new = filler.fill(IndicatorSpec, old, f"indicators/{path.name}")
        _dump_yaml(path, new)
        renames = {
            b_old["column"]: {
                v_old["value"]: v_new["value"]
                for v_old, v_new in zip(b_old["values"], b_new["values"], strict=True)
            }
            for b_old, b_new in zip(
                old.get("breakdowns", []), new.get("breakdowns", []), strict=True
            )
        }
        csv_path = path.with_suffix(".csv")
        note = filler.csv_text(f"indicators/{csv_path.name}: column {NOTE}")
        _rewrite_csv(csv_path, renames, note)


def _rewrite_csv(path: Path, renames: dict[str, dict[str, str]], note: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert rows, path
    columns = list(rows[0])
    if NOTE not in columns:
        columns.append(NOTE)
    for row in rows:
        for column, mapping in renames.items():
            if row[column]:
                row[column] = mapping[row[column]]
        row[NOTE] = note
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def hostile_filler() -> Filler:
    return Filler(payload, hostile_url)


def short_filler() -> Filler:
    return Filler(short_payload, hostile_url)


def benign_filler() -> Filler:
    return Filler(benign, benign_url)


def all_texts(filler: Filler) -> Iterator[tuple[int, str]]:
    """(n, text) for every text field and CSV text column filled."""
    for n in sorted(filler.where):
        if n not in filler.urls:
            yield n, filler.text(n)

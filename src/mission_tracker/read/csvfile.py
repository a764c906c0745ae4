"""CSV rows with positions: every cell knows its line and column, so problems can point at it.

The standard library's reader does not report cell positions, so this is a small RFC 4180
reader (commas, double quotes, doubled quotes inside quotes, newlines inside quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

from mission_tracker.model.problems import ProblemList


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: int
    quoted: bool = False


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Cell, ...]
    # The row's quoting is broken and already reported; its cells are not what the editor meant,
    # so checking them would only add misleading messages.
    broken: bool = False

    @property
    def blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


def read_rows(text: str, problems: ProblemList) -> list[Row]:
    """Split normalised text ("\\n" line endings) into rows of cells."""
    rows: list[Row] = []
    position, line, n = 0, 1, len(text)
    while position < n:
        end = text.find("\n", position)
        end = n if end < 0 else end
        segment = text[position:end]
        if '"' in segment:
            row, position, line = _quoted_row(text, position, line, problems)
            rows.append(row)
            continue
        # Most lines have no quotes, and splitting them is much faster than the state machine.
        cells, column = [], 1
        for part in segment.split(","):
            cells.append(Cell(part, line, column))
            column += len(part) + 1
        rows.append(Row(line, tuple(cells)))
        position, line = end + 1, line + 1
    # A line with nothing on it is not a row (many editors leave one at the end).
    return [
        r
        for r in rows
        if not (len(r.cells) == 1 and r.cells[0].text == "" and not r.cells[0].quoted)
    ]


def _quoted_row(
    text: str, start: int, row_line: int, problems: ProblemList
) -> tuple[Row, int, int]:
    """The row starting at `start`, read character by character because it has quotes (which
    may hold commas and newlines); with the position and line number after it."""
    cells: list[Cell] = []
    buf: list[str] = []
    line, column = row_line, 1
    cell_line, cell_column, quoted = row_line, 1, False
    i, n = start, len(text)
    in_quotes = after_quote = broken = False
    while i < n:
        ch = text[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    buf.append('"')
                    i += 2
                    column += 2
                    continue
                in_quotes = False
                after_quote = True
            else:
                buf.append(ch)
                if ch == "\n":
                    line += 1
                    column = 0
        elif ch == ",":
            cells.append(Cell("".join(buf), cell_line, cell_column, quoted))
            buf, quoted, after_quote = [], False, False
            cell_line, cell_column = line, column + 1
        elif ch == "\n":
            cells.append(Cell("".join(buf), cell_line, cell_column, quoted))
            return Row(row_line, tuple(cells), broken), i + 1, line + 1
        elif ch == '"' and not buf and not quoted:
            in_quotes = quoted = True
        else:
            if after_quote:
                problems.add(
                    line,
                    column,
                    "csv.text-after-quote",
                    "text follows a closing quote in the same cell; put the whole cell in quotes "
                    'and double any quote inside it ("")',
                )
                after_quote = False
                broken = True
            buf.append(ch)
        i += 1
        column += 1
    if in_quotes:
        problems.add(
            cell_line,
            cell_column,
            "csv.unclosed-quote",
            "a quoted cell starts here but is never closed, so the rest of the file is read as "
            'part of it; add the closing double quote (")',
        )
        broken = True
    cells.append(Cell("".join(buf), cell_line, cell_column, quoted))
    return Row(row_line, tuple(cells), broken), n, line + 1

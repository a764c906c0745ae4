"""Reading an editor's file as text: encoding and line endings, with precise problems."""

from __future__ import annotations

import codecs

from mission_tracker.model.problems import ProblemList

BOM = codecs.BOM_UTF8


def decode(data: bytes, problems: ProblemList) -> str | None:
    """UTF-8 text with any BOM removed and line endings normalised to "\\n", or None.

    A BOM and Windows line endings are accepted silently: spreadsheet programs and editors on
    Windows write them, and they change nothing about the data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.add(
            1,
            1,
            "encoding.utf16",
            'the file is UTF-16 text (Excel\'s "Unicode Text"), not UTF-8; in Excel choose '
            '"CSV UTF-8 (Comma delimited)" when saving',
        )
        return None
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        byte = data[exc.start]
        hint = "save the file as UTF-8"
        if _looks_like_windows_1252(data):
            char = bytes([byte]).decode("cp1252", "replace")
            how = (
                'in Excel choose "CSV UTF-8 (Comma delimited)" when saving'
                if problems.path.endswith(".csv")
                else "save it as UTF-8 in your text editor"
            )
            hint = (
                f"it looks like a Windows-1252 file (byte 0x{byte:02X} is {char!r} there); "
                f"{how}, or in the GitHub editor retype that character"
            )
        problems.add(line, column, "encoding.not-utf8", f"the file is not UTF-8 text; {hint}")
        return None
    if "\x00" in text:
        problems.add(
            1,
            1,
            "encoding.binary",
            "the file holds binary data, not text (a spreadsheet saved under a .csv or .yml "
            'name?); save it as text: in Excel choose "CSV UTF-8 (Comma delimited)"',
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_windows_1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True

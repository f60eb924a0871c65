"""Reading and writing CSV files the way spreadsheets produce and expect them.

People edit these files in Excel or LibreOffice: the text may be UTF-8 with or without a
byte order mark, UTF-16 (Excel's "Unicode text") or Windows-1252 (older Excel), and the
delimiter follows the computer's locale (a semicolon where the decimal mark is a comma).

Every CSV ChargeDesk writes goes through ``escape_cell`` (``write_rows``, ``CsvWriter``):
a card owner's name or a charger id such as ``=HYPERLINK(...)`` must not run as a
formula when staff open the file in a spreadsheet. ``read_records`` undoes the escaping,
so a file ChargeDesk exported imports back unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

DELIMITERS = (",", ";", "\t")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = frozenset("=+-@\t\r")
ESCAPE_MARK = "'"  # spreadsheets show a leading apostrophe's cell as plain text
# A plain number is harmless as a "formula" and must stay a number (-5, +1.5, -1,5e3).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _looks_like_formula(text: str) -> bool:
    # Apostrophes and spaces in front are skipped: " =1+1" is still a formula to some
    # programs, and "'=x" must be escaped too so that unescaping stays exact.
    core = text.lstrip("' ")
    return bool(core) and core[0] in FORMULA_STARTS


def escape_cell(value: object) -> str:
    """``value`` as a CSV cell that no spreadsheet runs as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an
    apostrophe in front, unless it is a plain number (``-5``, ``+1.5``). ``unescape_cell``
    is the exact inverse.
    """
    text = "" if value is None else str(value)
    if _looks_like_formula(text) and not _PLAIN_NUMBER.fullmatch(text):
        return ESCAPE_MARK + text
    return text


def unescape_cell(text: str) -> str:
    """The value ``escape_cell`` was given (text it would not have escaped is kept)."""
    if text.startswith(ESCAPE_MARK) and _looks_like_formula(text):
        return text[1:]
    return text


def escape_row(row: Iterable[object]) -> list[str]:
    """Every cell of ``row`` escaped (see ``escape_cell``)."""
    return [escape_cell(cell) for cell in row]


class CsvWriter:
    """A ``csv.writer`` that escapes formula-looking cells; use it for every CSV written."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one escaped row."""
        self._writer.writerow(escape_row(row))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write escaped rows."""
        self._writer.writerows(escape_row(row) for row in rows)


class CsvFormatError(ValueError):
    """The file cannot be read as CSV; ``line`` is where the trouble starts."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One record of a CSV file, its fields trimmed, with the physical line it starts on."""

    line: int
    fields: tuple[str, ...]


def decode(data: bytes) -> str:
    """The text of a file: UTF-16 or UTF-8 (BOM optional), else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; a replacement character beats refusing a file.
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter used most often outside quotes in the header line (comma if none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for character in header_line:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _reader(text: str, delimiter: str, strict: bool) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=strict
    )
    line_after = 0  # csv counts the lines it has consumed so far
    try:
        for row in reader:
            yield line_after + 1, row
            line_after = reader.line_num
    except csv.Error as error:
        raise CsvFormatError(line_after + 1, str(error)) from None


def _check_quotes_closed(text: str, delimiter: str) -> None:
    # The lenient reader takes an unclosed quote as a field running to the end of the file,
    # silently swallowing every row after it; the strict one notices.
    try:
        for _record in _reader(text, delimiter, strict=True):
            pass
    except CsvFormatError as error:
        if "unexpected end of data" in str(error):
            raise CsvFormatError(
                error.line, "a quoted field is not closed (a '\"' is missing)"
            ) from None


def read_records(text: str) -> list[CsvRecord]:
    """The non-empty records of ``text``, numbered by the physical line each starts on.

    A quoted field may hold the delimiter and line breaks; such a record spans several
    lines and the next one starts after them, so line numbers match what an editor shows.
    Cells escaped by ``escape_cell`` (a file ChargeDesk exported) are read back unescaped.
    Raises CsvFormatError when the text is not CSV at all (an unclosed quote).
    """
    delimiter = sniff_delimiter(_first_line(text))
    _check_quotes_closed(text, delimiter)
    records = []
    for line, row in _reader(text, delimiter, strict=False):
        # Line breaks inside a field are kept as "\n" whatever the file used.
        fields = tuple(
            unescape_cell(field.replace("\r\n", "\n").replace("\r", "\n").strip()) for field in row
        )
        if any(fields):
            records.append(CsvRecord(line, fields))
    return records


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a CSV file for spreadsheets (UTF-8 with BOM, commas, CRLF); returns the rows.

    Formula-looking cells are escaped (see ``escape_cell``).
    """
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = CsvWriter(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count

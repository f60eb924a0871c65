"""Reading and writing CSV files the way spreadsheets produce and expect them.

People edit these files in Excel or LibreOffice: the text may be UTF-8 with or without a
byte order mark, UTF-16 (Excel's "Unicode text") or Windows-1252 (older Excel), and the
delimiter follows the computer's locale (a semicolon where the decimal mark is a comma).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";", "\t")


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
    Raises CsvFormatError when the text is not CSV at all (an unclosed quote).
    """
    delimiter = sniff_delimiter(_first_line(text))
    _check_quotes_closed(text, delimiter)
    records = []
    for line, row in _reader(text, delimiter, strict=False):
        # Line breaks inside a field are kept as "\n" whatever the file used.
        fields = tuple(field.replace("\r\n", "\n").replace("\r", "\n").strip() for field in row)
        if any(fields):
            records.append(CsvRecord(line, fields))
    return records


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a CSV file for spreadsheets (UTF-8 with BOM, commas, CRLF); returns the rows."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count

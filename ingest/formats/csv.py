"""A CSV of figures -> lines: each run of rows with two or more filled fields is a table,
rendered as pipe-table lines; a row with one filled field (a title, a note, a source line) is
a text line.

Provenance: ``row R`` (R is the CSV record number, 1-based) and ``row R, column C``.

Quarantined, with the row named: ragged rows (a table row whose field count differs from its
table's header row); a record-level file (one row per crime, as data.police.uk's street-level
files are: columns naming a record's identity or its location): not a table of figures.
"""

from __future__ import annotations

import csv
import io
import re

from ingest.formats import CellSource, LineSource, Rendered, UnreadableFormat
from ingest.formats.html import pipe_line
from ingest.formats.text import decode

# Columns that give one row per record (an incident's identity, its map position): a table
# of figures names categories and periods, never these.
RECORD_COLUMNS = re.compile(
    r"^(?:crime|incident|record|occurrence|case|offence|urn)[\s_]*(?:id|ref(?:erence)?|number|no)$"
    r"|^(?:id|uuid)$|^(?:latitude|longitude|lat|lon|lng|easting|northing|lsoa[\s_]*code"
    r"|grid[\s_]*ref(?:erence)?)$",
    re.IGNORECASE,
)
DELIMITERS = ",;\t"


def render_csv(data: bytes) -> Rendered:
    text, encoding = decode(data)
    records = _records(text)
    _refuse_record_level(records)
    lines: list[str] = []
    sources: list[LineSource] = []
    header_width: int | None = None
    for number, fields in enumerate(records, start=1):
        filled = [f for f in fields if f.strip()]
        if len(filled) <= 1:
            # A title, a note or a blank row (spreadsheets pad them with empty fields): text,
            # and the end of a table.
            header_width = None
            text_line = " ".join(f.strip() for f in filled)
            if text_line:
                lines.append(text_line)
                sources.append(LineSource(f"row {number}"))
            continue
        if header_width is None:
            header_width = len(fields)
        elif len(fields) != header_width:
            raise UnreadableFormat(
                f"ragged rows: row {number} has {len(fields)} fields where its table's header "
                f"row has {header_width}; the columns cannot be matched (row {number}: "
                f"{','.join(fields)[:120]!r})",
                issue_code="ragged_csv",
                format="csv",
            )
        cells = [f.strip().replace("|", "¦") for f in fields]
        line, spans = pipe_line(cells)
        lines.append(line)
        sources.append(
            LineSource(
                f"row {number}",
                cells=tuple(
                    CellSource(a, b, f"row {number}, column {c}")
                    for c, (a, b) in enumerate(spans, start=1)
                    if b > a
                ),
            )
        )
    return Rendered("csv", tuple(lines), tuple(sources), encoding)


def _records(text: str) -> list[list[str]]:
    """The file's records, split at its delimiter (the one that splits most rows alike)."""
    sample = [line for line in text.splitlines() if line.strip()][:50]
    best, best_rows = ",", -1
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(sample, delimiter=delimiter)]
        widest = max(counts, default=1)
        rows = sum(1 for c in counts if c == widest) if widest > 1 else 0
        if rows > best_rows:
            best, best_rows = delimiter, rows
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=best))
    except csv.Error as exc:
        raise UnreadableFormat(
            f"not readable as CSV: {exc}", issue_code="corrupt_document", format="csv"
        ) from exc


def _refuse_record_level(records: list[list[str]]) -> None:
    for number, fields in enumerate(records, start=1):
        if len(fields) > 1:
            named = [f.strip() for f in fields if RECORD_COLUMNS.match(f.strip())]
            if named:
                raise UnreadableFormat(
                    f"a record-level file, not a table of figures: its header row (row "
                    f"{number}) has columns {', '.join(repr(n) for n in named)}, one row per "
                    "record; count the records into a table of figures before loading",
                    issue_code="record_level_csv",
                    format="csv",
                )
            return  # only a table's first (header) row names its columns

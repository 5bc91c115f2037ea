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
    for first, run in _runs(records):
        if len(run) == 1 and _filled(run[0]) <= 1:
            # A title, a note or a blank row (spreadsheets pad them with empty fields): a
            # text line; a blank row is a blank line, as between a text file's paragraphs.
            lines.append(" ".join(f.strip() for f in run[0] if f.strip()))
            sources.append(LineSource(f"row {first}"))
            continue
        _refuse_ragged(first, run)
        # A spreadsheet pads every row to the widest table: columns blank in every row of
        # this table are not its columns.
        width = max(max((c + 1 for c, f in enumerate(r) if f.strip()), default=0) for r in run)
        for number, fields in enumerate(run, start=first):
            cells = [f.strip().replace("|", "¦") for f in fields[:width]]
            line, spans = pipe_line(cells)
            lines.append(line)
            sources.append(
                LineSource(
                    f"row {number}",
                    cells=tuple(
                        CellSource(a, b, f"row {number}, column {c}")
                        for c, (a, b) in enumerate(spans, start=1)
                    ),
                )
            )
    while lines and not lines[-1]:
        lines.pop()
        sources.pop()
    return Rendered("csv", tuple(lines), tuple(sources), encoding)


def _filled(fields: list[str]) -> int:
    return sum(1 for f in fields if f.strip())


def _runs(records: list[list[str]]) -> list[tuple[int, list[list[str]]]]:
    """(first record number, records): each table (a run of rows with two or more filled
    fields) as one run, every other record on its own."""
    runs: list[tuple[int, list[list[str]]]] = []
    in_table = False
    for number, fields in enumerate(records, start=1):
        table_row = _filled(fields) > 1
        if table_row and in_table:
            runs[-1][1].append(fields)
        else:
            runs.append((number, [fields]))
        in_table = table_row
    return runs


def _refuse_ragged(first: int, run: list[list[str]]) -> None:
    header = len(run[0])
    for number, fields in enumerate(run, start=first):
        if len(fields) != header:
            raise UnreadableFormat(
                f"ragged rows: row {number} has {len(fields)} fields where its table's header "
                f"row (row {first}) has {header}; the columns cannot be matched (row {number}: "
                f"{','.join(fields)[:120]!r})",
                issue_code="ragged_csv",
                format="csv",
            )


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

"""The truth files (`<document>.truth.json`, format in tests/corpus/README.md), read as written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TRUTH_SUFFIX = ".truth.json"
FACT_SUBJECTS = ("recorded_crimes", "offences", "suspect_roles", "outcomes", "victims")


@dataclass(frozen=True)
class TruthCell:
    file: str
    line: int
    row: tuple[str, ...]
    column: str | None
    period_start: str | None
    period_end: str | None
    value: float | None
    is_total: bool
    printed: str | None
    subject: str
    table_complete: bool


@dataclass(frozen=True)
class TruthTable:
    first_line: int
    last_line: int
    complete: bool
    subject: str
    cells: tuple[TruthCell, ...]


@dataclass(frozen=True)
class ProseCount:
    line: int
    value: float
    what: str


@dataclass
class TruthDocument:
    file: str
    kind: str
    force_key: str | None
    reference: str | None
    request_date: str | None
    response_date: str | None
    response_status: str | None
    truncated: bool
    tables: list[TruthTable] = field(default_factory=list)
    prose_counts: list[ProseCount] = field(default_factory=list)
    notes: str = ""
    line_count: int | None = None
    path: Path | None = None  # the document beside its truth file

    @property
    def cells(self) -> list[TruthCell]:
        return [cell for table in self.tables for cell in table.cells]

    def table_at(self, line: int) -> TruthTable | None:
        """The truth table whose lines hold this line, if any."""
        for table in self.tables:
            if table.first_line <= line <= table.last_line:
                return table
        return None


def _cell(file: str, table: dict, cell: dict) -> TruthCell:
    return TruthCell(
        file=file,
        line=int(cell["line"]),
        row=tuple(cell.get("row") or ()),
        column=cell.get("column"),
        period_start=cell.get("period_start"),
        period_end=cell.get("period_end"),
        value=cell.get("value"),
        is_total=bool(cell.get("is_total", False)),
        printed=cell.get("printed"),
        subject=table.get("subject", "other"),
        table_complete=bool(table.get("complete", True)),
    )


def _table(file: str, table: dict) -> TruthTable:
    return TruthTable(
        first_line=int(table["first_line"]),
        last_line=int(table["last_line"]),
        complete=bool(table.get("complete", True)),
        subject=table.get("subject", "other"),
        cells=tuple(_cell(file, table, cell) for cell in table.get("cells", [])),
    )


def _line_count(document: Path) -> int | None:
    if not document.is_file():
        return None
    return len(document.read_bytes().splitlines())


def read_truth_file(path: Path) -> TruthDocument:
    """One truth file; the document is the file beside it, named without `.truth.json`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    file = path.name[: -len(TRUTH_SUFFIX)]
    return TruthDocument(
        file=file,
        kind=data.get("kind", "other"),
        force_key=data.get("force_key"),
        reference=data.get("reference"),
        request_date=data.get("request_date"),
        response_date=data.get("response_date"),
        response_status=data.get("response_status"),
        truncated=bool(data.get("truncated", False)),
        tables=[_table(file, table) for table in data.get("tables", [])],
        prose_counts=[
            ProseCount(line=int(c["line"]), value=c["value"], what=c.get("what", ""))
            for c in data.get("counts_in_prose", [])
        ],
        notes=data.get("notes") or "",
        line_count=_line_count(path.with_name(file)),
        path=path.with_name(file),
    )


def read_truth(folder: Path) -> list[TruthDocument]:
    """Every truth file of the folder, by document name."""
    return [read_truth_file(path) for path in sorted(folder.glob(f"*{TRUTH_SUFFIX}"))]

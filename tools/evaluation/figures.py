"""Table figures (right / wrong / missing / invented) and figures in the facts.

Matching is one to one: on each line of each document a warehouse cell answers at most one truth
figure. Right pairs are taken first (largest matching), then same-value pairs as wrong; what is
left of the truth is missing and what is left of the warehouse is invented.

A truth cell whose value is null (suppressed or blank: `*`, ``, `no information held`) is not a
figure: it is neither scored nor can it be missing, and a warehouse cell with a null value is
never invented. A number the warehouse puts on such a line is invented.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tools.evaluation.labels import label_set, normalise_label, required_labels
from tools.evaluation.marts import FACTS, CellRow, FactRow
from tools.evaluation.truth import FACT_SUBJECTS, TruthCell, TruthDocument

T = TypeVar("T")
W = TypeVar("W")


def same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6


def period_differences(truth: TruthCell, start: str | None, end: str | None) -> list[str]:
    """How the warehouse's period differs from the truth's, where the truth gives one."""
    differences = []
    if truth.period_start is not None and truth.period_start != start:
        differences.append(f"period start {start or 'none'} (expected {truth.period_start})")
    if truth.period_end is not None and truth.period_end != end:
        differences.append(f"period end {end or 'none'} (expected {truth.period_end})")
    return differences


def cell_differences(truth: TruthCell, cell: CellRow) -> list[str]:
    """Why a warehouse cell with the truth figure's value is not right ([] when it is)."""
    carried = label_set(cell.row_path, cell.row_label, cell.column_label)
    absent = sorted(required_labels(list(truth.row), truth.column) - carried)
    differences = period_differences(truth, cell.period_start, cell.period_end)
    if absent:
        differences.append("labels " + ", ".join(repr(label) for label in absent) + " absent")
    return differences


def max_matching(
    left: Sequence[T], right: Sequence[W], fits: Callable[[T, W], bool]
) -> dict[int, int]:
    """Largest one-to-one pairing of left and right items that fit (augmenting paths)."""
    options = [[j for j, item in enumerate(right) if fits(left_item, item)] for left_item in left]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(left)):
        place(i, set())
    return {i: j for j, i in owner.items()}


@dataclass
class FigureScore:
    right: list[tuple[TruthCell, CellRow]] = field(default_factory=list)
    wrong: list[tuple[TruthCell, CellRow, list[str]]] = field(default_factory=list)
    missing: list[TruthCell] = field(default_factory=list)
    invented: list[CellRow] = field(default_factory=list)
    suppressed: int = 0

    @property
    def expected(self) -> int:
        return len(self.right) + len(self.wrong) + len(self.missing)


def _score_line(truths: list[TruthCell], cells: list[CellRow], score: FigureScore) -> None:
    right = max_matching(
        truths, cells, lambda t, c: same_value(t.value, c.value) and not cell_differences(t, c)
    )
    score.right.extend((truths[i], cells[j]) for i, j in right.items())
    rest_truth = [t for i, t in enumerate(truths) if i not in right]
    rest_cells = [c for j, c in enumerate(cells) if j not in set(right.values())]
    wrong = max_matching(rest_truth, rest_cells, lambda t, c: same_value(t.value, c.value))
    for i, j in wrong.items():
        score.wrong.append(
            (rest_truth[i], rest_cells[j], cell_differences(rest_truth[i], rest_cells[j]))
        )
    score.missing.extend(t for i, t in enumerate(rest_truth) if i not in wrong)
    score.invented.extend(c for j, c in enumerate(rest_cells) if j not in set(wrong.values()))


def score_figures(documents: list[TruthDocument], cells: list[CellRow]) -> FigureScore:
    """Every truth figure of every document against the warehouse's cells of that document."""
    score = FigureScore()
    files = {document.file for document in documents}
    truth_by_line: dict[tuple[str, int], list[TruthCell]] = defaultdict(list)
    for document in documents:
        for cell in document.cells:
            if cell.value is None:
                score.suppressed += 1
            else:
                truth_by_line[(cell.file, cell.line)].append(cell)
    cells_by_line: dict[tuple[str, int], list[CellRow]] = defaultdict(list)
    for cell in cells:
        if cell.file in files and cell.value is not None:
            cells_by_line[(cell.file, cell.line)].append(cell)
    for key in sorted(set(truth_by_line) | set(cells_by_line)):
        _score_line(truth_by_line.get(key, []), cells_by_line.get(key, []), score)
    return score


@dataclass
class FactScore:
    """Truth figures in scope for a fact, and every fact row of the scored documents by origin."""

    reached: list[tuple[TruthCell, FactRow]] = field(default_factory=list)
    not_reached: list[tuple[TruthCell, str]] = field(default_factory=list)
    from_incomplete: list[FactRow] = field(default_factory=list)
    from_other_subject: list[FactRow] = field(default_factory=list)
    outside_tables: list[FactRow] = field(default_factory=list)
    from_totals: list[FactRow] = field(default_factory=list)
    unmatched: list[FactRow] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.reached) + len(self.not_reached)

    @property
    def rows_outside(self) -> list[FactRow]:
        return [*self.from_incomplete, *self.from_other_subject, *self.outside_tables]


def in_fact_scope(cell: TruthCell) -> bool:
    """A detail figure of a complete table whose subject has a fact table."""
    return (
        cell.table_complete
        and cell.subject in FACT_SUBJECTS
        and not cell.is_total
        and cell.value is not None
    )


def fact_fits(truth: TruthCell, row: FactRow) -> bool:
    """Same value and period; and, where the fact keeps the printed label, one of the truth
    cell's labels (a cell whose labels are all periods needs none)."""
    if not same_value(truth.value, row.value):
        return False
    if period_differences(truth, row.period_start, row.period_end):
        return False
    if _label_column(truth.subject) and required_labels(list(truth.row), truth.column):
        return normalise_label(row.label) in label_set(*truth.row, truth.column)
    return True


def _label_column(subject: str) -> str | None:
    return next(spec.label_column for spec in FACTS if spec.subject == subject)


def _why_not_reached(truth: TruthCell, rows: list[FactRow]) -> str:
    same_line = [row for row in rows if row.line == truth.line]
    if not same_line:
        return "no fact row on the line"
    values = ", ".join(sorted({f"{row.value:g}" for row in same_line if row.value is not None}))
    if not any(same_value(truth.value, row.value) for row in same_line):
        return f"fact rows on the line hold {values or 'no value'}"
    return "fact row with the value has another period or label"


def _origin(row: FactRow, document: TruthDocument) -> str:
    table = document.table_at(row.line)
    if table is None:
        return "outside_tables"
    if not table.complete:
        return "from_incomplete"
    if table.subject != row.subject:
        return "from_other_subject"
    on_line = [cell for cell in table.cells if cell.line == row.line]
    if any(cell.is_total and same_value(cell.value, row.value) for cell in on_line):
        return "from_totals"
    return "unmatched"


def score_facts(
    documents: list[TruthDocument], facts: dict[str, list[FactRow] | None]
) -> FactScore:
    score = FactScore(unavailable=sorted(table for table, rows in facts.items() if rows is None))
    by_file = {document.file: document for document in documents}
    rows_by_key: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    for rows in facts.values():
        for row in rows or []:
            if row.file in by_file:
                rows_by_key[(row.fact, row.file)].append(row)
    used: set[int] = set()
    for document in documents:
        for spec in FACTS:
            wanted = [c for c in document.cells if c.subject == spec.subject and in_fact_scope(c)]
            rows = rows_by_key.get((spec.table, document.file), [])
            pairs = max_matching(wanted, rows, fact_fits)
            for i, truth in enumerate(wanted):
                if i in pairs:
                    score.reached.append((truth, rows[pairs[i]]))
                    used.add(id(rows[pairs[i]]))
                else:
                    score.not_reached.append((truth, _why_not_reached(truth, rows)))
    for (_, file), rows in sorted(rows_by_key.items()):
        for row in rows:
            if id(row) not in used:
                getattr(score, _origin(row, by_file[file])).append(row)
    return score

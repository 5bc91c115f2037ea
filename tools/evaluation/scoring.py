"""The evaluation: metrics (found / expected, or counts) and one row per document, worst first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from tools.evaluation.fields import FIELD_CHECKS, Check
from tools.evaluation.figures import FactScore, FigureScore, score_facts, score_figures
from tools.evaluation.marts import CellRow, FactRow, Marts
from tools.evaluation.truth import TruthCell, TruthDocument

FIELD_METRICS = {
    "kind": "Document kind",
    "force": "Force (documents that name one)",
    "reference": "FOI reference",
    "request_date": "Request date",
    "response_date": "Response date",
    "response_status": "Response status (FOI replies)",
    "cut_off": "Cut-off tables reported",
    "prose_counts": "Prose counts as count mentions",
}


@dataclass
class Metric:
    """A share (found of expected, higher is better) or a count (lower is better)."""

    name: str
    title: str
    kind: str  # "share" | "count"
    found: int = 0
    expected: int = 0
    available: bool = True
    note: str = ""

    @property
    def percent(self) -> float | None:
        if not self.available or self.kind != "share" or self.expected == 0:
            return None
        return 100.0 * self.found / self.expected

    def shown(self) -> str:
        if not self.available:
            return "not available"
        if self.kind == "count":
            return str(self.found)
        if self.expected == 0:
            return "nothing expected"
        return f"{self.found} / {self.expected} ({self.percent:.1f}%)"


@dataclass(frozen=True)
class Item:
    """One differing thing: a figure, a fact row, a field, a cut-off table, a prose count."""

    file: str
    line: int | None
    area: str
    outcome: str
    expected: str
    found: str


@dataclass
class DocumentRow:
    file: str
    kind: str
    misses: int
    differences: list[str]


@dataclass
class Evaluation:
    metrics: dict[str, Metric]
    documents: list[DocumentRow]
    items: list[Item]
    notes: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "metrics": {
                name: {**asdict(metric), "percent": metric.percent}
                for name, metric in self.metrics.items()
            },
            "documents": [asdict(row) for row in self.documents],
            "items": [asdict(item) for item in self.items],
            "truth_notes": self.notes,
        }


def _value(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def _truth_text(cell: TruthCell) -> str:
    labels = " > ".join(cell.row) + (f" | {cell.column}" if cell.column is not None else "")
    period = f" [{cell.period_start}..{cell.period_end}]" if cell.period_start else ""
    return f"{_value(cell.value)} at {labels}{period}"


def _cell_text(cell: CellRow) -> str:
    period = f" [{cell.period_start}..{cell.period_end}]" if cell.period_start else ""
    return f"{_value(cell.value)} at {cell.row_path or ''} | {cell.column_label or ''}{period}"


def _fact_text(row: FactRow) -> str:
    label = f" {row.label!r}" if row.label is not None else ""
    period = f"{row.period_start or 'none'}..{row.period_end or 'none'}"
    return f"{row.fact}{label} {_value(row.value)} [{period}]"


def _figure_items(score: FigureScore) -> list[Item]:
    items = [
        Item(
            t.file, t.line, "figure", "wrong", _truth_text(t), f"{_cell_text(c)}: {'; '.join(why)}"
        )
        for t, c, why in score.wrong
    ]
    items += [
        Item(t.file, t.line, "figure", "missing", _truth_text(t), "no cell with the value")
        for t in score.missing
    ]
    items += [
        Item(c.file, c.line, "figure", "invented", "no figure", _cell_text(c))
        for c in score.invented
    ]
    return items


FACT_ORIGINS = {
    "from_incomplete": "fact row from a cut-off table",
    "from_other_subject": "fact row from a table of another subject",
    "outside_tables": "fact row on a line in no table",
    "from_totals": "fact row holding a printed total",
    "unmatched": "fact row matching no figure",
}


def _fact_items(score: FactScore) -> list[Item]:
    items = [
        Item(t.file, t.line, "fact", "not_reached", _truth_text(t), why)
        for t, why in score.not_reached
    ]
    for origin, expected in FACT_ORIGINS.items():
        items += [
            Item(row.file, row.line, "fact", origin, expected, _fact_text(row))
            for row in getattr(score, origin)
        ]
    return items


def _check_items(checks: list[Check]) -> list[Item]:
    return [
        Item(c.file, c.line, c.metric, "not_found", c.expected, c.found) for c in checks if not c.ok
    ]


def _figure_metrics(figures: FigureScore | None, facts: FactScore | None) -> list[Metric]:
    metrics = [
        Metric("figures", "Table figures right", "share"),
        Metric(
            "wrong", "Table figures wrong (value on the line, label or period differs)", "count"
        ),
        Metric("missing", "Table figures missing", "count"),
        Metric("invented", "Invented figures (cells matching no truth figure)", "count"),
        Metric("facts", "In-scope figures in the right fact", "share"),
        Metric("fact_rows_outside", "Fact rows from cut-off/other tables or no table", "count"),
        Metric("fact_rows_totals", "Fact rows holding a printed total", "count"),
        Metric("fact_rows_unmatched", "Other fact rows matching no truth figure", "count"),
    ]
    by_name = {metric.name: metric for metric in metrics}
    if figures is None:
        for name in ("figures", "wrong", "missing", "invented"):
            by_name[name].available = False
    else:
        by_name["figures"].found, by_name["figures"].expected = len(figures.right), figures.expected
        by_name["wrong"].found = len(figures.wrong)
        by_name["missing"].found = len(figures.missing)
        by_name["invented"].found = len(figures.invented)
        by_name["figures"].note = f"{figures.suppressed} suppressed or blank truth cells not scored"
    fact_metrics = ("facts", "fact_rows_outside", "fact_rows_totals", "fact_rows_unmatched")
    if facts is None or facts.unavailable:
        for name in fact_metrics:
            by_name[name].available = False
            by_name[name].note = "missing: " + ", ".join(facts.unavailable if facts else [])
    else:
        by_name["facts"].found, by_name["facts"].expected = len(facts.reached), facts.expected
        by_name["fact_rows_outside"].found = len(facts.rows_outside)
        by_name["fact_rows_totals"].found = len(facts.from_totals)
        by_name["fact_rows_unmatched"].found = len(facts.unmatched)
    return metrics


def _share(name: str, title: str, checks: list[Check] | None) -> Metric:
    """Found / expected over ``checks``; not available when there are none to read."""
    metric = Metric(name, title, "share")
    if checks is None:
        metric.available = False
    else:
        metric.found = sum(check.ok for check in checks)
        metric.expected = len(checks)
    return metric


def _field_metrics(checks: dict[str, list[Check] | None]) -> list[Metric]:
    metrics = []
    for name, title in FIELD_METRICS.items():
        found = checks.get(name)
        metric = _share(name, title, None if found is None else [c for c in found if c.counted])
        set_aside = sorted(check.file for check in found or [] if not check.counted)
        if set_aside:
            metric.note = f"{len(set_aside)} not counted: " + ", ".join(set_aside)
        metrics.append(metric)
        if name == "force":
            # Every document whose truth gives a force, named in its text or not.
            metrics.append(
                _share("force_all", "Force (every document whose truth gives one)", found)
            )
    return metrics


def _lines(items: list[Item]) -> str:
    lines = sorted({item.line for item in items if item.line is not None})
    shown = ", ".join(str(line) for line in lines[:8]) + (", …" if len(lines) > 8 else "")
    word = "line" if len(lines) == 1 else "lines"
    return f" ({word} {shown})" if lines else ""


def _difference_texts(items: list[Item]) -> list[str]:
    """Short phrases naming what differs in one document."""
    texts = []
    by_kind: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        by_kind[(item.area, item.outcome)].append(item)
    for (area, outcome), group in by_kind.items():
        if area == "figure":
            texts.append(f"{len(group)} table figure(s) {outcome}{_lines(group)}")
        elif area == "fact" and outcome == "not_reached":
            texts.append(f"{len(group)} figure(s) not in their fact{_lines(group)}")
        elif area == "fact":
            texts.append(f"{len(group)} {FACT_ORIGINS[outcome]}{_lines(group)}")
        elif area == "cut_off":
            texts += [
                f"cut-off table at {item.expected.split(' cut')[0]} not reported" for item in group
            ]
        elif area == "prose_counts":
            texts.append(f"{len(group)} prose count(s) not found{_lines(group)}")
        else:
            texts += [f"{area}: expected {item.expected}, found {item.found}" for item in group]
    return texts


def _document_rows(documents: list[TruthDocument], items: list[Item]) -> list[DocumentRow]:
    by_file: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_file[item.file].append(item)
    rows = [
        DocumentRow(d.file, d.kind, len(by_file[d.file]), _difference_texts(by_file[d.file]))
        for d in documents
    ]
    return sorted(rows, key=lambda row: (-row.misses, row.file))


def evaluate(documents: list[TruthDocument], marts: Marts) -> Evaluation:
    """Score the marts against the truth documents."""
    figures = score_figures(documents, marts.cells) if marts.cells is not None else None
    facts = score_facts(documents, marts.facts)
    checks = {name: check(documents, marts) for name, check in FIELD_CHECKS.items()}
    items = _figure_items(figures) if figures else []
    items += [] if facts.unavailable else _fact_items(facts)
    for found in checks.values():
        items += _check_items(found or [])
    metrics = _figure_metrics(figures, facts) + _field_metrics(checks)
    if marts.mentions_table:
        next(m for m in metrics if m.name == "prose_counts").note = f"from {marts.mentions_table}"
    return Evaluation(
        metrics={metric.name: metric for metric in metrics},
        documents=_document_rows(documents, items),
        items=items,
        notes={d.file: d.notes for d in documents if d.notes},
    )

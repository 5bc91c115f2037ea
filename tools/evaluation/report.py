"""report.md (for reading), report.json (every number and item) and the screen summary."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.evaluation.scoring import Evaluation, Item, Metric

WORST_ON_SCREEN = 5
RULES = [
    'How it scores (all the rules: README, "How far to trust it on your documents"):',
    "",
    "- A table figure is *right* when a cell of the document has its value on its line, the",
    "  period where the truth gives one, and every non-period label of the truth cell among its",
    "  row path and column labels; *wrong* when only the value and line agree; *missing* when",
    "  no cell has the value on the line. *Invented*: a cell with a value that answers no figure.",
    "- A suppressed or blank truth cell (value null) is not a figure and is not scored; a null",
    "  cell is never invented, a number on its line is.",
    "- Facts: detail figures of complete tables of recorded crimes, offences, suspect roles,",
    "  outcomes and victims, in their fact table with value, line, period and printed label.",
    "- A cut-off table is reported by a table_cut_off, table_emptied or missing_cell_unproven",
    "  issue from its first line to 5 lines after its last.",
]


@dataclass
class RunInfo:
    """Where the numbers come from: the corpus, the warehouse, and how its build went."""

    corpus: str
    warehouse: str
    build: str  # "passed" | "failed" | "not run (--warehouse)"
    failed_nodes: list[str] = field(default_factory=list)
    build_notes: list[str] = field(default_factory=list)
    truth_files: int = 0
    documents_without_truth: list[str] = field(default_factory=list)
    truth_without_document: list[str] = field(default_factory=list)
    missed_thresholds: list[str] = field(default_factory=list)


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _metric_row(metric: Metric) -> str:
    if not metric.available or metric.kind == "count":
        found, expected, percent = metric.shown(), "", ""
    else:
        found, expected = str(metric.found), str(metric.expected)
        percent = f"{metric.percent:.1f}%" if metric.percent is not None else "n/a"
    title = f"{metric.title} (`{metric.name}`)"
    return f"| {title} | {found} | {expected} | {percent} | {_md(metric.note)} |"


def _header(info: RunInfo) -> list[str]:
    build = info.build
    if info.failed_nodes:
        build += f" ({len(info.failed_nodes)} failed node(s): {', '.join(info.failed_nodes)})"
    lines = [
        "# Evaluation against the annotated documents",
        "",
        f"- Corpus: `{info.corpus}` ({info.truth_files} truth files)",
        f"- Warehouse: `{info.warehouse}`",
        f"- dbt build: {build}",
    ]
    lines += [f"- {note}" for note in info.build_notes]
    if info.documents_without_truth:
        lines.append(
            f"- Documents without a truth file (loaded, not scored): "
            f"{len(info.documents_without_truth)}"
        )
    if info.truth_without_document:
        lines.append(
            "- Truth files without their document: " + ", ".join(info.truth_without_document)
        )
    if info.missed_thresholds:
        lines.append("- Thresholds missed: " + "; ".join(info.missed_thresholds))
    return lines


def _item_rows(items: list[Item]) -> list[str]:
    rows = ["| Where | Area | Outcome | Expected | Found |", "|---|---|---|---|---|"]
    order = {"figure": 0, "fact": 1}
    for item in sorted(items, key=lambda i: (order.get(i.area, 2), i.area, i.file, i.line or 0)):
        where = f"{item.file}:{item.line}" if item.line is not None else item.file
        rows.append(
            f"| {_md(where)} | {item.area} | {item.outcome} | {_md(item.expected)} | "
            f"{_md(item.found)} |"
        )
    return rows


def markdown(evaluation: Evaluation, info: RunInfo) -> str:
    lines = _header(info)
    lines += [
        "",
        "## Summary",
        "",
        "| Metric | Found | Expected | % | Note |",
        "|---|---|---|---|---|",
        *(_metric_row(metric) for metric in evaluation.metrics.values()),
        "",
        *RULES,
        "",
        "## Documents, worst first",
        "",
        "| Document | Kind | Misses | What differs |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {_md(row.file)} | {row.kind} | {row.misses} | {_md('; '.join(row.differences))} |"
        for row in evaluation.documents
    ]
    lines += ["", "## Every difference", ""]
    lines += _item_rows(evaluation.items) if evaluation.items else ["None."]
    return "\n".join(lines) + "\n"


def summary(evaluation: Evaluation, info: RunInfo, out: Path) -> str:
    """At most 25 lines for the screen."""
    build = info.build + (f", {len(info.failed_nodes)} failed node(s)" if info.failed_nodes else "")
    lines = [f"make evaluate: {info.truth_files} annotated documents; dbt build {build}"]
    lines += [f"  {metric.name:<20} {metric.shown()}" for metric in evaluation.metrics.values()]
    worst = [row for row in evaluation.documents if row.misses][:WORST_ON_SCREEN]
    if worst:
        lines.append("worst documents:")
        lines += [f"  {row.misses:>3}  {row.file}" for row in worst]
    lines.append(f"report: {out / 'report.md'} and {out / 'report.json'}")
    return "\n".join(lines[:25])


def write_reports(evaluation: Evaluation, info: RunInfo, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(markdown(evaluation, info), encoding="utf-8")
    document = {"run": asdict(info), **evaluation.as_dict()}
    (out / "report.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")

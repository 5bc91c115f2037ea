"""The data-quality section: held back, reconciled, repaired, press checks."""

from __future__ import annotations

from collections import defaultdict

from report import charts
from report.labels import OPEN_TABLES_UP_TO, format_number, lines_label, source, status_class
from report.marts import Document
from report.page import ChartIds, Html, chart, element, figures_table, join, table
from report.quality import Quality


def _counts_chart(
    ids: ChartIds, rows: list[dict], category: str, status: str, count: str, label: str
) -> Html:
    """A bar per category, coloured by status (checks by type, issues by code)."""
    return chart(
        ids,
        charts.counts_chart(rows, category=category, status=status, count=count),
        marks=len(rows),
        label=label,
    )  # fmt: skip


def _status_span(status: str) -> Html:
    return element("span", status, class_=status_class(status))


def _reasons(quality: Quality, held_docs: list[Document]) -> dict[str, list[str]]:
    """Why each held-back document is held back: its issues, with their lines."""
    held = {d.document_id for d in held_docs}
    reasons: dict[str, list[str]] = defaultdict(list)
    for issue in quality.issues:
        if issue["document_id"] in held:
            reasons[issue["document_id"]].append(
                f"{issue['issue_code']} ({lines_label([issue['line_number']])}): {issue['message']}"
            )
    return reasons


def _documents_part(quality: Quality, docs: list[Document]) -> list[Html]:
    held_docs = [d for d in docs if d.load_status != "loaded"]
    reasons = _reasons(quality, held_docs)
    return [
        element("h3", "Documents loaded and held back"),
        element(
            "p",
            f"{len(docs) - len(held_docs):,} document(s) loaded, {len(held_docs):,} held back "
            "(quarantined: kept for diagnosis, their figures out of the facts).",
        ),
        figures_table(
            ["Document", "Kind", "Title", "Force", "Published", "Lines", "Status", "Why held back"],
            [
                [
                    source(d),
                    d.document_kind,
                    d.title,
                    d.force_name,
                    d.publication_date,
                    d.line_count,
                    d.load_status,
                    "; ".join(reasons.get(d.document_id, [])) or None,
                ]
                for d in docs
            ],
            numeric={5},
            open_up_to=OPEN_TABLES_UP_TO,
        ),
    ]


def _tables_part(quality: Quality, by_id: dict[str, Document]) -> list[Html]:
    parts = [
        element("h3", "Table cells by status"),
        table(
            ["Status", "Cells"],
            [[r["fact_status"], r["cell_count"]] for r in quality.cell_statuses],
            numeric={1},
        ),
        element("h3", "Tables held back, and why"),
    ]
    if not quality.held_back_tables:
        return [*parts, element("p", "No table is held back.")]
    parts.append(
        figures_table(
            ["Document", "Table", "Lines", "Cells", "Status", "Reason"],
            [
                [
                    source(by_id.get(r["document_id"]), r["file_name"]),
                    r["table_number"],
                    f"{r['first_line']}–{r['last_line']}",
                    r["cell_count"],
                    r["fact_status"],
                    r["fact_status_reason"],
                ]
                for r in quality.held_back_tables
            ],
            numeric={1, 3},
            open_up_to=OPEN_TABLES_UP_TO,
        )
    )
    return parts


CHECK_COLUMNS = [
    "Document", "Table", "Line", "Compared with line", "Check", "What", "Expected", "Actual",
    "Status",
]  # fmt: skip


def _check_row(r: dict, by_id: dict[str, Document], status: Html | str) -> list:
    return [
        source(by_id.get(r["document_id"]), r["file_name"]),
        r["table_number"],
        r["line_number"],
        r["compared_line_number"],
        r["check_type"],
        r["description"],
        r["expected"],
        r["actual"],
        status,
    ]


def _reconciliation_part(ids: ChartIds, quality: Quality, by_id: dict[str, Document]) -> list[Html]:
    counts = quality.reconciliation_counts
    parts = [
        element("h3", "Reconciliation checks by status"),
        _counts_chart(
            ids, counts, "check_type", "status", "check_count",
            "Reconciliation checks by type and status",
        ),
        table(
            ["Check", "Status", "Checks"],
            [[r["check_type"], r["status"], r["check_count"]] for r in counts],
            numeric={2},
        ),
    ]  # fmt: skip
    if not quality.reconciliation_exceptions:
        return [*parts, element("p", "Every reconciliation check passed or proves a repair.")]
    parts += [
        element("h4", "Checks that neither passed nor were repaired"),
        figures_table(
            [*CHECK_COLUMNS, "Message"],
            [
                [*_check_row(r, by_id, _status_span(r["status"])), r["failure_message"]]
                for r in quality.reconciliation_exceptions
            ],
            numeric={1, 2, 3, 6, 7},
            open_up_to=OPEN_TABLES_UP_TO,
        ),
    ]
    return parts


def _repairs_part(quality: Quality, by_id: dict[str, Document]) -> list[Html]:
    parts = [element("h3", "Repaired cells and their proofs")]
    if not quality.repaired_cells:
        return [*parts, element("p", "No cell was repaired.")]
    parts += [
        table(
            [
                "Document",
                "Table",
                "Line",
                "Row",
                "Column",
                "Printed",
                "Read as",
                "Repair",
                "Status",
            ],
            [
                [
                    source(by_id.get(r["document_id"]), r["file_name"]),
                    r["table_number"],
                    r["line_number"],
                    r["row_path"],
                    r["column_label"],
                    repr(r["printed_token"]) if r["printed_token"] is not None else None,
                    format_number(r["value"]),
                    r["repair_note"],
                    r["fact_status"],
                ]
                for r in quality.repaired_cells
            ],
            numeric={1, 2, 6},
        ),
        element("h4", "The checks that prove the repairs"),
        table(
            CHECK_COLUMNS,
            [_check_row(r, by_id, r["status"]) for r in quality.repair_proofs],
            numeric={1, 2, 3, 6, 7},
        ),
    ]
    return parts


def _issues_part(ids: ChartIds, quality: Quality, by_id: dict[str, Document]) -> list[Html]:
    parts = [element("h3", "Issues found while reading the documents")]
    if not quality.issues:
        return [*parts, element("p", "No issue was found.")]
    parts += [
        _counts_chart(
            ids, quality.issue_counts, "issue_code", "severity", "issue_count",
            "Issues by code and severity",
        ),
        figures_table(
            ["Document", "Line", "Severity", "Issue", "Message", "Printed"],
            [
                [
                    source(by_id.get(r["document_id"]), r["file_name"]),
                    r["line_number"],
                    _status_span(r["severity"]),
                    r["issue_code"],
                    r["message"],
                    r["printed_text"],
                ]
                for r in quality.issues
            ],
            numeric={1},
            open_up_to=OPEN_TABLES_UP_TO,
        ),
    ]  # fmt: skip
    return parts


def _press_part(ids: ChartIds, quality: Quality, by_id: dict[str, Document]) -> list[Html]:
    parts = [
        element("h3", "Press figures and their checks"),
        element(
            "p",
            f"{quality.published_figure_count:,} figure(s) published in articles, "
            f"{len(quality.figure_checks):,} check(s) on them.",
        ),
    ]
    if not quality.figure_checks:
        return parts
    parts += [
        _counts_chart(
            ids, quality.figure_check_counts, "check_type", "status", "check_count",
            "Press figure checks by type and status",
        ),
        figures_table(
            ["Document", "Line", "Check", "What", "Expected", "Actual", "Status", "Why",
             "FOI reply compared"],
            [
                [
                    source(by_id.get(r["document_id"]), r["file_name"]),
                    r["line_number"],
                    r["check_type"],
                    r["description"],
                    format_number(r["expected"]),
                    format_number(r["actual"]),
                    _status_span(r["status"]),
                    r["status_reason"],
                    r["foi_file_name"],
                ]
                for r in quality.figure_checks
            ],
            numeric={1, 4, 5},
            open_up_to=OPEN_TABLES_UP_TO,
        ),
    ]  # fmt: skip
    return parts


def quality_section(ids: ChartIds, quality: Quality, docs: list[Document]) -> Html:
    by_id = {d.document_id: d for d in docs}
    return join(
        [
            element("h2", "Data quality", id="quality"),
            *_documents_part(quality, docs),
            *_tables_part(quality, by_id),
            *_reconciliation_part(ids, quality, by_id),
            *_repairs_part(quality, by_id),
            *_issues_part(ids, quality, by_id),
            *_press_part(ids, quality, by_id),
        ]
    )

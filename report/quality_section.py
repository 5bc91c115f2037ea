"""The data-quality section: held back, reconciled, repaired, press checks."""

from __future__ import annotations

from collections import defaultdict

from report import charts
from report.labels import OPEN_TABLES_UP_TO, format_number, lines_label, source, status_class
from report.marts import Document
from report.page import ChartIds, Html, chart, element, figures_table, join, table
from report.quality import Quality


def quality_section(ids: ChartIds, quality: Quality, docs: list[Document]) -> Html:
    by_id = {d.document_id: d for d in docs}
    held_docs = [d for d in docs if d.load_status != "loaded"]
    reasons: dict[str, list[str]] = defaultdict(list)
    for issue in quality.issues:
        if issue["document_id"] in {d.document_id for d in held_docs}:
            reasons[issue["document_id"]].append(
                f"{issue['issue_code']} ({lines_label([issue['line_number']])}): {issue['message']}"
            )
    parts = [
        element("h2", "Data quality", id="quality"),
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
        element("h3", "Table cells by status"),
        table(
            ["Status", "Cells"],
            [[r["fact_status"], r["cell_count"]] for r in quality.cell_statuses],
            numeric={1},
        ),
        element("h3", "Tables held back, and why"),
    ]
    if quality.held_back_tables:
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
    else:
        parts.append(element("p", "No table is held back."))
    parts += [
        element("h3", "Reconciliation checks by status"),
        chart(
            ids,
            charts.counts_chart(
                quality.reconciliation_counts,
                category="check_type",
                status="status",
                count="check_count",
            ),
            marks=len(quality.reconciliation_counts),
            label="Reconciliation checks by type and status",
        ),
        table(
            ["Check", "Status", "Checks"],
            [
                [r["check_type"], r["status"], r["check_count"]]
                for r in quality.reconciliation_counts
            ],
            numeric={2},
        ),
    ]
    if quality.reconciliation_exceptions:
        parts.append(element("h4", "Checks that neither passed nor were repaired"))
        parts.append(
            figures_table(
                [
                    "Document",
                    "Table",
                    "Line",
                    "Compared with line",
                    "Check",
                    "What",
                    "Expected",
                    "Actual",
                    "Status",
                    "Message",
                ],
                [
                    [
                        source(by_id.get(r["document_id"]), r["file_name"]),
                        r["table_number"],
                        r["line_number"],
                        r["compared_line_number"],
                        r["check_type"],
                        r["description"],
                        r["expected"],
                        r["actual"],
                        element("span", r["status"], class_=status_class(r["status"])),
                        r["failure_message"],
                    ]
                    for r in quality.reconciliation_exceptions
                ],
                numeric={1, 2, 3, 6, 7},
                open_up_to=OPEN_TABLES_UP_TO,
            )
        )
    else:
        parts.append(element("p", "Every reconciliation check passed or proves a repair."))
    parts.append(element("h3", "Repaired cells and their proofs"))
    if quality.repaired_cells:
        parts.append(
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
            )
        )
        parts.append(element("h4", "The checks that prove the repairs"))
        parts.append(
            table(
                [
                    "Document",
                    "Table",
                    "Line",
                    "Compared with line",
                    "Check",
                    "What",
                    "Expected",
                    "Actual",
                    "Status",
                ],
                [
                    [
                        source(by_id.get(r["document_id"]), r["file_name"]),
                        r["table_number"],
                        r["line_number"],
                        r["compared_line_number"],
                        r["check_type"],
                        r["description"],
                        r["expected"],
                        r["actual"],
                        r["status"],
                    ]
                    for r in quality.repair_proofs
                ],
                numeric={1, 2, 3, 6, 7},
            )
        )
    else:
        parts.append(element("p", "No cell was repaired."))
    parts.append(element("h3", "Issues found while reading the documents"))
    if quality.issues:
        parts.append(
            chart(
                ids,
                charts.counts_chart(
                    quality.issue_counts,
                    category="issue_code",
                    status="severity",
                    count="issue_count",
                ),
                marks=len(quality.issue_counts),
                label="Issues by code and severity",
            )
        )
        parts.append(
            figures_table(
                ["Document", "Line", "Severity", "Issue", "Message", "Printed"],
                [
                    [
                        source(by_id.get(r["document_id"]), r["file_name"]),
                        r["line_number"],
                        element("span", r["severity"], class_=status_class(r["severity"])),
                        r["issue_code"],
                        r["message"],
                        r["printed_text"],
                    ]
                    for r in quality.issues
                ],
                numeric={1},
                open_up_to=OPEN_TABLES_UP_TO,
            )
        )
    else:
        parts.append(element("p", "No issue was found."))
    parts += [
        element("h3", "Press figures and their checks"),
        element(
            "p",
            f"{quality.published_figure_count:,} figure(s) published in articles, "
            f"{len(quality.figure_checks):,} check(s) on them.",
        ),
    ]
    if quality.figure_checks:
        parts.append(
            chart(
                ids,
                charts.counts_chart(
                    quality.figure_check_counts,
                    category="check_type",
                    status="status",
                    count="check_count",
                ),
                marks=len(quality.figure_check_counts),
                label="Press figure checks by type and status",
            )
        )
        parts.append(
            figures_table(
                [
                    "Document",
                    "Line",
                    "Check",
                    "What",
                    "Expected",
                    "Actual",
                    "Status",
                    "Why",
                    "FOI reply compared",
                ],
                [
                    [
                        source(by_id.get(r["document_id"]), r["file_name"]),
                        r["line_number"],
                        r["check_type"],
                        r["description"],
                        format_number(r["expected"]),
                        format_number(r["actual"]),
                        element("span", r["status"], class_=status_class(r["status"])),
                        r["status_reason"],
                        r["foi_file_name"],
                    ]
                    for r in quality.figure_checks
                ],
                numeric={1, 4, 5},
                open_up_to=OPEN_TABLES_UP_TO,
            )
        )
    return join(parts)

"""Assemble the report: coverage, one section per force, the data-quality picture."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from report import charts
from report.coverage import coverage
from report.marts import (
    MEASURES,
    NO_FORCE,
    Document,
    Figure,
    Measure,
    connect,
    documents,
    figures,
    force_names,
    published_figures,
)
from report.page import ChartIds, Html, chart, element, figures_table, join, link, page, table, text
from report.quality import Quality, read_quality

TITLE = "Police-recorded stalking and harassment: the report"
OPEN_TABLES_UP_TO = 12


def period_label(start: dt.date | None, end: dt.date | None, grain: str | None) -> str:
    if start is None or end is None:
        return "no period stated"
    if grain == "month":
        return start.strftime("%b %Y")
    if grain == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    return f"{start.isoformat()} to {end.isoformat()}"


def lines_label(numbers: Sequence[int | None]) -> str:
    present = [n for n in numbers if n is not None]
    if not present:
        return "—"
    return ("line " if len(present) == 1 else "lines ") + ", ".join(str(n) for n in present)


def source(doc: Document | None, file_name: str | None = None) -> Html:
    if doc is None:
        return text(file_name)
    return link(doc.web_url, doc.file_name)


def figure_card(
    ids: ChartIds,
    measure: Measure,
    group: list[Figure],
    doc: Document,
    series_domain: Sequence[str],
    time_span: tuple[str, str] | None,
) -> Html:
    first = group[0]
    where = [doc.file_name]
    if first.table_number is not None:
        where.append(f"table {first.table_number}")
    if first.question_number is not None:
        where.append(f"question {first.question_number}")
    where.append(f"scope: {first.scope}")
    marks = len(charts.plotted(group))
    label = f"{measure.title}, {doc.title}"
    drawn = chart(
        ids,
        charts.figures_chart(
            group, unit=measure.unit, series_domain=series_domain, time_span=time_span
        ),
        marks=marks,
        label=label,
    )
    if measure.with_shares:
        drawn = Html(
            drawn
            + element("p", "As shares of each period's suspects:", class_="muted")
            + chart(
                ids,
                charts.figures_chart(
                    group,
                    unit=measure.unit,
                    series_domain=series_domain,
                    time_span=time_span,
                    as_shares=True,
                ),
                marks=marks,
                label=f"{label}, as shares",
            )
        )
    headers = ["Period", "Series", measure.unit.capitalize()]
    if measure.with_shares:
        headers.append("Share")
    headers += ["Document", "Line", "Note"]
    rows = []
    for f in group:
        row: list[object] = [period_label(f.period_start, f.period_end, f.period_grain), f.series]
        row.append(f.value)
        if measure.with_shares:
            row.append(f"{f.share:.1%}" if f.share is not None else None)
        row += [
            source(doc),
            lines_label(f.line_numbers),
            "includes a repaired cell" if f.is_repaired else "",
        ]
        rows.append(row)
    numeric = {2, 3} if measure.with_shares else {2}
    return Html(
        '<div class="card">'
        + element("h4", link(doc.web_url, doc.title))
        + element("p", " · ".join(where), class_="source")
        + drawn
        + figures_table(headers, rows, numeric=numeric, open_up_to=OPEN_TABLES_UP_TO)
        + "</div>"
    )


def force_section(
    ids: ChartIds,
    force_key: str | None,
    force_name: str,
    by_measure: dict[str, list[Figure]],
    docs: dict[str, Document],
    series_domains: dict[str, list[str]],
    press: list[dict[str, Any]],
) -> Html:
    everything = [f for group in by_measure.values() for f in group]
    time_span = charts.time_domain(everything)
    document_count = len({f.document_id for f in everything} | {r["document_id"] for r in press})
    parts = [
        element("h2", force_name, id=anchor(force_key)),
        element(
            "p",
            f"{document_count:,} document(s) with figures for this force. Charts of one force "
            "share one time axis, so documents covering the same periods line up side by side.",
            class_="muted",
        ),
    ]
    for measure in MEASURES:
        group_figures = by_measure.get(measure.key, [])
        if not group_figures:
            continue
        grouped: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
        for f in group_figures:
            grouped[(f.document_id, f.table_id, f.scope)].append(f)
        cards = [
            figure_card(ids, measure, group, docs[key[0]], series_domains[measure.key], time_span)
            for key, group in grouped.items()
        ]
        parts.append(element("h3", measure.title))
        parts.append(Html(f'<div class="grid">{join(cards)}</div>'))
    if press:
        parts.append(press_table(press, docs))
    return join(parts)


def press_table(press: list[dict[str, Any]], docs: dict[str, Document]) -> Html:
    """A force's figures as articles print them, beside the FOI figures above."""
    return join(
        [
            element("h3", "Figures published in the press"),
            element(
                "p",
                "As printed, with the sentence they are printed in; the checks on them are "
                "under Data quality.",
                class_="muted",
            ),
            figures_table(
                ["Period", "Metric", "Scope", "Printed", "Unit", "Document", "Line", "Sentence"],
                [
                    [
                        period_label(r["period_start"], r["period_end"], None)
                        + (f" ({r['period_text']})" if r["period_text"] else ""),
                        r["metric"],
                        r["scope"],
                        r["printed_value"],
                        r["unit"],
                        source(docs.get(r["document_id"]), r["file_name"]),
                        lines_label([r["line_number"]]),
                        r["quote"],
                    ]
                    for r in press
                ],
                numeric={3},
                open_up_to=OPEN_TABLES_UP_TO,
            ),
        ]
    )


def anchor(force_key: str | None) -> str:
    return f"force-{force_key or 'unknown'}"


def coverage_section(ids: ChartIds, rows: list[dict[str, Any]]) -> Html:
    charted = [r for r in rows if r["period_start"] is not None and r["period_end"] is not None]
    body = [
        element(
            "h2", "Coverage: which documents cover which force, scope and period", id="coverage"
        ),
        element(
            "p",
            "Each bar spans the periods a document's figures cover for one force and scope; "
            "hover a bar for its figures' count.",
            class_="muted",
        ),
    ]
    if charted:
        body.append(
            chart(ids, charts.coverage_chart(charted), marks=len(charted), label="Coverage chart")
        )
    body.append(
        figures_table(
            ["Document", "Force", "Scope", "Source", "From", "To", "Figures"],
            [
                [
                    r["file_name"],
                    r["force_name"],
                    r["scope"],
                    r["source"],
                    r["period_start"] or "no period stated",
                    r["period_end"] or "no period stated",
                    r["figure_count"],
                ]
                for r in rows
            ],
            numeric={6},
            open_up_to=OPEN_TABLES_UP_TO,
        )
    )
    return join(body)


def status_class(status: object) -> str | None:
    return f"status-{status}" if status in ("fail", "error") else None


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


def format_number(value: object) -> object:
    """A decimal from the warehouse without trailing zeros (1346.0000 -> 1,346)."""
    if value is None or isinstance(value, str | bool):
        return value
    number = float(value)  # type: ignore[arg-type]
    return f"{int(number):,}" if number.is_integer() else f"{number:,.4g}"


def render(warehouse: Path) -> str:
    """The whole report as one HTML document."""
    con = connect(warehouse)
    try:
        docs = documents(con)
        names = force_names(con)
        all_figures = {m.key: figures(con, m) for m in MEASURES}
        spans = coverage(con)
        press = published_figures(con)
        quality = read_quality(con)
    finally:
        con.close()
    docs_by_id = {d.document_id: d for d in docs}
    forces: dict[str | None, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for key, measure_figures in all_figures.items():
        for f in measure_figures:
            forces[f.force_key][key].append(f)
    press_by_force: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in press:
        press_by_force[row["force_key"]].append(row)
        if row["force_key"] not in forces:  # a force only the press covers gets a section too
            forces[row["force_key"]] = defaultdict(list)
    series_domains = {
        key: sorted({f.series for f in measure_figures})
        for key, measure_figures in all_figures.items()
    }
    order = sorted(forces, key=lambda k: (k is None, names.get(k, k or NO_FORCE)))
    ids = ChartIds()
    force_sections = [
        force_section(
            ids,
            k,
            names.get(k, k or NO_FORCE),
            forces[k],
            docs_by_id,
            series_domains,
            press_by_force.get(k, []),
        )
        for k in order
    ]
    figure_count = sum(len(v) for v in all_figures.values())
    held = sum(1 for d in docs if d.load_status != "loaded")
    failing = sum(r["check_count"] for r in quality.reconciliation_counts if r["status"] == "fail")
    summary = [
        (len(docs) - held, "documents loaded"),
        (held, "documents held back"),
        (len([k for k in forces if k is not None]), "forces with figures"),
        (figure_count, "figures charted"),
        (failing, "failed reconciliation checks"),
        (len(quality.repaired_cells), "repaired cells"),
    ]
    nav = [element("li", element("a", "Coverage", href="#coverage"))]
    nav += [
        element("li", element("a", names.get(k, k or NO_FORCE), href=f"#{anchor(k)}"))
        for k in order
    ]
    nav.append(element("li", element("a", "Data quality", href="#quality")))
    body = Html(
        "<header>"
        + element("h1", TITLE)
        + element(
            "p",
            f"Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC from the marts of "
            f"{warehouse.name}. Every figure lists its document and the line it is printed on.",
            class_="muted",
        )
        + Html(
            '<div class="summary">'
            + join(
                element("div", Html(f"<strong>{text(n)}</strong>{text(what)}"))
                for n, what in summary
            )
            + "</div>"
        )
        + element("nav", element("ul", join(nav)), aria_label="Sections")
        + "</header><main>"
        + coverage_section(ids, spans)
        + join(force_sections)
        + quality_section(ids, quality, docs)
        + "</main><footer>"
        + element(
            "p",
            "Made by `make report` (python -m report). Charts: Vega-Lite, written with Altair, "
            "drawn by the Vega JavaScript inlined in this file; nothing is fetched from the "
            "network.",
        )
        + "</footer>"
    )
    return page(TITLE, body)

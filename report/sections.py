"""The coverage section and one section per force: charts, their figures, press figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from report import charts
from report.labels import OPEN_TABLES_UP_TO, lines_label, period_label, source
from report.marts import MEASURES, Document, Figure, Measure
from report.page import ChartIds, Html, chart, element, figures_table, join, link


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

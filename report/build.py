"""Assemble the report: coverage, one section per force, the data-quality picture."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from report.coverage import coverage
from report.marts import (
    MEASURES,
    NO_FORCE,
    Figure,
    connect,
    documents,
    figures,
    force_names,
    published_figures,
)
from report.page import ChartIds, Html, element, join, page, text
from report.quality import read_quality
from report.quality_section import quality_section
from report.sections import anchor, coverage_section, force_section

TITLE = "Police-recorded stalking and harassment: the report"


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

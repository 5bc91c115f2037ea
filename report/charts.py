"""Vega-Lite charts, written with Altair, one bar per figure so that every mark is a number the
table under it lists. Periods are drawn as spans (start to end), so monthly, yearly and custom
periods from different documents sit on one honest time axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import altair as alt

from report.marts import Figure

CHART_HEIGHT = 220
PALETTE = "tableau20"


def period_end_exclusive(end: dt.date) -> str:
    return (end + dt.timedelta(days=1)).isoformat()


def plotted(figures: Sequence[Figure]) -> list[Figure]:
    """The figures a time chart can place: those with a period."""
    return [f for f in figures if f.period_start is not None and f.period_end is not None]


def time_domain(figures: Sequence[Figure]) -> tuple[str, str] | None:
    placed = plotted(figures)
    if not placed:
        return None
    start = min(f.period_start for f in placed if f.period_start)
    end = max(f.period_end for f in placed if f.period_end)
    return start.isoformat(), period_end_exclusive(end)


def _time_axis(domain: tuple[str, str] | None) -> alt.X:
    scale = alt.Scale(type="utc", domain=list(domain)) if domain else alt.Scale(type="utc")
    return alt.X("start:T", title=None, scale=scale, axis=alt.Axis(labelOverlap=True, tickCount=8))


def _legend() -> alt.Legend:
    return alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=320)


def figures_chart(
    figures: Sequence[Figure],
    *,
    unit: str,
    series_domain: Sequence[str],
    time_span: tuple[str, str] | None,
    as_shares: bool = False,
) -> dict[str, Any]:
    """Stacked bars over time: one bar segment per series and period; as shares, the segments are
    the figures' shares of their period (computed with the figures, so chart and table agree)."""
    values = [
        {
            "start": f.period_start.isoformat(),
            "end": period_end_exclusive(f.period_end),
            "series": f.series,
            "value": f.value,
            "share": f.share,
            "lines": ", ".join(str(n) for n in f.line_numbers),
        }
        for f in plotted(figures)
        if f.period_start and f.period_end
    ]
    # Periods are spans (x to x2), so Vega-Lite does not stack by itself: stack here, per period.
    measure = "share" if as_shares else "value"
    y = (
        alt.Y("bottom:Q", title=f"share of {unit}", axis=alt.Axis(format="%"))
        if as_shares
        else alt.Y("bottom:Q", title=unit)
    )
    tooltip = [
        alt.Tooltip("series:N", title="series"),
        alt.Tooltip("start:T", title="from", format="%d %b %Y", formatType="utc"),
        alt.Tooltip("value:Q", title=unit, format=","),
        alt.Tooltip("lines:N", title="line"),
    ]
    if as_shares:
        tooltip.insert(3, alt.Tooltip("share:Q", title="share", format=".1%"))
    chart = (
        alt.Chart(alt.Data(values=values))
        .transform_stack(
            stack=measure,
            groupby=["start", "end"],
            as_=["bottom", "top"],
            sort=[alt.SortField("series", order="ascending")],
        )
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=_time_axis(time_span),
            x2="end:T",
            y=y,
            y2="top:Q",
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=list(series_domain), scheme=PALETTE),
                legend=_legend(),
            ),
            tooltip=tooltip,
        )
        .properties(width="container", height=CHART_HEIGHT)
    )
    return chart.to_dict()


def coverage_chart(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Which document covers which force, scope and period: one span per row."""
    values = [
        {
            "document": row["file_name"],
            "start": row["period_start"].isoformat(),
            "end": period_end_exclusive(row["period_end"]),
            "force": row["force_name"],
            "scope": row["scope"],
            "source": row["source"],
            "figures": row["figure_count"],
            "lane": f"{row['force_name']} · {row['scope']} · {row['source']}",
        }
        for row in rows
        if row["period_start"] is not None and row["period_end"] is not None
    ]
    documents = sorted({v["document"] for v in values})
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(opacity=0.75, stroke="white", strokeWidth=0.5)
        .encode(
            x=_time_axis(None),
            x2="end:T",
            y=alt.Y("document:N", title=None, sort=documents, axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("lane:N"),
            color=alt.Color("force:N", scale=alt.Scale(scheme="category10"), legend=_legend()),
            tooltip=[
                alt.Tooltip("document:N"),
                alt.Tooltip("force:N"),
                alt.Tooltip("scope:N"),
                alt.Tooltip("source:N"),
                alt.Tooltip("start:T", title="from", format="%d %b %Y", formatType="utc"),
                alt.Tooltip("figures:Q", title="figures"),
            ],
        )
        .properties(width="container", height=max(60, 26 * len(documents)))
    )
    return chart.to_dict()


# Colours that say what a status means; any other status gets a neutral colour.
STATUS_COLOURS = {
    "pass": "#2e7d32",
    "in_facts": "#2e7d32",
    "info": "#6b8fb3",
    "repaired": "#ef8c00",
    "warning": "#ef8c00",
    "fail": "#c62828",
    "error": "#c62828",
}
NEUTRAL_COLOURS = ("#4e79a7", "#9c755f", "#76b7b2", "#b07aa1", "#bab0ac", "#59a14f", "#edc948")


def status_scale(statuses: Iterable[str]) -> alt.Scale:
    domain = sorted(set(statuses))
    neutral = iter(NEUTRAL_COLOURS * (1 + len(domain) // len(NEUTRAL_COLOURS)))
    return alt.Scale(domain=domain, range=[STATUS_COLOURS.get(s) or next(neutral) for s in domain])


def counts_chart(
    rows: Sequence[dict[str, Any]], *, category: str, status: str, count: str
) -> dict[str, Any]:
    """Horizontal stacked bars of counts, e.g. checks per type and status."""
    values = [
        {"category": row[category], "status": row[status], "count": row[count]} for row in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("category:N", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X(
                "count:Q", title="count", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")
            ),
            color=alt.Color(
                "status:N", scale=status_scale(v["status"] for v in values), legend=_legend()
            ),
            tooltip=[
                alt.Tooltip("category:N", title=category),
                alt.Tooltip("status:N", title=status),
                alt.Tooltip("count:Q", title="count"),
            ],
        )
        .properties(width="container", height=max(60, 24 * len({v["category"] for v in values})))
    )
    return chart.to_dict()

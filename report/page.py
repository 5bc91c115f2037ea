"""HTML building blocks: escaped text, tables, links, embedded charts and the page shell.

Every text that comes from a document or the warehouse goes through `text()` (html.escape);
only markup built here is `Html`. The Vega, Vega-Lite and Vega-Embed JavaScript is inlined from
vl-convert's offline bundle, so the page fetches nothing.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any
from urllib.parse import urlparse

import altair as alt
import vl_convert

SPEC_TYPE = "application/vnd.vegalite+json"


class Html(str):
    """Markup built by this module: inserted as is."""


def text(value: object) -> Html:
    """Any value as escaped HTML text; a missing value as a dash."""
    if isinstance(value, Html):
        return value
    if value is None:
        return Html("—")
    if isinstance(value, bool):
        return Html("yes" if value else "no")
    if isinstance(value, int):
        return Html(f"{value:,}")
    return Html(html.escape(str(value)))


def join(parts: Iterable[object], separator: str = "") -> Html:
    return Html(html.escape(separator).join(text(part) for part in parts))


def element(tag: str, content: object = "", **attributes: object) -> Html:
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        for name, value in attributes.items()
        if value is not None and value is not False
    )
    return Html(f"<{tag}{attrs}>{text(content) if content != '' else ''}</{tag}>")


def safe_url(url: str | None) -> str | None:
    """A web address fit for a link: http(s) only, so a catalogue entry can never run script."""
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def link(url: str | None, label: object) -> Html:
    href = safe_url(url)
    return element("a", label, href=href, rel="noopener") if href else text(label)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: set[int]) -> Html:
    head = join(element("th", h, scope="col") for h in headers)
    body = join(
        element(
            "tr",
            join(
                element("td", cell, class_="num" if i in numeric else None)
                for i, cell in enumerate(row)
            ),
        )
        for row in rows
    )
    return Html(
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def figures_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, numeric: set[int], open_up_to: int
) -> Html:
    """The figures behind a chart, open when short, folded (one click away) when long."""
    summary = element("summary", f"The figures, with document and line ({len(rows):,} rows)")
    body = table(headers, rows, numeric=numeric)
    return Html(f"<details{' open' if len(rows) <= open_up_to else ''}>{summary}{body}</details>")


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element (no `</script>` can close it)."""
    return json.dumps(data, separators=(",", ":"), default=str).replace("<", "\\u003c")


class ChartIds:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"chart-{self.count}"


def chart(ids: ChartIds, spec: dict[str, Any], *, marks: int, label: str) -> Html:
    """A chart placeholder and its Vega-Lite spec; `data-marks` says how many bars it must draw."""
    chart_id = ids.next()
    # Vega gives the container an aria-label from the spec's description.
    described = {**spec, "description": label}
    return Html(
        element("div", "", id=chart_id, class_="chart", data_marks=marks, data_label=label)
        + f'<script type="{SPEC_TYPE}" data-for="{chart_id}">{script_json(described)}</script>'
    )


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed for the Vega-Lite version Altair writes, as one script."""
    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.javascript_bundle(vl_version=version).replace("</script", "<\\/script")


DRAW_CHARTS = f"""
for (const source of document.querySelectorAll('script[type="{SPEC_TYPE}"]')) {{
  const target = document.getElementById(source.dataset.for);
  vegaEmbed(target, JSON.parse(source.textContent), {{actions: false, renderer: "svg"}})
    .then(() => {{ target.dataset.drawn = "yes"; }})
    .catch((error) => {{
      target.dataset.drawn = "error";
      target.textContent = "This chart could not be drawn: " + error;
    }});
}}
"""

STYLE = """
:root { --ink: #1d2430; --muted: #5b6575; --line: #d8dde5; --panel: #f6f8fb; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 20px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 24px 0 8px; }
h4 { font-size: 1rem; margin: 0 0 4px; }
p, li { max-width: 75ch; }
a { color: var(--accent); }
.muted, .source { color: var(--muted); font-size: 0.9rem; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; list-style: none; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px;
  margin: 12px 0; }
.summary div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 8px 12px; }
.summary strong { display: block; font-size: 1.4rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
  gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; min-width: 0; }
.chart { width: 100%; min-height: 80px; }
.chart svg { max-width: 100%; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--accent); }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 6px 0; min-width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
th { background: var(--panel); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status-fail, .status-error { color: #b00020; font-weight: 600; }
footer { margin: 40px auto 24px; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 600px) {
  body { font-size: 15px; }
  h1 { font-size: 1.3rem; }
  .card { padding: 8px; }
  th, td { padding: 3px 5px; }
}
"""


# The browser itself refuses any fetch: scripts and styles are inline, images only data: URLs.
# Vega compiles its expressions with Function(), hence 'unsafe-eval'.
POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)


def page(title: str, body: Html) -> Html:
    return Html(
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        f"<title>{text(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}<script>{vega_bundle()}</script><script>{DRAW_CHARTS}</script>"
        "</body></html>\n"
    )

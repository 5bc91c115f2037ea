"""How figures, periods, lines and sources read on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from report.marts import Document
from report.page import Html, link, text

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


def status_class(status: object) -> str | None:
    return f"status-{status}" if status in ("fail", "error") else None


def format_number(value: object) -> object:
    """A decimal from the warehouse without trailing zeros (1346.0000 -> 1,346)."""
    if value is None or isinstance(value, str | bool):
        return value
    number = float(value)  # type: ignore[arg-type]
    return f"{int(number):,}" if number.is_integer() else f"{number:,.4g}"

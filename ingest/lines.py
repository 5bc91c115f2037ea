"""Every line of a document with what it is, so nothing is dropped unaccounted (pure)."""

from __future__ import annotations

import polars as pl

from ingest.documents import QUESTION_LINE, Document, is_boilerplate
from ingest.frames import rows_frame
from ingest.schema import CORE_SCHEMAS

HEADING_MAX_WORDS = 8


def classify_line(text: str) -> str:
    """blank | boilerplate | question | heading | prose, for lines no parser has claimed.
    'boilerplate' is page furniture (cookie banners, navigation, request-thread headers,
    conversion debris: see ``ingest.documents.BOILERPLATE_LINE``)."""
    stripped = text.strip()
    if not stripped:
        return "blank"
    if is_boilerplate(stripped):
        return "boilerplate"
    if QUESTION_LINE.match(stripped):
        return "question"
    if len(stripped.split()) <= HEADING_MAX_WORDS and stripped[-1] not in ".!?\"'’”":
        return "heading"
    return "prose"


def line_frame(doc: Document, claimed: dict[int, tuple[str, str | None]]) -> pl.DataFrame:
    """One row per line; ``claimed`` maps line numbers a parser recognised to (kind, table)."""
    rows = []
    for number, text in enumerate(doc.lines, start=1):
        kind, table_id = claimed.get(number, (classify_line(text), None))
        if kind == "prose":
            kind = classify_line(text)  # the table parser only knows 'not a table'
        # In CORE_SCHEMAS["document_lines"] order.
        rows.append((doc.document_id, number, text, kind, table_id))
    return rows_frame(rows, CORE_SCHEMAS["document_lines"])

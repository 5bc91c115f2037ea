"""The curated figures of news articles (seeds/published_figures.csv) checked against the
text they quote."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import polars as pl

from ingest.documents import Document
from ingest.frames import empty_frame_of
from ingest.issues import Issue
from ingest.news.frames import MENTION_SCHEMA, parse_news_article
from ingest.news.numbers import parse_printed_value

# The columns of seeds/published_figures.csv, in order (shared with propose_figures).
CURATED_COLUMNS = (
    "figure_id",
    "file_name",
    "line_number",
    "quote",
    "printed_value",
    "value",
    "unit",
    "metric",
    "offence_scope",
    "geography",
    "period_text",
    "period_start",
    "period_end",
    "period_note",
    "producer",
    "part_of_figure_id",
    "compared_with_figure_id",
    "breakdown",
    "is_complete_breakdown",
    "applies_to_figure_id",
    "restates_figure_id",
    "change_direction",
    "is_approximate",
    "note",
)
# Columns that name another curated row, and the values of the flag columns.
REFERENCE_COLUMNS = (
    "part_of_figure_id",
    "compared_with_figure_id",
    "applies_to_figure_id",
    "restates_figure_id",
)
CHANGE_DIRECTIONS = ("increase", "decrease")
BOOLEAN_TEXT = ("true", "false")


DECREASE_WORDS = re.compile(
    r"\b(?:decline|declined|decrease|decreased|fall|fell|drop|dropped|down|lower|reduction|"
    r"fewer)\b",
    re.IGNORECASE,
)


def find_printed(haystack: str, needle: str) -> int:
    """Where ``needle`` occurs in ``haystack`` as a whole figure ('24' is not in '124'), or -1."""
    if not needle:
        return -1
    pattern = re.compile(r"(?<![\w,.])" + re.escape(needle) + r"(?![\w]|[,.]\d)")
    found = pattern.search(haystack)
    return found.start() if found else -1


def _row_issue(
    row: Mapping[str, str], doc: Document | None, code: str, message: str, severity: str = "error"
) -> Issue:
    line = _as_int(row.get("line_number"))
    return Issue(
        document_id=doc.document_id if doc else "",
        file_name=str(row.get("file_name") or ""),
        line_number=line,
        severity=severity,  # type: ignore[arg-type]
        issue_code=code,
        message=f"{row.get('figure_id')}: {message}",
        printed_text=row.get("quote"),
        table_id="published_figures",
    )


def _as_int(text: object) -> int | None:
    try:
        return int(str(text))
    except ValueError:
        return None


def _as_float(text: object) -> float | None:
    try:
        value = float(str(text))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _value_matches(row: Mapping[str, str], stated: float | None, printed: float | None) -> bool:
    """The curated value is the printed one (a decline may be recorded as negative)."""
    if stated is None or printed is None:
        return False
    if math.isclose(stated, printed, rel_tol=1e-6, abs_tol=1e-9):
        return True
    negated = math.isclose(stated, -printed, rel_tol=1e-6, abs_tol=1e-9)
    return negated and bool(DECREASE_WORDS.search(str(row.get("quote") or "")))


def _check_row(row: Mapping[str, str], doc: Document | None, mentions: pl.DataFrame) -> list[Issue]:
    if doc is None:
        return [_row_issue(row, None, "figure_document_missing", "no such document")]
    line_number = _as_int(row.get("line_number"))
    if line_number is None or not 1 <= line_number <= doc.line_count:
        return [_row_issue(row, doc, "figure_line_missing", "line number is not in the document")]
    line = doc.lines[line_number - 1]
    quote = str(row.get("quote") or "")
    printed = str(row.get("printed_value") or "")
    quote_at = line.find(quote) if quote else -1
    if quote_at < 0:
        return [_row_issue(row, doc, "figure_quote_drift", "quote is not in the line")]
    printed_at = find_printed(quote, printed)
    if printed_at < 0:
        return [_row_issue(row, doc, "figure_printed_drift", "printed_value is not in the quote")]
    stated = _as_float(row.get("value"))
    parsed = parse_printed_value(printed)
    if not _value_matches(row, stated, parsed):
        message = f"value {row.get('value')!r} is not what {printed!r} states ({parsed})"
        return [_row_issue(row, doc, "figure_value_drift", message)]
    start = quote_at + printed_at
    end = start + len(printed)
    covered = mentions.filter(
        (pl.col("line_number") == line_number)
        & (pl.col("char_start") <= start)
        & (pl.col("char_end") >= end)
    )
    if covered.is_empty():
        message = "the parser finds no number mention covering printed_value"
        return [_row_issue(row, doc, "figure_not_extracted", message, "warning")]
    return []


def _check_references(rows: list[Mapping[str, str]]) -> list[Issue]:
    issues: list[Issue] = []
    ids = [str(r.get("figure_id") or "") for r in rows]
    known = set(ids)
    for row in rows:
        figure_id = str(row.get("figure_id") or "")
        if not figure_id or ids.count(figure_id) > 1:
            issues.append(_row_issue(row, None, "figure_id_not_unique", "empty or repeated id"))
        for column in REFERENCE_COLUMNS:
            target = row.get(column)
            if target and target not in known:
                issues.append(
                    _row_issue(row, None, "figure_reference_missing", f"{column} {target!r}")
                )
    return issues


def _link_problems(row: Mapping[str, str]) -> list[str]:
    """What is inconsistent in one row's links (the checks of rpt_figure_checks use them)."""
    problems = []
    is_part = bool(row.get("part_of_figure_id"))
    if is_part != bool(row.get("breakdown")):
        problems.append("breakdown is set exactly when part_of_figure_id is")
    complete = str(row.get("is_complete_breakdown") or "")
    if (complete in BOOLEAN_TEXT) != is_part or (complete and complete not in BOOLEAN_TEXT):
        problems.append("is_complete_breakdown is true or false exactly when a part_of is set")
    direction = str(row.get("change_direction") or "")
    if direction and direction not in CHANGE_DIRECTIONS:
        problems.append(f"change_direction {direction!r} is not one of {CHANGE_DIRECTIONS}")
    if direction and not row.get("compared_with_figure_id"):
        problems.append("change_direction needs a compared_with_figure_id")
    if row.get("applies_to_figure_id") and row.get("unit") not in ("percent", "ratio"):
        problems.append("applies_to_figure_id is for a percentage or ratio")
    return problems


def _check_links(rows: list[Mapping[str, str]]) -> list[Issue]:
    """Rows whose links contradict themselves, and breakdowns whose parts disagree on
    whether they are complete."""
    issues = [
        _row_issue(row, None, "figure_link_inconsistent", problem)
        for row in rows
        for problem in _link_problems(row)
    ]
    flags: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        if row.get("part_of_figure_id") and row.get("breakdown"):
            key = (str(row["part_of_figure_id"]), str(row["breakdown"]))
            flags.setdefault(key, set()).add(str(row.get("is_complete_breakdown") or ""))
    for row in rows:
        key = (str(row.get("part_of_figure_id") or ""), str(row.get("breakdown") or ""))
        if len(flags.get(key, ())) > 1:
            message = f"the parts of {key[0]} by {key[1]} disagree on is_complete_breakdown"
            issues.append(_row_issue(row, None, "figure_link_inconsistent", message))
    return issues


def check_curated_figures(
    catalogue_rows: Iterable[Mapping[str, str]], documents: Iterable[Document]
) -> list[Issue]:
    """Issues for curated figure rows that no longer match the text they quote.

    A row must name a document and line, quote that line exactly, contain its printed_value
    in the quote, record the value the printed text states, and be found by the parser; its
    links to other rows must name existing rows and agree with each other (a part names its
    breakdown, the parts of one breakdown agree on whether it is complete, a stated direction
    has an earlier figure).
    """
    rows = list(catalogue_rows)
    by_name = {doc.file_name: doc for doc in documents}
    mentions = {name: parse_news_article(doc)["number_mentions"] for name, doc in by_name.items()}
    issues = _check_references(rows) + _check_links(rows)
    empty = empty_frame_of(MENTION_SCHEMA)
    for row in rows:
        name = str(row.get("file_name") or "")
        issues.extend(_check_row(row, by_name.get(name), mentions.get(name, empty)))
    return issues

"""Raw frames of sentences and number mentions: the prose of any document, or every line
of an article."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

import polars as pl

from ingest.documents import Document
from ingest.issues import ISSUE_SCHEMA, Issue, issues_frame
from ingest.lines import classify_line
from ingest.news.numbers import Mention, find_numbers
from ingest.news.sentences import Sentence, split_sentences

SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "sentence_id": pl.String(),
    "sentence_number": pl.Int64(),
    "line_number": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "sentence_text": pl.String(),
}

MENTION_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "mention_id": pl.String(),
    "sentence_id": pl.String(),
    "line_number": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "printed_text": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "number_kind": pl.String(),
    "qualifier": pl.String(),
    "is_approximate": pl.Boolean(),
    "words_before": pl.String(),
    "words_after": pl.String(),
}

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "sentences": SENTENCE_SCHEMA,
    "number_mentions": MENTION_SCHEMA,
    "parse_issues": ISSUE_SCHEMA,
}


# Line kinds (of the line classifier) that are never prose, besides table lines.
NOT_PROSE_KINDS = frozenset({"boilerplate"})


def _sentence_rows(doc: Document, sentences: list[Sentence]) -> list[dict[str, object]]:
    return [
        {
            "document_id": doc.document_id,
            "sentence_id": f"{doc.document_id}:{s.number}",
            "sentence_number": s.number,
            "line_number": s.line_number,
            "char_start": s.char_start,
            "char_end": s.char_end,
            "sentence_text": s.text,
        }
        for s in sentences
    ]


def _mention_rows(
    doc: Document, sentence: Sentence, mentions: list[Mention]
) -> list[dict[str, object]]:
    sentence_id = f"{doc.document_id}:{sentence.number}"
    return [
        {
            "document_id": doc.document_id,
            "mention_id": f"{sentence_id}:{ordinal}",
            "sentence_id": sentence_id,
            "line_number": sentence.line_number,
            "char_start": sentence.char_start + m.start,
            "char_end": sentence.char_start + m.end,
            "printed_text": sentence.text[m.start : m.end],
            "value": m.value if m.value is None or math.isfinite(m.value) else None,
            "unit": m.unit,
            "number_kind": m.kind,
            "qualifier": m.qualifier,
            "is_approximate": m.is_approximate,
            "words_before": m.words_before,
            "words_after": m.words_after,
        }
        for ordinal, m in enumerate(mentions, start=1)
    ]


def _mention_issues(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Issue]:
    return [
        Issue(
            document_id=doc.document_id,
            file_name=doc.file_name,
            line_number=sentence.line_number,
            severity="info",
            issue_code=m.issue_code,
            message=m.issue_message or m.issue_code,
            printed_text=sentence.text[m.start : m.end],
        )
        for m in mentions
        if m.issue_code
    ]


# Replies of one body repeat their preambles and footers line for line: classify each once.
_line_kind = lru_cache(maxsize=8192)(classify_line)


def not_prose(
    lines: tuple[str, ...], claimed: Mapping[int, tuple[str, str | None]]
) -> frozenset[int]:
    """Line numbers that are not prose: the lines a parser claimed for a table (their numbers
    are cells, read by the table parser) and page furniture (by the one line classifier)."""
    skipped = set()
    for number, text in enumerate(lines, start=1):
        kind, table_id = claimed.get(number) or (_line_kind(text), None)
        if table_id is not None or kind.startswith("table") or kind in NOT_PROSE_KINDS:
            skipped.add(number)
    return frozenset(skipped)


def parse_prose(
    doc: Document, claimed: Mapping[int, tuple[str, str | None]] | None = None
) -> dict[str, pl.DataFrame]:
    """Sentences, number mentions and parse issues of the prose of any document (FOI reply,
    article or other), keyed by raw table name. ``claimed`` is what other parsers made of
    each line (line number -> (line kind, table id)); table lines and furniture are left out."""
    return _sentences_and_mentions(doc, not_prose(doc.lines, claimed or {}), [])


def parse_news_article(doc: Document) -> dict[str, pl.DataFrame]:
    """Sentences, number mentions and parse issues of every line of one article."""
    issues: list[Issue] = []
    if doc.document_kind != "news_article":
        issues.append(
            Issue(
                doc.document_id,
                doc.file_name,
                None,
                "info",
                "not_a_news_article",
                f"document kind is {doc.document_kind!r}; parsed as an article anyway",
            )
        )
    return _sentences_and_mentions(doc, frozenset(), issues)


def _sentences_and_mentions(
    doc: Document, skipped: frozenset[int], issues: list[Issue]
) -> dict[str, pl.DataFrame]:
    sentences = split_sentences(doc.lines, skipped)
    mention_rows: list[dict[str, object]] = []
    for sentence in sentences:
        try:
            mentions = find_numbers(sentence.text)
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            issues.append(
                Issue(
                    doc.document_id,
                    doc.file_name,
                    sentence.line_number,
                    "info",
                    "unparsed_sentence",
                    f"numbers in this sentence could not be read: {error}",
                    sentence.text[:200],
                )
            )
            continue
        mention_rows.extend(_mention_rows(doc, sentence, mentions))
        issues.extend(_mention_issues(doc, sentence, mentions))
    return {
        "sentences": pl.DataFrame(_sentence_rows(doc, sentences), schema=SENTENCE_SCHEMA),
        "number_mentions": pl.DataFrame(mention_rows, schema=MENTION_SCHEMA),
        "parse_issues": issues_frame(issues),
    }

"""Sentences and every number printed in them, as raw tables, for the prose of every
document (FOI replies, news articles, other); and the curated figures of news articles.

``parse_prose`` (any document's prose lines: table lines and site furniture left out) and
``parse_news_article`` (every line of an article) are pure (a Document in, DataFrames out)
and never raise: what they cannot classify they record as an ``info`` issue. Offsets
(``char_start``/``char_end``) are 0-based, end-exclusive positions within the line, so
``line[char_start:char_end]`` is exactly the printed text.

A number mention is recognised by trying, at each word start, an ordered list of rules
(phone number, reference, section of a law, question number, date, money, percentage,
ratio, age, duration, year, count, ...); the first rule that matches and accepts its context
wins. Only a number that counts something is of kind ``count``: years, dates, ages, phone
numbers, sections, references, question numbers, percentages, money and times are not.
The comparison words immediately before a number are its ``qualifier``; approximating ones
('more than', 'around') are part of the printed figure and set ``is_approximate``.

``check_curated_figures`` ties the reviewed catalogue ``seeds/published_figures.csv`` to the
text: each curated row must still quote its line exactly and state the value it records, and
its links to other rows (parts and their breakdown, comparisons, shares, restatements) must
be consistent, since the dbt model rpt_figure_checks derives its checks from them.
"""

from __future__ import annotations

from ingest.news.figures import CURATED_COLUMNS, check_curated_figures, find_printed
from ingest.news.frames import (
    MENTION_SCHEMA,
    SCHEMAS,
    SENTENCE_SCHEMA,
    not_prose,
    parse_news_article,
    parse_prose,
)
from ingest.news.numbers import (
    NUMBER_KINDS,
    UNITS,
    find_numbers,
    number_value,
    parse_printed_value,
)
from ingest.news.sentences import sentence_spans, split_sentences

__all__ = [
    "CURATED_COLUMNS",
    "MENTION_SCHEMA",
    "NUMBER_KINDS",
    "SCHEMAS",
    "SENTENCE_SCHEMA",
    "UNITS",
    "check_curated_figures",
    "find_numbers",
    "find_printed",
    "not_prose",
    "number_value",
    "parse_news_article",
    "parse_printed_value",
    "parse_prose",
    "sentence_spans",
    "split_sentences",
]

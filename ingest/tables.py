"""FOI tables printed as text -> tables, columns, rows, cells and issues (pure functions).

The layout, not the wording, decides what is a table:
- a header line is a row-label caption followed by column tokens (month names, years,
  quarters, financial years, date ranges, 'Jan 2020', 'Q1 2020', 'Total' / 'Grand Total'),
  possibly over two lines (months over years, 'Offence 2019 2020' over 'Description
  Total'); or a short caption line followed directly by rows of numbers (a one-column table
  such as '2022 No. of Crimes', or category columns such as 'Under 18 18-24 25-34');
- a pipe-delimited line ('Offence | 2019 | 2020 |') is split at its pipes, so its labels
  and blank cells keep their places; a table printed one cell per line ('Crimes |' /
  '991 |') is reassembled when its cells fall into rows in exactly one way;
- a row is a label followed by a run of numbers (thousands separators optional) or
  suppression tokens; a label may wrap over lines, the numbers then stand on a line of
  their own; a label of '-' is a label; 'label : number' lists are rows;
- a total row is labelled 'Total' / 'Grand Total'; everything else is a group or a
  detail, which ``hierarchy`` infers from the figures;
- a row with fewer numbers than columns is never shifted: the printed totals prove its
  missing cells or the table gets an error naming the line.

Every number on a line read as a table row or header ends up as a cell or in an issue on
that line; ``unaccounted_numbers`` checks that.
"""

# The parser lives in ingest/foi/ (tokens, headers, scan, cells, accounting, model, and the
# layout readers cell_per_line, lists, flattened); this module keeps its public names.
from __future__ import annotations

from ingest.foi.accounting import (
    TABLE_LINE_KINDS,
    NumberWord,
    numeric_tokens,
    unaccounted_numbers,
)
from ingest.foi.build import ENUMERATOR, FIRST_YEAR, LAST_YEAR, REFERENCE_WORDS
from ingest.foi.cells import (
    as_date,
)
from ingest.foi.headers import (
    category_labels,
    header_columns,
)
from ingest.foi.layouts import CELL_SHAPES
from ingest.foi.model import (
    Cell,
    Column,
    ParsedTables,
    Row,
    Table,
)
from ingest.foi.scan import (
    INCOMPLETE_CODES,
    SKELETON_LABEL_CHARS,
    SKELETON_MARGIN,
    find_tables,
)
from ingest.foi.tokens import (
    AFTER_NUMBER,
    CAPTION_WORDS,
    CELL_WORD,
    CONTINUATIONS,
    DASHES,
    FOOTNOTE,
    INTRODUCTION_WORDS,
    MAX_WRAP,
    MIN_HEADER_PERIODS,
    NEGATIONS,
    NOTE_MARKS,
    NUMBER,
    NUMBER_WITH_SPACES,
    PERIOD_CAPTIONS,
    PROSE_WORDS,
    QUALIFIERS,
    QUESTION_REFERENCE,
    RULE_LINE,
    SENTENCE_ENDINGS,
    SINGLE_CELL,
    SUPPRESSION_PATTERN,
    SUPPRESSION_TOKENS,
    THOUSANDS_HEAD,
    THOUSANDS_TAIL,
    TYPO_NUMBER,
    WORD,
    Token,
    clean_label,
    is_footnote,
    is_marker,
    is_rule,
    is_value,
    is_value_token,
    marker_row,
    pipe_cells,
    question_on,
    reads_as_sentence,
    split_row,
    tokenize,
    year_label,
)

__all__ = [
    "AFTER_NUMBER",
    "CAPTION_WORDS",
    "CELL_SHAPES",
    "CELL_WORD",
    "CONTINUATIONS",
    "DASHES",
    "ENUMERATOR",
    "FIRST_YEAR",
    "FOOTNOTE",
    "INCOMPLETE_CODES",
    "INTRODUCTION_WORDS",
    "LAST_YEAR",
    "MAX_WRAP",
    "MIN_HEADER_PERIODS",
    "NEGATIONS",
    "NOTE_MARKS",
    "NUMBER",
    "NUMBER_WITH_SPACES",
    "PERIOD_CAPTIONS",
    "PROSE_WORDS",
    "QUALIFIERS",
    "QUESTION_REFERENCE",
    "REFERENCE_WORDS",
    "RULE_LINE",
    "SENTENCE_ENDINGS",
    "SINGLE_CELL",
    "SKELETON_LABEL_CHARS",
    "SKELETON_MARGIN",
    "SUPPRESSION_PATTERN",
    "SUPPRESSION_TOKENS",
    "TABLE_LINE_KINDS",
    "THOUSANDS_HEAD",
    "THOUSANDS_TAIL",
    "TYPO_NUMBER",
    "WORD",
    "Cell",
    "Column",
    "NumberWord",
    "ParsedTables",
    "Row",
    "Table",
    "Token",
    "as_date",
    "category_labels",
    "clean_label",
    "find_tables",
    "header_columns",
    "is_footnote",
    "is_marker",
    "is_rule",
    "is_value",
    "is_value_token",
    "marker_row",
    "numeric_tokens",
    "pipe_cells",
    "question_on",
    "reads_as_sentence",
    "split_row",
    "tokenize",
    "unaccounted_numbers",
    "year_label",
]

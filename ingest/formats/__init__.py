"""Every published format, turned into what the text parsers read: lines, with provenance.

A format module (``html.py``, ``pdf.py``, ``docx.py``, ``sheets.py``, ``csv.py``, ``text.py``)
turns a file's bytes into a ``Rendered``: the lines the one line classifier and the table
parser read, exactly as for a ``.txt`` reply, and for each line where it was printed in the
original (page, sheet and cell, HTML table row, Word paragraph). Tables that the format already
structures (an HTML ``<table>``, a sheet's grid, a Word table, a ruled PDF table) are rendered
as pipe-table lines (``| label | 2019 | 2020 |``), a layout the text table parser already
reads, so that everything downstream (hierarchy, repairs, reconciliation, facts) is unchanged.
Nothing else lives here: no figures are read, no kind is decided.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellSource:
    """Where one printed cell of a rendered line came from (``start``/``end``: character
    offsets of its text in the rendered line)."""

    start: int
    end: int
    locator: str  # e.g. "Table P1!I34", "table 2, row 3, column 4"


@dataclass(frozen=True)
class LineSource:
    """Where one rendered line came from."""

    locator: str  # e.g. "page 3, line 12", "Table P1 row 34", "paragraph 14"
    page: int | None = None
    sheet: str | None = None
    cells: tuple[CellSource, ...] = ()
    # Page furniture by its markup (an HTML <nav>, <footer>, cookie banner): recorded as a
    # 'boilerplate' line, never evidence of the document's kind or its title.
    furniture: bool = False


@dataclass(frozen=True)
class FormatIssue:
    """Something a reader doubts about a file it could read (an extension that lies about
    the content): it becomes a parse issue of the document. ``line``: 1-based, or None."""

    severity: str  # error | warning | info
    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Rendered:
    """A file as lines for the text parsers. ``sources[i]`` is the provenance of ``lines[i]``."""

    format: str  # txt | html | pdf | docx | xlsx | ods | csv
    lines: tuple[str, ...]
    sources: tuple[LineSource, ...]
    encoding: str | None = None
    issues: tuple[FormatIssue, ...] = ()

    def __post_init__(self) -> None:
        if len(self.lines) != len(self.sources):
            raise ValueError(
                f"{len(self.lines)} lines but {len(self.sources)} line sources: every line "
                "needs its provenance"
            )


# A blank line a reader puts between two blocks (paragraphs, a table and its text), where a
# text file has one: the parsers read a paragraph as its run of non-blank lines.
BREAK = LineSource("paragraph break")


class UnreadableFormat(ValueError):
    """The bytes cannot be read in the format they are (corrupt, encrypted, no text layer).
    ``issue_code`` names the problem in the issue that quarantines the file; ``format`` is
    what the content was read as (None when not even that is known)."""

    def __init__(
        self, message: str, issue_code: str = "unreadable_document", format: str | None = None
    ) -> None:
        super().__init__(message)
        self.issue_code = issue_code
        self.format = format

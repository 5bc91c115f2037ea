"""One entry point: a file's bytes -> ``Rendered``, by the format its content shows."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace

from ingest.formats import Rendered, UnreadableFormat
from ingest.formats.detect import Detected, detect

# What each format needs that is not read: a clear reason, never a guess.
UNSUPPORTED = {
    "ole2": (
        "encrypted_document",
        "a Compound File Binary file: a password-protected Word or Excel file, or an old "
        "binary .doc/.xls; save it unprotected as .docx, .xlsx or .pdf",
    ),
    "odt": ("unsupported_format", "an OpenDocument text file; save it as .docx or .pdf"),
    "pptx": ("unsupported_format", "a PowerPoint file; save it as .pdf"),
    "zip": ("unsupported_format", "a zip archive that is not a Word, Excel or ODS document"),
}


def _reader(fmt: str) -> Callable[[bytes], Rendered]:
    if fmt == "txt":
        from ingest.formats.text import render_text

        return render_text
    if fmt == "html":
        from ingest.formats.html import render_html

        return render_html
    if fmt == "docx":
        from ingest.formats.docx import render_docx

        return render_docx
    if fmt == "pdf":
        from ingest.formats.pdf import render_pdf

        return render_pdf
    if fmt == "csv":
        from ingest.formats.csv import render_csv

        return render_csv
    if fmt in ("xlsx", "ods"):
        return _workbook_reader(fmt)
    code, reason = UNSUPPORTED[fmt]
    raise UnreadableFormat(reason, issue_code=code, format=fmt)


def _workbook_reader(fmt: str) -> Callable[[bytes], Rendered]:
    """Spreadsheets are read by ``ingest.formats.sheets`` when it is installed."""
    try:
        sheets = importlib.import_module("ingest.formats.sheets")
    except ModuleNotFoundError as exc:
        if exc.name != "ingest.formats.sheets":
            raise
        raise UnreadableFormat(
            f"a {fmt} workbook, and this build has no spreadsheet reader (ingest.formats.sheets)",
            issue_code="unsupported_format",
            format=fmt,
        ) from exc
    return lambda data: sheets.render_workbook(data, fmt)


def render(data: bytes, file_name: str) -> Rendered:
    """Read ``data`` as what its content is. Raises UnreadableFormat (with its issue code)
    for what cannot be read; an extension that lies is a warning in ``Rendered.issues``."""
    found = detect(data, file_name)
    try:
        rendered = _reader(found.format)(data)
    except UnreadableFormat as exc:
        _explain(exc, found)
        raise
    except Exception as exc:
        if found.format == "txt":
            raise
        # Each library fails in its own way on a damaged file: one clear issue for all.
        unreadable = UnreadableFormat(
            f"a damaged {found.format} file ({found.detail}): {type(exc).__name__}: {exc}",
            issue_code="corrupt_document",
            format=found.format,
        )
        _explain(unreadable, found)
        raise unreadable from exc
    if found.issue is not None:
        rendered = replace(rendered, issues=(found.issue, *rendered.issues))
    return rendered


def _explain(exc: UnreadableFormat, found: Detected) -> None:
    if exc.format is None:
        exc.format = found.format
    if found.issue is not None:
        exc.args = (f"{exc.args[0]} ({found.issue.message})",)

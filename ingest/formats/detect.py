"""What a file is, from its content: magic bytes, a zip's manifest, markup, delimiters.

The file name's extension is a hint only: a file is read as what its bytes are, and a file
whose extension says otherwise gets a warning that names both.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from ingest.formats import FormatIssue

# The formats a reader exists (or is planned) for, by extension.
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".ods": "ods",
    ".csv": "csv",
}
# The Compound File Binary header: an old .xls/.doc, or a password-protected OOXML file.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.text": "odt",
}
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# An HTML page opens with a doctype, <html>, or a page-level element within its first bytes.
HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
HTML_TAGS = re.compile(rb"<(?:table|tr|td|th|p|div|br|span|h[1-6])\b[^>]*>", re.I)
SNIFF_BYTES = 4096
CSV_DELIMITERS = ",;\t"
# A CSV: at least this many rows, each with the same number (>= 1) of delimiters.
CSV_MIN_ROWS = 3


@dataclass(frozen=True)
class Detected:
    format: str  # txt | html | pdf | docx | xlsx | ods | csv | ole2 | odt | pptx | zip
    detail: str = ""  # what the content showed (for messages)
    issue: FormatIssue | None = None  # the extension disagrees with the content


def extension_format(file_name: str) -> str | None:
    dot = file_name.rfind(".")
    return EXTENSIONS.get(file_name[dot:].lower()) if dot >= 0 else None


def detect(data: bytes, file_name: str) -> Detected:
    """The format of ``data`` by content; a warning when ``file_name``'s extension says
    another of the formats."""
    hinted = extension_format(file_name)
    found, detail = sniff(data, hinted)
    issue = None
    if hinted is not None and hinted != found:
        issue = FormatIssue(
            "warning",
            "extension_mismatch",
            f"{file_name}: the extension says {hinted} but the content is {found} ({detail}); "
            f"it is read as {found}",
        )
    return Detected(found, detail, issue)


def sniff(data: bytes, hinted: str | None = None) -> tuple[str, str]:
    """(format, what showed it). A ``hinted`` csv needs only consistent table rows; without
    the hint most rows must be table rows (prose has commas too)."""
    head = data[:SNIFF_BYTES]
    if b"%PDF-" in data[:1024]:
        return "pdf", "a %PDF header"
    if head.startswith(OLE2):
        return "ole2", "a Compound File Binary header"
    if head.startswith(ZIP):
        return _zip_format(data)
    if HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html", "HTML markup"
    if head.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"<") and len(HTML_TAGS.findall(head)) >= 3:
        return "html", "HTML markup"
    if _looks_csv(data, strict=hinted != "csv"):
        return "csv", "rows with the same number of delimiters"
    return "txt", "text"


def _zip_format(data: bytes) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_MIMETYPES:
                    return ODF_MIMETYPES[mimetype], f"an OpenDocument archive ({mimetype})"
                return "zip", f"an OpenDocument archive of another kind ({mimetype})"
            if "[Content_Types].xml" in names:
                for prefix, fmt in OOXML_PARTS.items():
                    if any(n.startswith(prefix) for n in names):
                        return fmt, f"an Office Open XML archive with {prefix} parts"
                return "zip", "an Office Open XML archive of another kind"
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return "zip", f"a zip header but a corrupt archive ({exc})"
    return "zip", "a zip archive that is not an office document"


def _looks_csv(data: bytes, strict: bool = True) -> bool:
    """Every non-blank row of the first lines has the same number (>= 1) of one delimiter,
    read with CSV quoting, or none (a note row), and most rows carry it (prose has commas,
    but never that regularly). Not ``strict`` (the file is named .csv): rows split by one
    delimiter are enough, so that a ragged CSV is read, and refused, as CSV."""
    try:
        text = data[:SNIFF_BYTES].decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data[:SNIFF_BYTES].decode("cp1252", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if len(data) > SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the cut may fall inside the last row
    if len(lines) < CSV_MIN_ROWS:
        return False
    for delimiter in CSV_DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        counts = {len(row) for row in rows}
        # Note rows (a title, a source line) are one field; the table rows all agree.
        table = [len(row) for row in rows if len(row) > 1]
        if len(table) < CSV_MIN_ROWS:
            continue
        if not strict:
            return True  # named .csv, and rows split by the delimiter: ragged or not
        if len(set(table)) == 1 and len(table) * 2 > len(rows):
            return counts <= {1, table[0]}
    return False

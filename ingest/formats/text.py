"""A ``.txt`` reply: bytes -> decoded lines (the reading every other format is measured by)."""

from __future__ import annotations

from ingest.formats import LineSource, Rendered, UnreadableFormat

# Tried in order. utf-8-sig strips a byte-order mark; cp1252 covers Windows "smart quotes".
ENCODINGS = ("utf-8-sig", "cp1252")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name). Raises UnreadableFormat for binary."""
    if b"\x00" in data:
        raise UnreadableFormat("contains NUL bytes: a binary file, not text")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "utf-8" if encoding == "utf-8-sig" else encoding
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            name = "utf-8-bom"
        return text, name
    raise UnreadableFormat("not valid UTF-8 or Windows-1252 text")


def split_lines(text: str) -> tuple[str, ...]:
    """Split on any line ending (\\n, \\r\\n, \\r); a final newline does not add a line."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Non-breaking spaces and tabs are layout, not content.
    return tuple(line.replace("\u00a0", " ").replace("\t", " ").rstrip() for line in lines)


def text_lines(text: str) -> tuple[str, ...]:
    """Text from another format (a paragraph, a cell) as lines, cleaned as a .txt line is."""
    return split_lines(text)


def render_text(data: bytes) -> Rendered:
    """A text file: its lines as printed; a line's provenance is its own line number."""
    text, encoding = decode(data)
    lines = split_lines(text)
    sources = tuple(LineSource(f"line {n}") for n in range(1, len(lines) + 1))
    return Rendered("txt", lines, sources, encoding)

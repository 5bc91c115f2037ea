"""Documents folder -> raw frames: read, dispatch by kind to the parsers, collect issues."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ingest import foi_requests, news
from ingest.documents import Document, UnreadableDocument, content_hash, read_document
from ingest.duplicates import (
    EMPTY,
    SHINGLE_WORDS,
    Candidate,
    Fingerprint,
    fingerprint,
    near_duplicates,
)
from ingest.foi_tables import table_frames
from ingest.frames import empty_frame_of
from ingest.issues import ISSUE_SCHEMA, Issue, issues_frame
from ingest.lines import line_frame, line_sources_frame
from ingest.schema import CORE_SCHEMAS
from ingest.tables import find_tables, unaccounted_numbers

Frames = dict[str, pl.DataFrame]
# Every raw table and its schema: the core tables and each document-kind parser's own.
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    **CORE_SCHEMAS,
    **foi_requests.SCHEMAS,
    **news.SCHEMAS,
    "parse_issues": ISSUE_SCHEMA,
}
DEFAULT_CATALOGUE = Path(__file__).resolve().parents[1] / "seeds" / "document_catalogue.csv"


def _issues_from(frame: pl.DataFrame) -> list[Issue]:
    return [
        Issue(
            r["document_id"],
            r["file_name"],
            r["line_number"],
            r["severity"],
            r["issue_code"],
            r["message"],
            r["printed_text"],
            r["table_id"],
        )
        for r in frame.iter_rows(named=True)
    ]


def parse_document(
    doc: Document, catalogue: pl.DataFrame | None = None
) -> tuple[Frames, list[Issue]]:
    """All raw frames for one readable document: its kind decides which parsers read it."""
    claimed: dict[int, tuple[str, str | None]] = {}
    frames: Frames = {}
    issues: list[Issue] = []
    # Tables are read in every kind of document: a news article or a parliamentary answer
    # prints tables too.
    parsed = find_tables(doc)
    claimed.update(parsed.line_kinds)
    frames.update(table_frames(doc, parsed))
    issues.extend(parsed.issues)
    # Nothing lost: a number on a table line that is neither a cell nor explained.
    issues.extend(unaccounted_numbers(doc, parsed))
    if doc.document_kind == "foi_response":
        request_frames = foi_requests.parse_foi_request(doc)
        issues.extend(_issues_from(request_frames.pop("parse_issues")))
        frames.update(request_frames)
        if catalogue is not None:
            issues.extend(foi_requests.catalogue_conflicts(frames, catalogue, doc.file_name))
    # Sentences and number mentions of the prose of every kind of document.
    prose_frames = news.parse_prose(doc, claimed)
    issues.extend(_issues_from(prose_frames.pop("parse_issues")))
    frames.update(prose_frames)
    frames["document_lines"] = line_frame(doc, claimed)
    frames["document_line_sources"] = line_sources_frame(doc)
    issues.extend(format_issues(doc))
    issues.extend(no_figures(doc, frames))
    # Only an error about the whole document (no table, no line: the request parser failed)
    # quarantines it. An error that names its table holds back that table only (dbt marks
    # its cells held back); one that names a line but no table read nothing into the facts.
    has_errors = any(is_document_error(i) for i in issues)
    frames["documents"] = document_frame(doc, "quarantined" if has_errors else "loaded")
    return frames, issues


def format_issues(doc: Document) -> list[Issue]:
    """What the format reader doubted, as the document's issues."""
    return [
        Issue(doc.document_id, doc.file_name, i.line, i.severity, i.code, i.message)  # type: ignore[arg-type]
        for i in doc.format_issues
    ]


def no_figures(doc: Document, frames: Frames) -> list[Issue]:
    """A web page, Word file, PDF or CSV with neither a table nor a figure in its text is
    most likely not the reply itself (a cover page, an index): say so. A .txt reply is
    what an analyst chose to paste, so it is not questioned."""
    cells = frames.get("foi_table_cells")
    mentions = frames.get("number_mentions")
    if doc.format == "txt" or (cells is not None and cells.height):
        return []
    if mentions is not None and mentions.height:
        return []
    return [
        Issue(
            doc.document_id,
            doc.file_name,
            None,
            "warning",
            "no_figures",
            f"{doc.file_name} ({doc.format}) has no table and no figure in its "
            f"{sum(1 for line in doc.lines if line.strip())} lines of text: expected a "
            "reply's table or counts; it is loaded as text only",
        )
    ]


def is_document_error(issue: Issue) -> bool:
    """An error that no table or line contains: the whole document cannot be trusted."""
    return issue.severity == "error" and issue.table_id is None and issue.line_number is None


def document_frame(doc: Document, status: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "document_id": doc.document_id,
                "file_name": doc.file_name,
                "byte_count": doc.byte_count,
                "encoding": doc.encoding,
                "line_count": doc.line_count,
                "document_kind": doc.document_kind,
                "title": doc.title,
                "load_status": status,
                "format": doc.format,
            }
        ],
        schema=CORE_SCHEMAS["documents"],
    )


def _unreadable(path: Path, error: UnreadableDocument) -> tuple[Frames, list[Issue]]:
    data = path.read_bytes()
    document_id = content_hash(data)
    frame = pl.DataFrame(
        [
            {
                "document_id": document_id,
                "file_name": path.name,
                "byte_count": len(data),
                "encoding": None,
                "line_count": None,
                "document_kind": "unreadable",
                "title": None,
                "load_status": "quarantined",
                "format": error.format,
            }
        ],
        schema=CORE_SCHEMAS["documents"],
    )
    issue = Issue(
        document_id,
        path.name,
        None,
        "error",
        error.issue_code,
        f"cannot read {path.name} as {_as_what(error.format)}: {error}",
    )
    return {"documents": frame}, [issue]


def _as_what(fmt: str | None) -> str:
    return "text" if fmt in (None, "txt") else fmt


def document_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def read_catalogue(path: Path | None) -> pl.DataFrame | None:
    """The curated document catalogue (a dbt seed), read as text columns."""
    if path is None or not path.exists():
        return None
    return pl.read_csv(path, infer_schema=False)


@dataclass
class ParsedFile:
    """One file's raw frames and issues (``document_id`` None only if it could not be read)."""

    path: Path
    document_id: str
    frames: Frames
    issues: list[Issue]
    # What near-duplicate detection compares (``ingest.duplicates``): empty if unreadable.
    fingerprint: Fingerprint = EMPTY


def parse_path(path: Path, catalogue: pl.DataFrame | None = None) -> ParsedFile:
    """Read and parse one file; never raises for bad content (it becomes issues)."""
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        frames, issues = _unreadable(path, exc)
        return ParsedFile(path, frames["documents"]["document_id"][0], frames, issues)
    try:
        frames, issues = parse_document(doc, catalogue)
    except Exception as exc:  # a parser bug must not stop the other documents loading
        issue = Issue(
            doc.document_id,
            doc.file_name,
            None,
            "error",
            "parser_failed",
            f"the parser failed on {doc.file_name}: {type(exc).__name__}: {exc}",
        )
        frames = {
            "documents": document_frame(doc, "quarantined"),
            "document_lines": line_frame(doc, {}),
        }
        issues = [issue]
    return ParsedFile(path, doc.document_id, frames, issues, fingerprint(doc.lines))


def assemble(
    parsed: list[ParsedFile],
    already_loaded: set[str] | None = None,
    known_references: dict[tuple[str, str], str] | None = None,
    published: Sequence[Candidate] = (),
) -> Frames:
    """Concatenate parsed files into one frame per raw table. A file with the same bytes as
    one already loaded (here, or kept from an earlier build) is recorded once, with a warning.
    ``known_references`` (``request_identity`` -> file name) are the requests already loaded;
    ``published`` the loaded documents kept from an earlier build, for near-duplicates."""
    collected: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}
    issues: list[Issue] = []
    seen: dict[str, str] = dict.fromkeys(already_loaded or set(), "a document already loaded")
    for item in parsed:
        if item.document_id in seen:
            issues.append(
                Issue(
                    item.document_id,
                    item.path.name,
                    None,
                    "warning",
                    "duplicate_document",
                    f"{item.path.name} has the same bytes as {seen[item.document_id]}; "
                    "it is loaded once, under the first name",
                )
            )
            continue
        seen[item.document_id] = item.path.name
        issues.extend(item.issues)
        for name, frame in item.frames.items():
            collected.setdefault(name, []).append(frame)
    out: Frames = {}
    for name, schema in SCHEMAS.items():
        if name == "parse_issues":
            continue
        parts = collected.get(name) or []
        out[name] = pl.concat(parts) if parts else empty_frame_of(schema)
    issues.extend(quarantine_revised(out, known_references or {}))
    fingerprints = {item.document_id: item.fingerprint for item in parsed}
    issues.extend(quarantine_near_duplicates(out, fingerprints, published))
    out["parse_issues"] = issues_frame(issues)
    return out


def quarantine_revised(frames: Frames, known_references: dict[tuple[str, str], str]) -> list[Issue]:
    """Mark each revised version (see ``revised_versions``) quarantined in
    ``frames["documents"]``; return their issues."""
    revised = revised_versions(frames, known_references)
    quarantine(frames, [i.document_id for i in revised])
    return revised


def quarantine(frames: Frames, document_ids: list[str]) -> None:
    """Mark these documents quarantined in ``frames["documents"]``."""
    if document_ids:
        frames["documents"] = frames["documents"].with_columns(
            pl.when(pl.col("document_id").is_in(document_ids))
            .then(pl.lit("quarantined"))
            .otherwise(pl.col("load_status"))
            .alias("load_status")
        )


def request_identities(requests: pl.DataFrame) -> dict[str, frozenset[tuple[str, str]]]:
    """document_id -> the ``request_identity`` of each FOI request it answers."""
    found: dict[str, set[tuple[str, str]]] = {}
    for row in requests.filter(pl.col("reference_number").is_not_null()).iter_rows(named=True):
        identity = request_identity(row["force_name"], row["reference_number"])
        found.setdefault(row["document_id"], set()).add(identity)
    return {document_id: frozenset(ids) for document_id, ids in found.items()}


def quarantine_near_duplicates(
    frames: Frames, fingerprints: dict[str, Fingerprint], published: Sequence[Candidate] = ()
) -> list[Issue]:
    """Quarantine each loaded document that is a near-duplicate (``ingest.duplicates``) of
    another: one already ``published`` by an earlier build, or a longer one of this run.
    Two FOI replies to different requests (force and reference) are never near-duplicates.
    ``fingerprints``: document_id -> fingerprint of the documents parsed in this run."""
    loaded = frames["documents"].filter(pl.col("load_status") == "loaded")
    identities = request_identities(frames["foi_requests"])
    new = [
        Candidate(
            row["document_id"],
            row["file_name"],
            fingerprints[row["document_id"]],
            identities.get(row["document_id"], frozenset()),
        )
        for row in loaded.iter_rows(named=True)
        if row["document_id"] in fingerprints
    ]
    found = near_duplicates(new, published)
    quarantine(frames, [pair.copy.document_id for pair in found])
    return [
        Issue(
            pair.copy.document_id,
            pair.copy.file_name,
            None,
            "error",
            "near_duplicate",
            f"{pair.copy.file_name} is a near-duplicate of {pair.kept.file_name}: "
            f"{pair.shared} of the {min(len(pair.copy.shingles), len(pair.kept.shingles))} "
            f"{SHINGLE_WORDS}-word runs of the shorter are in both ({pair.containment:.0%}); it is "
            f"quarantined so that no figure is counted twice, and {pair.kept.file_name} "
            "stays loaded: remove the copy that should not be loaded",
        )
        for pair in found
    ]


# A force's name is printed with or without its kind ("Cleveland Police Service", "Cleveland
# Police"; "Avon and Somerset Constabulary" / "... Police"): the kind does not tell forces apart.
FORCE_KIND = re.compile(r"(?:\s+(?:police|constabulary|service|force))+$")


def request_identity(force: str | None, reference: str) -> tuple[str, str]:
    """An FOI reference is unique within its force (or other publisher), not nationally:
    the force as printed (any case, spacing, or kind word at its end), with the reference.
    A reply whose force was not found shares the empty force with the others that name none."""
    name = " ".join((force or "").casefold().split())
    return (FORCE_KIND.sub("", name) or name, reference)


def revised_versions(frames: Frames, known_references: dict[tuple[str, str], str]) -> list[Issue]:
    """A second FOI response from the same force with the same reference number but other
    content is a revised version (two forces' ``522/17`` are two documents). The first
    (already loaded, or first by file name) stays; each later one is quarantined until a
    person removes the version that should go, so no figures are counted twice and none
    already in the warehouse is displaced. ``known_references``: ``request_identity`` ->
    file name of the requests already loaded."""
    requests = frames["foi_requests"].filter(pl.col("reference_number").is_not_null())
    first: dict[tuple[str, str], str] = dict(known_references)
    issues = []
    for row in requests.sort("file_name").iter_rows(named=True):
        reference = row["reference_number"]
        identity = request_identity(row["force_name"], reference)
        if identity not in first:
            first[identity] = row["file_name"]
            continue
        issues.append(
            Issue(
                row["document_id"],
                row["file_name"],
                row["reference_line_number"],
                "error",
                "revised_document",
                f"{row['file_name']} is FOI reference {reference}, which {first[identity]} "
                "already is, with different content; it is quarantined so that no figure is "
                "counted twice: remove the version that should not be loaded",
            )
        )
    return issues


def load_folder(
    folder: Path,
    progress: Callable[[str], None] | None = None,
    catalogue_path: Path | None = DEFAULT_CATALOGUE,
) -> Frames:
    """Parse every document in ``folder`` into raw frames (one frame per raw table)."""
    catalogue = read_catalogue(catalogue_path)
    parsed = []
    for path in document_paths(folder):
        if progress:
            progress(path.name)
        parsed.append(parse_path(path, catalogue))
    return assemble(parsed)

"""Parse a large folder in batches, on every core, with flat memory.

``pipeline.load_folder`` keeps every document's frames in memory until the end, which is
fine for a handful of documents and not for a national corpus. Here each batch of
documents is parsed in a worker process and its rows go straight to Parquet files in a
staging folder; the main process keeps only one row per document (``documents``,
``foi_requests``) and the issues, which it needs to decide duplicates, revised versions
and quarantine exactly as ``pipeline.assemble`` does. ``writer.write_raw`` then loads the
Parquet parts into DuckDB in one transaction.

The result does not depend on the number of workers: batches are cut from the sorted file
list, and their parts are written and loaded in batch order.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ingest.documents import content_hash
from ingest.duplicates import Candidate, Fingerprint
from ingest.frames import empty_frame_of
from ingest.issues import Issue, issues_frame
from ingest.pipeline import (
    DEFAULT_CATALOGUE,
    SCHEMAS,
    Frames,
    parse_path,
    quarantine_near_duplicates,
    quarantine_revised,
    read_catalogue,
)
from ingest.writer import sorted_rows

# Kept in the main process: one row per document, needed to decide quarantine.
IN_MEMORY = ("documents", "foi_requests")
# Small enough that the last round of batches keeps every worker busy (1,005 documents on two
# workers: 200 per batch left one worker idle for a whole batch, 8.1 s against 7.3 s at 100 in
# `make bench`), large enough that each batch's Parquet parts stay few.
DEFAULT_BATCH_SIZE = 100


@dataclass
class BatchResult:
    index: int
    documents: pl.DataFrame
    foi_requests: pl.DataFrame
    issues: list[Issue]
    parts: dict[str, Path]  # raw table -> this batch's Parquet file
    rows: dict[str, int]  # raw table -> rows written
    fingerprints: dict[str, Fingerprint]  # document_id -> its text, for near-duplicates


@dataclass
class StagedLoad:
    """What ``write_raw`` needs: small tables in memory, the rest as Parquet parts."""

    frames: Frames  # documents, foi_requests, parse_issues
    parts: dict[str, list[Path]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # raw table -> rows in all parts

    def row_count(self, table: str) -> int:
        if table in self.frames:
            return self.frames[table].height
        return self.rows.get(table, 0)


def default_workers() -> int:
    """One worker per core this process may use (all cores where the OS cannot say)."""
    if hasattr(os, "sched_getaffinity"):  # Linux; not macOS or Windows
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# Parsing allocates hundreds of thousands of short-lived objects (tokens, rows), and
# Python's default (a young-generation collection every 700 allocations) spends time
# scanning them for cycles they do not have; a larger young generation measured 5-8% less
# parsing CPU (interleaved runs of 300 documents). Objects are still freed as before.
PARSE_GC_THRESHOLD = (50_000, 20, 100)


def _tune_gc_for_parsing() -> None:
    """A worker's initializer: the collector settings parsing runs best with."""
    gc.set_threshold(*PARSE_GC_THRESHOLD)


@contextlib.contextmanager
def _gc_tuned_for_parsing() -> Iterator[None]:
    """The same settings in this process, restored afterwards (the caller keeps its own)."""
    saved = gc.get_threshold()
    _tune_gc_for_parsing()
    try:
        yield
    finally:
        gc.set_threshold(*saved)


# Read once per worker process, not once per batch.
_catalogue = functools.cache(read_catalogue)


def parse_batch(
    index: int, paths: list[Path], staging: Path, catalogue_path: Path | None
) -> BatchResult:
    """Parse one batch of files and write its rows to Parquet (a worker's whole job)."""
    catalogue = _catalogue(catalogue_path)
    collected: dict[str, list[pl.DataFrame]] = {}
    issues: list[Issue] = []
    fingerprints: dict[str, Fingerprint] = {}
    for path in paths:
        parsed = parse_path(path, catalogue)
        issues.extend(parsed.issues)
        fingerprints[parsed.document_id] = parsed.fingerprint
        for name, frame in parsed.frames.items():
            collected.setdefault(name, []).append(frame)
    parts: dict[str, Path] = {}
    rows: dict[str, int] = {}
    for name, frames in collected.items():
        if name in IN_MEMORY or name == "parse_issues":
            continue
        frame = sorted_rows(pl.concat(frames))
        parts[name] = staging / f"{name}-{index:06d}.parquet"
        frame.write_parquet(parts[name])
        rows[name] = frame.height
    kept = {
        name: pl.concat(collected.get(name) or [empty_frame_of(SCHEMAS[name])])
        for name in IN_MEMORY
    }
    return BatchResult(
        index, kept["documents"], kept["foi_requests"], issues, parts, rows, fingerprints
    )


def _batches(paths: list[Path], size: int) -> Iterator[tuple[int, list[Path]]]:
    for start in range(0, len(paths), size):
        yield start // size, paths[start : start + size]


def _run_batches(
    batches: list[tuple[int, list[Path]]],
    staging: Path,
    catalogue_path: Path | None,
    workers: int,
    progress: Callable[[int], None] | None,
) -> list[BatchResult]:
    if workers <= 1 or len(batches) <= 1:
        results = []
        with _gc_tuned_for_parsing():
            for index, paths in batches:
                results.append(parse_batch(index, paths, staging, catalogue_path))
                if progress:
                    progress(len(paths))
        return results
    # 'spawn': polars' thread pool does not survive fork().
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_tune_gc_for_parsing
    ) as pool:
        futures = [
            pool.submit(parse_batch, index, paths, staging, catalogue_path)
            for index, paths in batches
        ]
        results = []
        for future, (_, paths) in zip(futures, batches, strict=True):
            results.append(future.result())
            if progress:
                progress(len(paths))
    return results


@dataclass
class ParsedStage:
    """Every batch parsed and its parts written; what is quarantined is not decided yet
    (``decided``). ``ingest``'s command decides it while the writer loads the parts."""

    parts: dict[str, list[Path]]
    rows: dict[str, int]
    frames: Frames  # IN_MEMORY tables, before quarantine
    issues: list[Issue]
    fingerprints: dict[str, Fingerprint]
    known_references: dict[tuple[str, str], str]
    published: Sequence[Candidate]

    def decided(self) -> StagedLoad:
        """Revised versions and near-duplicates quarantined, and every issue as a frame."""
        frames = dict(self.frames)
        issues = list(self.issues)
        issues.extend(quarantine_revised(frames, self.known_references))
        issues.extend(quarantine_near_duplicates(frames, self.fingerprints, self.published))
        frames["parse_issues"] = issues_frame(issues)
        staged = StagedLoad(frames, dict(self.parts), dict(self.rows))
        # A table no batch wrote (no FOI response at all, say) is still created, empty.
        for name, schema in SCHEMAS.items():
            if name not in staged.frames and name not in staged.parts:
                staged.frames[name] = empty_frame_of(schema)
        return staged


def parse_folder_staged(
    paths: list[Path],
    staging: Path,
    *,
    already_loaded: set[str] | None = None,
    known_references: dict[tuple[str, str], str] | None = None,
    published: Sequence[Candidate] = (),
    catalogue_path: Path | None = DEFAULT_CATALOGUE,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> ParsedStage:
    """Parse ``paths`` (sorted by the caller) into ``staging``; ``.decided()`` then gives
    the same rows and issues as ``pipeline.assemble(parse_path(p) for p in paths)``,
    without holding them in memory. A file with the bytes of one parsed before it, or of
    one in ``already_loaded``, is not parsed again: it is recorded once, with a warning.
    ``known_references`` and ``published`` describe the documents kept from an earlier
    build (see ``assemble``)."""
    staging.mkdir(parents=True, exist_ok=True)
    seen: dict[str, str] = dict.fromkeys(already_loaded or set(), "a document already loaded")
    duplicates: dict[Path, Issue] = {}
    unique: list[Path] = []
    for path in paths:
        document_id = content_hash(path.read_bytes())
        if document_id in seen:
            duplicates[path] = Issue(
                document_id,
                path.name,
                None,
                "warning",
                "duplicate_document",
                f"{path.name} has the same bytes as {seen[document_id]}; "
                "it is loaded once, under the first name",
            )
            if progress:
                progress(1)
            continue
        seen[document_id] = path.name
        unique.append(path)

    batches = list(_batches(unique, batch_size))
    results = _run_batches(batches, staging, catalogue_path, workers or default_workers(), progress)

    # Issues in file order, a duplicate's warning where the duplicate stands.
    issues_of = {path: [] for path in paths}
    for (_, batch_paths), result in zip(batches, results, strict=True):
        by_name = {p.name: p for p in batch_paths}
        for issue in result.issues:
            issues_of[by_name[issue.file_name]].append(issue)
    for path, issue in duplicates.items():
        issues_of[path].append(issue)
    issues = [issue for path in paths for issue in issues_of[path]]

    frames: Frames = {
        name: pl.concat([getattr(r, name) for r in results])
        if results
        else empty_frame_of(SCHEMAS[name])
        for name in IN_MEMORY
    }
    parts: dict[str, list[Path]] = {}
    rows: dict[str, int] = {}
    for result in results:
        for name, part in result.parts.items():
            parts.setdefault(name, []).append(part)
            rows[name] = rows.get(name, 0) + result.rows[name]
    return ParsedStage(
        parts,
        rows,
        frames,
        issues,
        {doc_id: found for r in results for doc_id, found in r.fingerprints.items()},
        known_references or {},
        published,
    )

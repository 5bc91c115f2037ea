"""The scheduled build: ingest + dbt build into a new file, published atomically.

``python -m ingest.scheduled --documents documents --warehouse warehouse.duckdb``

- Builds into ``.<warehouse>.building-<pid>/<warehouse>`` beside the warehouse, and only when
  ingest and every dbt test passed replaces the warehouse with it (``os.replace``: atomic).
  An analyst's open session keeps reading the old file; the next session opens the new one.
- A failed or killed build leaves the published warehouse as it was; its building file is
  removed (by the run itself, or by the next run if the process was killed).
- Only new or changed documents are parsed: rows of unchanged documents (same content hash,
  same parser) are copied from the published warehouse.
- Every run is recorded (``<warehouse>.runs.jsonl``, loaded into ``ops.build_runs`` of each
  published warehouse), with documents added, changed, removed and quarantined, the dbt test
  results and the exit status.

Exit statuses (for cron, CI and other schedulers):
  0  published; every document loaded
  3  published, but documents are quarantined: see marts.rpt_data_quality_issues
  2  build failed (ingest error or a dbt test failed); the published warehouse is unchanged
  75 another scheduled build holds the lock; nothing was done (try again later)
  64 usage error (e.g. the documents folder does not exist)
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from ingest.batches import load_folder_staged
from ingest.documents import UnreadableDocument, content_hash
from ingest.pipeline import DEFAULT_CATALOGUE
from ingest.writer import write_raw

REPO = Path(__file__).resolve().parents[1]
EXIT_PUBLISHED = 0
EXIT_BUILD_FAILED = 2
EXIT_QUARANTINED = 3
EXIT_USAGE = 64
EXIT_LOCKED = 75


@dataclass
class RunRecord:
    run_id: str
    started_at: str
    finished_at: str | None = None
    documents_total: int = 0
    documents_added: list[str] = field(default_factory=list)
    documents_changed: list[str] = field(default_factory=list)
    documents_removed: list[str] = field(default_factory=list)
    documents_unchanged: int = 0
    documents_parsed: int = 0
    documents_quarantined: list[str] = field(default_factory=list)
    incremental: bool = False
    tests_passed: int = 0
    tests_warned: int = 0
    tests_failed: int = 0
    tests_errored: int = 0
    tests_skipped: int = 0
    published: bool = False
    exit_status: int = EXIT_BUILD_FAILED
    message: str = ""


class Progress:
    """A progress bar on a terminal, plain log lines otherwise (cron, CI)."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.tty = stream.isatty()
        self.done = 0
        self.last_logged = -1

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.tty:
            filled = int(30 * self.done / self.total)
            self.stream.write(
                f"\r  parsing [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
            )
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = 10 * self.done // self.total
        if tenth != self.last_logged:
            self.last_logged = tenth
            log(f"parsed {self.done}/{self.total} documents")


def log(message: str) -> None:
    stamp = datetime.now(UTC).strftime("%H:%M:%S")
    print(f"[{stamp}] scheduled: {message}", file=sys.stderr, flush=True)


def parser_fingerprint() -> str:
    """Changes whenever the ingest code or the catalogue changes: then everything is parsed."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "ingest").glob("*.py")):
        digest.update(path.read_bytes())
    if DEFAULT_CATALOGUE.exists():
        digest.update(DEFAULT_CATALOGUE.read_bytes())
    return digest.hexdigest()


def building_path(warehouse: Path) -> Path:
    """Where this run builds: a private folder beside the warehouse, under the warehouse's
    own file name. DuckDB views name their database after the file, so the new file must be
    called what the published one is called; the folder keeps the rename on one filesystem."""
    return warehouse.parent / f".{warehouse.name}.building-{os.getpid()}" / warehouse.name


def staging_path(building: Path) -> Path:
    """Where ingest stages parsed rows as Parquet: inside the building folder."""
    return building.parent / "staging"


def remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    shutil.rmtree(staging_path(path), ignore_errors=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def remove_stale_builds(warehouse: Path) -> None:
    """Building folders of runs that were killed (their process is gone)."""
    for folder in warehouse.parent.glob(f".{warehouse.name}.building-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        alive = pid.isdigit() and Path(f"/proc/{pid}").exists() and int(pid) != os.getpid()
        if not alive:
            log(f"removing {folder.name}, left by a build that did not finish")
            remove_database(folder / warehouse.name)
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def exclusive_lock(warehouse: Path) -> Iterator[bool]:
    """One scheduled build at a time per warehouse; released even if the process is killed."""
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Previous:
    """What the published warehouse already holds, per file name."""

    hashes: dict[str, str]  # file name -> document_id
    status: dict[str, str]  # document_id -> load_status
    fingerprint: str | None


def read_previous(warehouse: Path) -> Previous | None:
    if not warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:  # e.g. an analyst holds it open for writing
        log(f"cannot read the published warehouse ({exc}); parsing every document")
        return None
    try:
        rows = con.execute(
            "select file_name, document_id, load_status from raw.documents"
        ).fetchall()
        try:
            fingerprint = con.execute(
                "select value from raw.ingest_state where key = 'parser_fingerprint'"
            ).fetchone()
        except duckdb.Error:
            fingerprint = None
    except duckdb.Error:
        return None
    finally:
        con.close()
    return Previous(
        hashes={name: doc_id for name, doc_id, _ in rows},
        status={doc_id: status for _, doc_id, status in rows},
        fingerprint=fingerprint[0] if fingerprint else None,
    )


def ingest_incrementally(
    documents: Path, building: Path, warehouse: Path, record: RunRecord
) -> None:
    """Write the raw schema of ``building``: unchanged documents copied, the rest parsed."""
    fingerprint = parser_fingerprint()
    previous = read_previous(warehouse)
    reusable = previous is not None and previous.fingerprint == fingerprint
    record.incremental = reusable
    paths = sorted(p for p in documents.iterdir() if p.is_file() and not p.name.startswith("."))
    current = {p.name: content_hash(p.read_bytes()) for p in paths}
    old = previous.hashes if previous else {}
    record.documents_total = len(paths)
    record.documents_added = sorted(n for n in current if n not in old)
    record.documents_changed = sorted(n for n in current if n in old and old[n] != current[n])
    record.documents_removed = sorted(n for n in old if n not in current)
    keep: set[str] = set()
    to_parse = paths
    if reusable and previous is not None:
        unchanged = {n for n in current if old.get(n) == current[n]}
        keep = {current[n] for n in unchanged}
        to_parse = [p for p in paths if p.name not in unchanged]
        # A changed document whose new version is quarantined keeps its last good version.
        for name in record.documents_changed:
            if previous.status.get(old[name]) == "loaded":
                keep.add(old[name])
    record.documents_unchanged = len(paths) - len(to_parse)
    record.documents_parsed = len(to_parse)
    progress = Progress(len(to_parse))
    # Parsed rows are staged as Parquet beside the building file, removed with it.
    staged = load_folder_staged(
        to_parse,
        staging_path(building),
        already_loaded=keep,
        known_references=kept_references(warehouse, keep),
        progress=progress.step,
    )
    frames = staged.frames
    changed_and_kept = {old[n] for n in record.documents_changed} & keep
    quarantined = frames["documents"].filter(pl.col("load_status") == "quarantined")
    record.documents_quarantined = sorted(quarantined["file_name"].to_list())
    if changed_and_kept:
        log(f"{len(changed_and_kept)} changed document(s) keep their last good version")
    write_raw(
        building,
        frames,
        carry_over=(warehouse, keep) if keep else None,
        state={"parser_fingerprint": fingerprint},
        parts=staged.parts,
    )
    shutil.rmtree(staging_path(building), ignore_errors=True)


def kept_references(warehouse: Path, keep: set[str]) -> dict[str, str]:
    """FOI reference -> file name of the requests kept from the published warehouse."""
    if not keep:
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select reference_number, file_name, document_id from raw.foi_requests "
            "where reference_number is not null order by file_name"
        ).fetchall()
    finally:
        con.close()
    references: dict[str, str] = {}
    for reference, file_name, document_id in rows:
        if document_id in keep:
            references.setdefault(reference, file_name)
    return references


def dbt_build(building: Path, work: Path) -> tuple[int, dict[str, int], str]:
    env = {**os.environ, "WAREHOUSE_PATH": str(building), "DBT_PROFILES_DIR": str(REPO)}
    target = work / "target"
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--vars",
        "{allow_quarantine: true}",
        "--target-path",
        str(target),
        "--log-path",
        str(work / "logs"),
    ]
    log("dbt build")
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    counts = {"pass": 0, "warn": 0, "fail": 0, "error": 0, "skipped": 0}
    results_file = target / "run_results.json"
    if results_file.exists():
        for node in json.loads(results_file.read_text())["results"]:
            if node["unique_id"].startswith(("test.", "unit_test.")):
                status = node["status"]
                counts[status] = counts.get(status, 0) + 1
    return result.returncode, counts, result.stdout[-4000:] + result.stderr[-2000:]


def load_run_history(building: Path, history: Path) -> None:
    """The published warehouse carries every run so far, failed ones included."""
    con = duckdb.connect(str(building))
    try:
        con.execute("create schema if not exists ops")
        con.execute(
            """
            create or replace table ops.build_runs (
                run_id varchar, started_at timestamp, finished_at timestamp,
                documents_total integer, documents_added integer, documents_changed integer,
                documents_removed integer, documents_unchanged integer,
                documents_parsed integer, documents_quarantined integer,
                quarantined_files varchar, incremental boolean,
                tests_passed integer, tests_warned integer, tests_failed integer,
                tests_errored integer, tests_skipped integer,
                published boolean, exit_status integer, message varchar
            )
            """
        )
        runs = [json.loads(line) for line in history.read_text().splitlines() if line.strip()]
        for run in runs:
            con.execute(
                "insert into ops.build_runs values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run["run_id"],
                    run["started_at"],
                    run["finished_at"],
                    run["documents_total"],
                    len(run["documents_added"]),
                    len(run["documents_changed"]),
                    len(run["documents_removed"]),
                    run["documents_unchanged"],
                    run["documents_parsed"],
                    len(run["documents_quarantined"]),
                    ", ".join(run["documents_quarantined"]),
                    run["incremental"],
                    run["tests_passed"],
                    run["tests_warned"],
                    run["tests_failed"],
                    run["tests_errored"],
                    run["tests_skipped"],
                    run["published"],
                    run["exit_status"],
                    run["message"],
                ],
            )
        con.execute("checkpoint")
    finally:
        con.close()


def append_history(history: Path, record: RunRecord) -> None:
    with history.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(record)) + "\n")


def run(documents: Path, warehouse: Path) -> int:
    warehouse = warehouse.resolve()
    history = warehouse.with_name(warehouse.name + ".runs.jsonl")
    record = RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}",
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    building = building_path(warehouse)
    work = REPO / "build" / "scheduled" / record.run_id
    started = time.perf_counter()
    try:
        remove_stale_builds(warehouse)
        building.parent.mkdir()
        ingest_incrementally(documents, building, warehouse, record)
        log(
            f"ingest: {record.documents_parsed} parsed, {record.documents_unchanged} unchanged, "
            f"{len(record.documents_removed)} removed, "
            f"{len(record.documents_quarantined)} quarantined"
        )
        returncode, counts, output = dbt_build(building, work)
        record.tests_passed, record.tests_warned = counts["pass"], counts["warn"]
        record.tests_failed, record.tests_errored = counts["fail"], counts["error"]
        record.tests_skipped = counts["skipped"]
        if returncode != 0:
            record.message = "dbt build failed; the published warehouse is unchanged"
            print(output, file=sys.stderr)
            return finish(record, history, EXIT_BUILD_FAILED)
        record.published = True
        status = EXIT_QUARANTINED if record.documents_quarantined else EXIT_PUBLISHED
        record.exit_status = status
        record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        append_history(history, record)
        load_run_history(building, history)
        os.replace(building, warehouse)  # atomic: readers see the old file or the new one
        log(f"published {warehouse.name} in {time.perf_counter() - started:.1f}s")
        if record.documents_quarantined:
            log("quarantined: " + ", ".join(record.documents_quarantined))
        return status
    except (OSError, duckdb.Error, UnreadableDocument, ValueError) as exc:
        record.message = f"{type(exc).__name__}: {exc}"
        log(f"build failed: {record.message}")
        return finish(record, history, EXIT_BUILD_FAILED)
    finally:
        remove_database(building)


def finish(record: RunRecord, history: Path, status: int) -> int:
    record.exit_status = status
    record.published = False
    record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    append_history(history, record)
    log(record.message or "build failed")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.scheduled",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--documents", type=Path, default=Path("documents"))
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    args = parser.parse_args(argv)
    if not args.documents.is_dir():
        print(f"scheduled: documents folder not found: {args.documents}", file=sys.stderr)
        return EXIT_USAGE
    # SIGTERM (a scheduler's timeout) unwinds like an exception, so the building file goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(EXIT_BUILD_FAILED))
    with exclusive_lock(args.warehouse.resolve()) as acquired:
        if not acquired:
            log("another scheduled build is running for this warehouse; nothing done")
            return EXIT_LOCKED
        return run(args.documents, args.warehouse)


if __name__ == "__main__":
    sys.exit(main())

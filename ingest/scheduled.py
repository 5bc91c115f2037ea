"""The one build path: ingest + dbt build into a new file, published atomically.

``make build`` runs it (with ``--ok-when-published``), and so does a scheduler:
``python -m ingest.scheduled --documents documents --warehouse warehouse.duckdb``

- Builds into ``.<warehouse>.building/<warehouse>`` beside the warehouse (private: the lock
  admits one run), and only when
  ingest and every dbt test passed replaces the warehouse with it (``os.replace``: atomic).
  An analyst's open session keeps reading the old file; the next session opens the new one.
- A failed or killed build leaves the published warehouse as it was; its building file is
  removed (by the run itself, or by the next run if the process was killed).
- Only new or changed documents are parsed: rows of unchanged documents (same content hash,
  same parser) are copied from the published warehouse.
- Every run is recorded (``<warehouse>.runs.jsonl``, loaded into ``ops.build_runs`` of each
  published warehouse), with documents added, changed, removed, the dbt test results, the
  exit status, and what the published warehouse holds back (quarantined documents and
  held-back figures, whichever run parsed them).
- dbt's parse of the project is saved per warehouse (``build/dbt-parse/``) and handed to the
  next run, so dbt parses only what changed.
- Finished runs prune their dbt work folders (``build/scheduled/<run>``), keeping the last few.

Exit statuses (for cron, CI and other schedulers; ``--ok-when-published`` turns 3 into 0):
  0  published; every document loaded and no figure held back
  3  published, but the published warehouse holds documents quarantined or figures held
     back (listed in the output, each with why): see marts.rpt_data_quality_issues
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
import re
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

from ingest.batches import parse_folder_staged
from ingest.build_summary import Run, display_path, print_summary, read_contents
from ingest.documents import UnreadableDocument, content_hash
from ingest.duplicates import Candidate, fingerprint
from ingest.pipeline import DEFAULT_CATALOGUE, request_identities, request_identity
from ingest.writer import write_raw

REPO = Path(__file__).resolve().parents[1]
EXIT_PUBLISHED = 0
EXIT_BUILD_FAILED = 2
EXIT_QUARANTINED = 3
EXIT_USAGE = 64
EXIT_LOCKED = 75
# Work folders (dbt target and logs) of the last runs that are kept; older ones are removed.
KEEP_RUN_FOLDERS = 5
PARTIAL_PARSE = "partial_parse.msgpack"  # dbt's saved parse of the project, in its target


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
    # What the published warehouse holds back, not only what this run parsed.
    documents_quarantined: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
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
    """A progress bar on a terminal; plain log lines otherwise (cron, CI), one a quarter."""

    def __init__(self, total: int, label: str, unit: str, stream=sys.stderr) -> None:
        self.total = max(total, 1)
        self.label = label
        self.unit = unit
        self.stream = stream
        self.tty = stream.isatty()
        self.done = 0
        self.last_logged = 0

    def step(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        if self.tty:
            filled = int(30 * self.done / self.total)
            self.stream.write(
                f"\r  {self.label:<9} [{'#' * filled}{'.' * (30 - filled)}] "
                f"{self.done}/{self.total} {self.unit}"
            )
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        quarter = 4 * self.done // self.total
        if quarter != self.last_logged:
            self.last_logged = quarter
            log(f"{self.label}: {self.done}/{self.total} {self.unit}")


def log(message: str) -> None:
    stamp = datetime.now(UTC).strftime("%H:%M:%S")
    print(f"[{stamp}] build: {message}", file=sys.stderr, flush=True)


def parser_fingerprint() -> str:
    """Changes whenever the ingest code or the catalogue changes: then everything is parsed."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "ingest").rglob("*.py")):  # the subpackages too
        digest.update(path.read_bytes())
    if DEFAULT_CATALOGUE.exists():
        digest.update(DEFAULT_CATALOGUE.read_bytes())
    return digest.hexdigest()


def building_path(warehouse: Path) -> Path:
    """Where a run builds: a folder beside the warehouse, under the warehouse's own file
    name. DuckDB views name their database after the file, so the new file must be called
    what the published one is called; the folder keeps the rename on one filesystem. The
    path is the same for every run (the lock makes it this run's alone), so dbt sees the
    same profile each time and can reuse its parse of the project (``dbt_parse_state``)."""
    return warehouse.parent / f".{warehouse.name}.building" / warehouse.name


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


def build_running(pid_text: str) -> bool:
    """Whether the build of this process id (another than this one) is still running; a
    killed one whose parent was killed too may linger as a zombie until it is reaped."""
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        stat = Path(f"/proc/{pid_text}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] not in {"Z", "X"}


def remove_stale_builds(warehouse: Path) -> None:
    """Building folders of runs that were killed. Called under the lock, so a building
    folder of this warehouse is never another run's; a folder of the per-process naming of
    earlier versions (``.building-<pid>``) is removed once its process is gone."""
    for folder in warehouse.parent.glob(f".{warehouse.name}.building*"):
        suffix = folder.name.removeprefix(f".{warehouse.name}.building")
        if suffix and (not suffix.startswith("-") or build_running(suffix[1:])):
            continue
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

    # file name -> document_ids: two when a changed version was quarantined and the last
    # good version kept
    hashes: dict[str, set[str]]
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
    hashes: dict[str, set[str]] = {}
    for name, doc_id, _ in rows:
        hashes.setdefault(name, set()).add(doc_id)
    return Previous(
        hashes=hashes,
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
    record.documents_changed = sorted(n for n in current if n in old and current[n] not in old[n])
    record.documents_removed = sorted(n for n in old if n not in current)
    keep: set[str] = set()
    last_good: dict[str, set[str]] = {}
    to_parse = paths
    if reusable and previous is not None:
        unchanged = {n for n in current if current[n] in old.get(n, set())}
        # Every version kept under an unchanged name: a quarantined one and the last good one.
        keep = {doc_id for n in unchanged for doc_id in old[n]}
        to_parse = [p for p in paths if p.name not in unchanged]
        last_good = {
            n: {i for i in old[n] if previous.status.get(i) == "loaded"}
            for n in record.documents_changed
        }
    record.documents_unchanged = len(paths) - len(to_parse)
    record.documents_parsed = len(to_parse)
    progress = Progress(len(to_parse), "parsing", "documents")
    # Parsed rows are staged as Parquet beside the building file, removed with it.
    staged = parse_folder_staged(
        to_parse,
        staging_path(building),
        already_loaded=keep,
        known_references=kept_references(warehouse, keep),
        # A copy that arrives in a later run is compared with what is already published.
        published=kept_candidates(warehouse, keep) if to_parse else [],
        progress=progress.step,
    ).decided()
    frames = staged.frames
    quarantined = frames["documents"].filter(pl.col("load_status") == "quarantined")
    record.documents_quarantined = sorted(quarantined["file_name"].to_list())  # until dbt ran
    # A changed document whose new version is quarantined keeps its last good version; one
    # whose new version loads replaces it (never both: no figure counted twice).
    changed_and_kept = {
        doc_id
        for name in set(record.documents_quarantined) & set(last_good)
        for doc_id in last_good[name]
    }
    keep |= changed_and_kept
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


def kept_references(warehouse: Path, keep: set[str]) -> dict[tuple[str, str], str]:
    """(publisher, FOI reference) -> file name of the requests kept from the published
    warehouse: a reference is unique within its force, not nationally."""
    if not keep:
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select force_name, reference_number, file_name, document_id from raw.foi_requests "
            "where reference_number is not null order by file_name"
        ).fetchall()
    finally:
        con.close()
    references: dict[tuple[str, str], str] = {}
    for force, reference, file_name, document_id in rows:
        if document_id in keep:
            references.setdefault(request_identity(force, reference), file_name)
    return references


def kept_candidates(warehouse: Path, keep: set[str]) -> list[Candidate]:
    """The loaded documents kept from the published warehouse, as near-duplicate detection
    sees them: the fingerprint of their lines as stored, and the FOI requests they answer."""
    if not keep:
        return []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        documents = con.execute(
            "select document_id, file_name from raw.documents "
            "where load_status = 'loaded' and document_id in (select unnest(?)) "
            "order by document_id",
            [sorted(keep)],
        ).fetchall()
        ids = [document_id for document_id, _ in documents]
        lines = con.execute(
            "select document_id, line_text from raw.document_lines "
            "where document_id in (select unnest(?)) order by document_id, line_number",
            [ids],
        ).fetchall()
        requests = con.execute(
            "select document_id, force_name, reference_number from raw.foi_requests "
            "where document_id in (select unnest(?))",
            [ids],
        ).fetchall()
    finally:
        con.close()
    texts: dict[str, list[str]] = {document_id: [] for document_id in ids}
    for document_id, text in lines:
        texts[document_id].append(text)
    identities = request_identities(
        pl.DataFrame(
            requests,
            schema={
                "document_id": pl.String,
                "force_name": pl.String,
                "reference_number": pl.String,
            },
            orient="row",
        )
    )
    return [
        Candidate(
            document_id,
            file_name,
            fingerprint(texts[document_id]),
            identities.get(document_id, frozenset()),
        )
        for document_id, file_name in documents
    ]


# A node dbt finished: "12 of 480 OK created sql table model ...", "13 of 480 WARN 3 ...".
NODE_FINISHED = re.compile(r"\b(\d+) of (\d+) (?:OK|PASS|WARN|ERROR|FAIL|SKIP|NO-OP)\b")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class DbtResult:
    returncode: int
    counts: dict[str, int]
    warned: list[str]  # tests that warned: "name (N rows)"
    output_tail: str  # the end of dbt's output, printed when the build failed
    log: Path  # dbt's output, one line per model and test


def dbt_parse_state(warehouse: Path) -> Path:
    """dbt's parse of the project as the last build of this warehouse left it. dbt reparses
    only the files that changed since (all of them when dbt, its profile or a macro did):
    parsing the whole project costs a build about three seconds."""
    key = hashlib.sha256(str(warehouse).encode()).hexdigest()[:16]
    return REPO / "build" / "dbt-parse" / key / PARTIAL_PARSE


def _copy_atomically(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + f".{os.getpid()}")
    shutil.copyfile(source, partial)
    os.replace(partial, destination)


def dbt_build(building: Path, work: Path, parse_state: Path | None = None) -> DbtResult:
    """``dbt build`` with its per-node output in ``work/dbt.log`` and a progress bar here.
    With ``parse_state``, dbt starts from that parse of the project and leaves its own there."""
    env = {
        **os.environ,
        "WAREHOUSE_PATH": str(building),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_USE_COLORS": "false",
    }
    target = work / "target"
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        # Unit tests prove the SQL on fixed inputs, not the data: `make test` runs them (and
        # CI), a scheduled build need not repeat them (dbt's advice for production runs).
        "--exclude-resource-type",
        "unit_test",
        "--vars",
        "{allow_quarantine: true}",
        "--target-path",
        str(target),
        "--log-path",
        str(work / "logs"),
    ]
    work.mkdir(parents=True, exist_ok=True)
    if parse_state is not None and parse_state.exists():
        _copy_atomically(parse_state, target / PARTIAL_PARSE)
    log_path = work / "dbt.log"
    log(f"dbt build (every model and test: {display_path(log_path)})")
    progress: Progress | None = None
    tail: list[str] = []
    with log_path.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        assert process.stdout is not None
        try:
            for line in process.stdout:
                line = ANSI.sub("", line)
                log_file.write(line)
                tail = [*tail[-199:], line]
                finished = NODE_FINISHED.search(line)
                if finished:
                    if progress is None:
                        total = int(finished.group(2))
                        progress = Progress(total, "dbt build", "models and tests")
                    progress.step()
            returncode = process.wait()
        except BaseException:  # killed (SIGTERM) or interrupted: dbt stops with this run
            process.kill()
            process.wait()
            raise
    if parse_state is not None and (target / PARTIAL_PARSE).exists():
        _copy_atomically(target / PARTIAL_PARSE, parse_state)
    counts = {"pass": 0, "warn": 0, "fail": 0, "error": 0, "skipped": 0}
    warned: list[str] = []
    results_file = target / "run_results.json"
    if results_file.exists():
        for node in json.loads(results_file.read_text())["results"]:
            if node["unique_id"].startswith(("test.", "unit_test.")):
                status = node["status"]
                counts[status] = counts.get(status, 0) + 1
                if status == "warn":
                    name = node["unique_id"].split(".")[2].rstrip("_")
                    warned.append(f"{name} ({node.get('failures') or 0} rows)")
    output = "".join(tail)
    return DbtResult(returncode, counts, warned, output[-6000:], log_path)


def failure_excerpt(output: str) -> str:
    """What dbt says about its failures: its closing section (each failed node with its
    message), else the end of its output."""
    marker = output.rfind("Completed with")
    return output[marker:] if marker >= 0 else output


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
                quarantined_files varchar, figures_held_back integer, incremental boolean,
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
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    len(run.get("held_back", [])),
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
        log(f"{display_path(documents)} -> {display_path(warehouse)}")
        remove_stale_builds(warehouse)
        building.parent.mkdir()
        ingest_incrementally(documents, building, warehouse, record)
        log(
            f"ingest: {record.documents_parsed} parsed, {record.documents_unchanged} unchanged, "
            f"{len(record.documents_removed)} removed, "
            f"{len(record.documents_quarantined)} quarantined"
        )
        dbt = dbt_build(building, work, dbt_parse_state(warehouse))
        counts = dbt.counts
        record.tests_passed, record.tests_warned = counts["pass"], counts["warn"]
        record.tests_failed, record.tests_errored = counts["fail"], counts["error"]
        record.tests_skipped = counts["skipped"]
        if dbt.returncode != 0:
            record.message = "dbt build failed; the published warehouse is unchanged"
            print(failure_excerpt(dbt.output_tail), file=sys.stderr)
            log(f"dbt's log of every model and test: {display_path(dbt.log)}")
            return finish(record, history, EXIT_BUILD_FAILED)
        # The status describes the warehouse being published, not only this run's documents:
        # a quarantine of an earlier run that is still in it still counts.
        contents = read_contents(building)
        record.documents_quarantined = contents.documents_quarantined
        record.held_back = contents.held_back
        record.published = True
        held_back = record.documents_quarantined or record.held_back
        status = EXIT_QUARANTINED if held_back else EXIT_PUBLISHED
        record.exit_status = status
        record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        append_history(history, record)
        load_run_history(building, history)
        os.replace(building, warehouse)  # atomic: readers see the old file or the new one
        print_summary(
            contents,
            Run(
                parsed=record.documents_parsed,
                unchanged=record.documents_unchanged,
                removed=len(record.documents_removed),
                seconds=time.perf_counter() - started,
                tests_passed=record.tests_passed,
                tests_warned=dbt.warned,
                tests_failed=record.tests_failed + record.tests_errored,
                dbt_log=dbt.log,
            ),
            warehouse,
        )
        return status
    except (OSError, duckdb.Error, UnreadableDocument, ValueError) as exc:
        record.message = f"{type(exc).__name__}: {exc}"
        log(f"build failed: {record.message}")
        return finish(record, history, EXIT_BUILD_FAILED)
    finally:
        remove_database(building)
        prune_run_folders(work.parent, KEEP_RUN_FOLDERS)


def prune_run_folders(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` newest run folders (run ids sort by start time)."""
    if not folder.is_dir():
        return
    runs = sorted(p for p in folder.iterdir() if p.is_dir())
    for old in runs[: max(len(runs) - keep, 0)]:
        if build_running(old.name.rsplit("-", 1)[-1]):
            continue  # a build still running (for another warehouse)
        shutil.rmtree(old, ignore_errors=True)


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
    parser.add_argument(
        "--documents",
        type=Path,
        default=Path("documents"),
        help="the folder of documents to build from (default: documents)",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path("warehouse.duckdb"),
        help="the warehouse to publish, replaced in one atomic rename (default: warehouse.duckdb)",
    )
    parser.add_argument(
        "--ok-when-published",
        action="store_true",
        help="exit 0, not 3, when the warehouse was published with something held back "
        "(make build: the output lists what and why)",
    )
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
        status = run(args.documents, args.warehouse)
    if args.ok_when_published and status == EXIT_QUARANTINED:
        return EXIT_PUBLISHED
    return status


if __name__ == "__main__":
    sys.exit(main())

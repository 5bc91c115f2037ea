"""Benchmark at national scale: ``python -m bench.run --scales 100 1000 10000``.

For each scale N it generates a corpus of N synthetic FOI responses (``bench.generate_corpus``)
plus the real documents in ``documents/`` (the press tests of ``dbt build`` check figures in
the real news articles), in a temporary folder under /tmp, and measures, each step in a
subprocess of its own:

- ingest: ``python -m ingest --documents DIR --database FILE``: seconds, documents/s, MB/s,
  cells written (counted in the database);
- the floor: ``polars.read_csv`` of the CSV of the same cells (one row per cell), timed
  around the call itself; the ratio ingest / floor;
- ``dbt build`` of that warehouse as a scheduled build runs it (unit tests excluded: they
  prove SQL on fixed inputs and run in ``make test``), and its slowest nodes;
- the scheduled build (``python -m ingest.scheduled``, incremental by content hash, dbt build
  and atomic publish) for an initial run, a run with nothing changed and a run after one
  document is added; where ``ingest/scheduled.py`` does not exist, plain ingest is timed for
  those runs instead (and the results say so);
- with ``--profile-scale``, ingest under cProfile: the modules and functions it spends its
  time in.

Seconds are wall-clock (``time.perf_counter``). Peak RSS is the larger of the ``ru_maxrss``
that ``os.wait4`` returns for that one child (the largest single process of its tree) and
the summed RSS of the child and all its descendants (ingest's parse workers), sampled from
/proc every 0.1 s; so each step's peak is its own, workers included.

Results are written between the markers in ``BENCHMARKS.md`` (text outside the markers, such
as the analysis, is kept) and as JSON to ``build/bench/``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.generate_corpus import (
    CELL_COLUMNS,
    Corpus,
    generate_corpus,
    parsed_cells,
    write_document,
)

REPO = Path(__file__).resolve().parents[1]
REAL_DOCUMENTS = REPO / "documents"
BENCHMARKS = REPO / "BENCHMARKS.md"
RESULTS_DIR = REPO / "build" / "bench"
SCHEDULED = REPO / "ingest" / "scheduled.py"
BIN = Path(sys.executable).parent
RESULTS_START = "<!-- bench:results:start -->"
RESULTS_END = "<!-- bench:results:end -->"

# The targets of issue 7.
TARGET_FLOOR_RATIO = 3.0
TARGET_END_TO_END_DOCUMENTS = 10_000
TARGET_END_TO_END_SECONDS = 120.0
TARGET_INCREMENTAL_RATIO = 2.0
# Ingest's peak may grow by at most this many times the cells' own in-memory size.
TARGET_MEMORY_FACTOR = 2.0

# The scheduler exits 3 when it published with quarantined documents: not a failure here.
ALLOWED_EXIT = {
    name: (0, 3) for name in ("scheduled initial", "scheduled no change", "scheduled one added")
}

FLOOR_SCRIPT = """
import json, sys, time
import polars as pl
start = time.perf_counter()
frame = pl.read_csv(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": frame.height, "bytes": frame.estimated_size()}))
"""


@dataclass
class Step:
    name: str
    seconds: float
    peak_rss_mib: float
    returncode: int
    load_average: float  # 1-minute load average when the step started
    log: str


@dataclass
class ScaleResult:
    scale: int
    generated_documents: int
    real_documents: int
    documents: int
    input_bytes: int
    csv_cells: int
    generate_seconds: float
    cells: int = 0
    tables: int = 0
    issues: dict[str, int] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    floor_read_seconds: float = 0.0
    floor_frame_bytes: int = 0
    dbt_summary: str = ""
    dbt_slowest: list[tuple[str, float]] = field(default_factory=list)
    incremental_mode: str = ""  # scheduled | plain ingest
    profile: dict[str, object] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)  # step -> failed dbt nodes

    @property
    def megabytes(self) -> float:
        return self.input_bytes / 1e6

    def seconds(self, step: str) -> float | None:
        return self.steps[step].seconds if step in self.steps else None

    @property
    def end_to_end_seconds(self) -> float | None:
        ingest, build = self.seconds("ingest"), self.seconds("dbt build")
        return ingest + build if ingest is not None and build is not None else None

    @property
    def floor_ratio(self) -> float | None:
        ingest = self.seconds("ingest")
        if ingest is None or not self.floor_read_seconds:
            return None
        return ingest / self.floor_read_seconds


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] bench: {message}", flush=True)


# ---------------------------------------------------------------------------------------
# Measuring one step
# ---------------------------------------------------------------------------------------


def _tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants now (KiB, from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue  # the process ended meanwhile
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class TreeMemorySampler(threading.Thread):
    """Samples the summed RSS of a process tree: ``ru_maxrss`` gives only the largest single
    process, and ingest parses in several worker processes at once."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.pid))


def measure(
    name: str, command: list[str], log_path: Path, env: dict[str, str] | None = None
) -> Step:
    """Run ``command`` as a child process: wall seconds and peak memory, the larger of the
    largest process's ``ru_maxrss`` and the sampled sum over the child and its workers."""
    load = os.getloadavg()[0]
    with log_path.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemorySampler(process.pid)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_mib = max(usage.ru_maxrss, sampler.peak_kib) / 1024
    step = Step(name, seconds, peak_mib, process.returncode, load, str(log_path))
    outcome = "ok" if step.returncode == 0 else f"exit {step.returncode}, see {log_path}"
    log(f"  {name}: {seconds:.1f}s, peak RSS {step.peak_rss_mib:.0f} MiB ({outcome})")
    return step


def dbt_env(database: Path) -> dict[str, str]:
    return {**os.environ, "WAREHOUSE_PATH": str(database), "DBT_PROFILES_DIR": str(REPO)}


# ---------------------------------------------------------------------------------------
# One scale
# ---------------------------------------------------------------------------------------


def add_real_documents(corpus: Corpus) -> int:
    """Copy the real documents into the corpus and append their cells to its CSV."""
    from ingest.pipeline import load_folder

    paths = sorted(p for p in REAL_DOCUMENTS.iterdir() if p.is_file() and p.suffix == ".txt")
    for path in paths:
        shutil.copyfile(path, corpus.documents / path.name)
    cells = parsed_cells(load_folder(REAL_DOCUMENTS))
    assert tuple(cells.columns) == CELL_COLUMNS
    with corpus.cells_csv.open("a", encoding="utf-8", newline="") as handle:
        cells.write_csv(handle, include_header=False)
    return len(paths)


def database_counts(database: Path) -> tuple[int, int, int, dict[str, int]]:
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        documents = con.execute("select count(*) from raw.documents").fetchone()[0]
        tables = con.execute("select count(*) from raw.foi_tables").fetchone()[0]
        cells = con.execute("select count(*) from raw.foi_table_cells").fetchone()[0]
        issues = dict(
            con.execute("select severity, count(*) from raw.parse_issues group by 1").fetchall()
        )
    finally:
        con.close()
    return documents, tables, cells, issues


def dbt_results(log_path: Path, target: Path) -> tuple[str, list[tuple[str, float]]]:
    text = Path(log_path).read_text(errors="replace")
    done = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+[^\n]*)", text)
    summary = re.sub(r"\x1b\[[0-9;]*m", "", done[-1]).strip() if done else "no summary"
    slowest: list[tuple[str, float]] = []
    results = target / "run_results.json"
    if results.exists():
        nodes = json.loads(results.read_text())["results"]
        timed = sorted(
            ((_node_name(n["unique_id"]), n["execution_time"]) for n in nodes),
            key=lambda item: -item[1],
        )
        slowest = timed[:8]
    return summary, slowest


def failed_nodes(log_path: Path) -> list[str]:
    """The dbt models and tests a step's output reports as failed ('Failure in test x')."""
    if not log_path.exists():
        return []
    text = re.sub(r"\x1b\[[0-9;]*m", "", log_path.read_text(errors="replace"))
    found = re.findall(r"Failure in (?:model|test|seed|unit_test|snapshot) (\S+)", text)
    return sorted(set(found))


def _step_log(step: Step, scale: int) -> Path:
    """A step's output: in its run's folder, else the copy kept in build/bench/."""
    path = Path(step.log)
    if path.exists():
        return path
    copies = sorted(RESULTS_DIR.glob(f"logs-{scale}-{path.parent.name}/{path.name}"))
    return copies[-1] if copies else path


def _node_name(unique_id: str) -> str:
    """'model.project.fct_x' -> 'fct_x'; 'test.project.name.1a2b' (a hash) -> 'test name'."""
    parts = unique_id.split(".")
    if parts[0] == "test" and len(parts) >= 4:
        return f"test {parts[-2][:70]}"
    return parts[-1][:70]


def profile_summary(path: Path) -> dict[str, object]:
    """Where ingest spends its time: seconds per module (own time) and the top functions."""
    stats = pstats.Stats(str(path))
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    by_module: dict[str, float] = {}
    functions = []
    for (file_name, line, name), (_cc, calls, own, cumulative, _callers) in raw.items():
        module = _module_name(file_name)
        by_module[module] = by_module.get(module, 0.0) + own
        functions.append(
            {
                "function": f"{module}:{line}({name})",
                "calls": calls,
                "own_s": own,
                "cumulative_s": cumulative,
            }
        )
    by_own = sorted(functions, key=lambda f: -f["own_s"])[:15]
    in_ingest = [f for f in functions if str(f["function"]).startswith("ingest/")]
    by_cumulative = sorted(in_ingest, key=lambda f: -f["cumulative_s"])[:15]
    modules = sorted(by_module.items(), key=lambda item: -item[1])[:12]
    return {
        "total_s": total,
        "modules": modules,
        "by_own_time": by_own,
        "ingest_by_cumulative_time": by_cumulative,
    }


def _module_name(file_name: str) -> str:
    if file_name.startswith(str(REPO)):
        return str(Path(file_name).relative_to(REPO))
    if file_name == "~":
        return "(built-in)"
    parts = Path(file_name).parts
    if "site-packages" in parts:
        return "site-packages/" + parts[parts.index("site-packages") + 1]
    return "/".join(parts[-2:])  # the standard library: re/_compiler.py


def run_scale(scale: int, seed: int, work: Path, profile: bool, keep: bool) -> ScaleResult:
    root = Path(tempfile.mkdtemp(prefix=f"bench-{scale}-", dir=work))
    log(f"scale {scale}: working in {root}")
    try:
        return _run_scale(scale, seed, root, profile)
    finally:
        # Each step's output is kept (it is small): a failed step can be read afterwards.
        logs = RESULTS_DIR / f"logs-{scale}-{root.name}"
        logs.mkdir(parents=True, exist_ok=True)
        for path in root.glob("*.log"):
            shutil.copyfile(path, logs / path.name)
        log(f"scale {scale}: step outputs kept in {logs}")
        if keep:
            log(f"scale {scale}: kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def _run_scale(scale: int, seed: int, root: Path, profile: bool) -> ScaleResult:
    python = sys.executable
    start = time.perf_counter()
    corpus = generate_corpus(scale, root / "corpus", seed)
    real = add_real_documents(corpus)
    generate_seconds = time.perf_counter() - start
    folder = corpus.documents
    paths = [p for p in folder.iterdir() if p.is_file()]
    result = ScaleResult(
        scale=scale,
        generated_documents=corpus.document_count,
        real_documents=real,
        documents=len(paths),
        input_bytes=sum(p.stat().st_size for p in paths),
        csv_cells=corpus.cell_count,
        generate_seconds=generate_seconds,
    )
    log(
        f"scale {scale}: {result.documents} documents, {result.megabytes:.1f} MB generated "
        f"in {generate_seconds:.1f}s"
    )
    database = root / "warehouse.duckdb"
    ingest_command = [
        python,
        "-m",
        "ingest",
        "--documents",
        str(folder),
        "--database",
        str(database),
    ]
    result.steps["ingest"] = measure("ingest", ingest_command, root / "ingest.log")
    _docs, result.tables, result.cells, result.issues = database_counts(database)

    floor = measure(
        "floor", [python, "-c", FLOOR_SCRIPT, str(corpus.cells_csv)], root / "floor.log"
    )
    result.steps["floor"] = floor
    floor_output = json.loads(Path(floor.log).read_text().strip().splitlines()[-1])
    result.floor_read_seconds = floor_output["seconds"]
    result.floor_frame_bytes = floor_output["bytes"]
    result.csv_cells = floor_output["rows"]

    target = root / "target"
    # The build a scheduled run does: every model and data test; the unit tests (SQL proven on
    # fixed inputs, not data) run in `make test`.
    build_command = [
        str(BIN / "dbt"),
        "build",
        "--exclude-resource-type",
        "unit_test",
        "--target-path",
        str(target),
        "--log-path",
        str(root / "logs"),
    ]
    result.steps["dbt build"] = measure(
        "dbt build", build_command, root / "dbt.log", env=dbt_env(database)
    )
    result.dbt_summary, result.dbt_slowest = dbt_results(root / "dbt.log", target)
    result.failures["dbt build"] = failed_nodes(root / "dbt.log")

    if profile:
        profile_path = root / "ingest.prof"
        profile_command = [python, "-m", "cProfile", "-o", str(profile_path), *ingest_command[1:]]
        profile_command[profile_command.index(str(database))] = str(root / "profile.duckdb")
        # cProfile sees only its own process: parse there, not in worker processes.
        profile_command += ["--workers", "1"]
        result.steps["ingest under cProfile"] = measure(
            "ingest under cProfile", profile_command, root / "profile.log"
        )
        result.profile = profile_summary(profile_path)

    if SCHEDULED.exists():
        result.incremental_mode = "scheduled"
        published = root / "published" / "warehouse.duckdb"
        published.parent.mkdir()
        command = [
            python,
            "-m",
            "ingest.scheduled",
            "--documents",
            str(folder),
            "--warehouse",
            str(published),
        ]
        env = dbt_env(published)
        initial = measure("scheduled initial", command, root / "scheduled initial.log", env=env)
        result.steps[initial.name] = initial
        if initial.returncode in ALLOWED_EXIT[initial.name]:
            name = "scheduled no change"
            result.steps[name] = measure(name, command, root / f"{name}.log", env=env)
            write_document(folder, seed, scale)
            name = "scheduled one added"
            result.steps[name] = measure(name, command, root / f"{name}.log", env=env)
        else:
            # Nothing was published, so a second run would parse everything again.
            log("  the initial scheduled build did not publish: incremental runs not measured")
        for name in result.steps:
            if name.startswith("scheduled"):
                result.failures[name] = failed_nodes(root / f"{name}.log")
    else:
        result.incremental_mode = "plain ingest"
        result.steps["ingest no change"] = measure(
            "ingest no change", ingest_command, root / "ingest-no-change.log"
        )
        write_document(folder, seed, scale)
        result.steps["ingest one added"] = measure(
            "ingest one added", ingest_command, root / "ingest-one-added.log"
        )
    return result


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    import duckdb
    import polars

    return {
        "cpu": cpu,
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "polars": polars.__version__,
        "dbt-core": metadata.version("dbt-core"),
        "dbt-duckdb": metadata.version("dbt-duckdb"),
    }


def _s(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def step_failures(r: ScaleResult) -> dict[str, list[str]]:
    """Failed dbt nodes per step: recorded by the run, else read from the kept outputs."""
    out = {}
    for name, step in r.steps.items():
        if step.returncode in ALLOWED_EXIT.get(name, (0,)):
            continue
        nodes = r.failures.get(name) or failed_nodes(_step_log(step, r.scale))
        if nodes:
            out[name] = nodes
    return out


def scale_table(r: ScaleResult) -> list[str]:
    ingest = r.seconds("ingest")
    mode = r.incremental_mode
    if mode == "scheduled":
        no_change, one_added = r.seconds("scheduled no change"), r.seconds("scheduled one added")
        incremental_note = "`python -m ingest.scheduled` (incremental ingest + dbt build + publish)"
    else:
        no_change, one_added = r.seconds("ingest no change"), r.seconds("ingest one added")
        incremental_note = "plain `python -m ingest` (ingest/scheduled.py did not exist)"
    issues = ", ".join(f"{n:,} {s}" for s, n in sorted(r.issues.items())) or "none"
    rows = [
        (
            "documents",
            f"{r.documents:,} ({r.generated_documents:,} generated + {r.real_documents} real)",
        ),
        ("input MB", f"{r.megabytes:,.2f}"),
        ("cells (raw.foi_table_cells)", f"{r.cells:,} (CSV floor: {r.csv_cells:,})"),
        ("cells per document", f"{r.cells / max(r.documents, 1):,.0f}"),
        ("tables", f"{r.tables:,}"),
        ("parse issues", issues),
        ("ingest s", _s(ingest)),
        ("ingest documents/s", _s(r.documents / ingest if ingest else None)),
        ("ingest MB/s", _s(r.megabytes / ingest if ingest else None, 2)),
        ("floor s (`polars.read_csv` of the same cells)", _s(r.floor_read_seconds, 3)),
        ("ratio ingest / floor", _s(r.floor_ratio, 0) + "×"),
        ("dbt build s", _s(r.seconds("dbt build"))),
        ("dbt build result", r.dbt_summary),
        ("end-to-end s (ingest + dbt build)", _s(r.end_to_end_seconds)),
    ]
    if mode == "scheduled":
        rows.append(("scheduled initial s", _s(r.seconds("scheduled initial"))))
    rows += [
        (f"no-change s ({incremental_note})", _s(no_change)),
        ("one-added s (same command, one document added)", _s(one_added)),
        (
            "one-added / no-change",
            _s(one_added / no_change if one_added and no_change else None, 2),
        ),
    ]
    for name, step in r.steps.items():
        rows.append((f"peak RSS MiB: {name}", f"{step.peak_rss_mib:,.0f}"))
    rows.append(("corpus generation s (not measured against a target)", _s(r.generate_seconds)))
    loads = ", ".join(f"{name} {step.load_average:.1f}" for name, step in r.steps.items())
    rows.append(("1-min load average at each step's start", loads))
    failed = [
        f"{name} (exit {step.returncode})"
        for name, step in r.steps.items()
        if step.returncode not in ALLOWED_EXIT.get(name, (0,))
    ]
    if failed:
        rows.append(("steps that failed", ", ".join(failed)))
    for name, nodes in step_failures(r).items():
        rows.append((f"dbt nodes that failed in {name}", ", ".join(f"`{n}`" for n in nodes)))
    lines = [f"### {r.scale:,} documents", "", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    if r.dbt_slowest:
        slowest = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in r.dbt_slowest)
        lines += ["", f"Slowest dbt nodes: {slowest}."]
    return [*lines, ""]


def summary_table(results: list[ScaleResult]) -> list[str]:
    header = (
        "| documents | MB | cells | cells/doc | ingest s | docs/s | MB/s | floor s | ratio "
        "| dbt build s | end-to-end s | RSS ingest | RSS floor | RSS dbt | no-change s "
        "| one-added s |"
    )
    lines = [header, "|" + "---|" * 16]
    for r in results:
        ingest = r.seconds("ingest") or 0.0
        prefix = "scheduled" if r.incremental_mode == "scheduled" else "ingest"
        rss = {name: f"{step.peak_rss_mib:,.0f}" for name, step in r.steps.items()}
        lines.append(
            f"| {r.documents:,} | {r.megabytes:,.1f} | {r.cells:,} "
            f"| {r.cells / max(r.documents, 1):,.0f} | {_s(ingest)} "
            f"| {_s(r.documents / ingest if ingest else None)} "
            f"| {_s(r.megabytes / ingest if ingest else None, 2)} | {_s(r.floor_read_seconds, 3)} "
            f"| {_s(r.floor_ratio, 0)}× | {_s(r.seconds('dbt build'))} "
            f"| {_s(r.end_to_end_seconds)} | {rss.get('ingest', 'n/a')} "
            f"| {rss.get('floor', 'n/a')} | {rss.get('dbt build', 'n/a')} "
            f"| {_s(r.seconds(prefix + ' no change'))} | {_s(r.seconds(prefix + ' one added'))} |"
        )
    return [*lines, ""]


def targets(results: list[ScaleResult], cores: str) -> list[str]:
    lines = ["| target | result | verdict |", "|---|---|---|"]
    ratios = [(r.documents, r.floor_ratio) for r in results if r.floor_ratio]
    if ratios:
        # Judged at the largest scale: at small ones the interpreter's start-up dominates.
        largest = ratios[-1][1]
        detail = "; ".join(f"{n:,} documents: {ratio:,.0f}×" for n, ratio in ratios)
        verdict = (
            "met"
            if largest <= TARGET_FLOOR_RATIO
            else f"missed by {largest / TARGET_FLOOR_RATIO:,.0f}× at {ratios[-1][0]:,} documents"
        )
        lines.append(
            f"| ingest within {TARGET_FLOOR_RATIO:.0f}× the `polars.read_csv` floor "
            f"| {detail} | {verdict} |"
        )
    national = [r for r in results if r.generated_documents >= TARGET_END_TO_END_DOCUMENTS]
    for r in national:
        total = r.end_to_end_seconds or 0.0
        verdict = (
            "met"
            if total < TARGET_END_TO_END_SECONDS
            else f"missed by {total - TARGET_END_TO_END_SECONDS:,.0f}s "
            f"({total / TARGET_END_TO_END_SECONDS:.1f}× the budget)"
        )
        detail = (
            f"{r.documents:,} documents: ingest {_s(r.seconds('ingest'))}s + dbt build "
            f"{_s(r.seconds('dbt build'))}s = {total:,.1f}s on {cores} cores"
        )
        if r.seconds("scheduled initial"):
            detail += f"; scheduled initial run {_s(r.seconds('scheduled initial'))}s"
        build = r.steps.get("dbt build")
        if build is not None and build.returncode != 0:
            failed = ", ".join(step_failures(r).get("dbt build", [])) or "see its output"
            detail += (
                f" (dbt build failed: {failed}; {r.dbt_summary}: the nodes it skipped were "
                "not timed)"
            )
        lines.append(
            f"| {TARGET_END_TO_END_DOCUMENTS:,} documents ingested and built end to end in under "
            f"{TARGET_END_TO_END_SECONDS / 60:.0f} minutes | {detail} | {verdict} |"
        )
    if not national:
        lines.append(
            f"| {TARGET_END_TO_END_DOCUMENTS:,} documents end to end in under "
            f"{TARGET_END_TO_END_SECONDS / 60:.0f} minutes | not run at this scale | n/a |"
        )
    measured = [r for r in results if "ingest" in r.steps and r.cells]
    if len(measured) >= 2:
        small, large = measured[0], measured[-1]
        cells = large.cells - small.cells
        growth = large.steps["ingest"].peak_rss_mib - small.steps["ingest"].peak_rss_mib
        own = (large.floor_frame_bytes - small.floor_frame_bytes) / 2**20
        per_million = growth / cells * 1e6 if cells else 0.0
        own_per_million = own / cells * 1e6 if cells else 0.0
        factor = growth / own if own else float("inf")
        verdict = (
            "met"
            if factor <= TARGET_MEMORY_FACTOR
            else f"missed: grows {factor:,.1f}× the cells' own size "
            f"(allowed {TARGET_MEMORY_FACTOR:.0f}×)"
        )
        lines.append(
            "| peak memory does not grow with the number of documents beyond the cells "
            f"themselves | ingest peak RSS {small.steps['ingest'].peak_rss_mib:,.0f} MiB at "
            f"{small.documents:,} documents → {large.steps['ingest'].peak_rss_mib:,.0f} MiB at "
            f"{large.documents:,}: {per_million:,.0f} MiB per million cells; the cells "
            f"themselves (the floor's polars frame) take {own_per_million:,.0f} MiB per million "
            f"| {verdict} |"
        )
    for r in results:
        prefix = "scheduled" if r.incremental_mode == "scheduled" else "ingest"
        no_change, one_added = r.seconds(prefix + " no change"), r.seconds(prefix + " one added")
        initial = r.steps.get("scheduled initial")
        if initial is not None and initial.returncode not in ALLOWED_EXIT[initial.name]:
            nodes = ", ".join(step_failures(r).get(initial.name, [])) or "see its output"
            lines.append(
                f"| one-document incremental run under {TARGET_INCREMENTAL_RATIO:.0f}× the "
                f"no-change run ({r.incremental_mode}) | {r.documents:,} documents: the initial "
                f"scheduled build failed (exit {initial.returncode}; failed: {nodes}), so "
                "nothing was published for a later run to reuse | not measured |"
            )
            continue
        if not no_change or not one_added:
            continue
        ratio = one_added / no_change
        verdict = (
            "met"
            if ratio < TARGET_INCREMENTAL_RATIO
            else f"missed by {ratio / TARGET_INCREMENTAL_RATIO:.2f}×"
        )
        lines.append(
            f"| one-document incremental run under {TARGET_INCREMENTAL_RATIO:.0f}× the no-change "
            f"run ({r.incremental_mode}) | {r.documents:,} documents: one added "
            f"{one_added:,.1f}s, no change {no_change:,.1f}s ({ratio:.2f}×) | {verdict} |"
        )
    return [*lines, ""]


def profile_section(results: list[ScaleResult]) -> list[str]:
    profiled = [r for r in results if r.profile]
    if not profiled:
        return []
    r = profiled[0]
    p = r.profile
    total = float(p["total_s"])  # type: ignore[arg-type]
    lines = [
        f"### Ingest profile ({r.documents:,} documents, cProfile, {total:,.1f}s of profiled time)",
        "",
        "Own time per module:",
        "",
        "| module | own s | share |",
        "|---|---|---|",
    ]
    for module, own in p["modules"]:  # type: ignore[union-attr]
        lines.append(f"| {module} | {own:,.1f} | {100 * own / total:.0f}% |")
    lines += [
        "",
        "Functions by own time:",
        "",
        "| function | calls | own s | cumulative s |",
        "|---|---|---|---|",
    ]
    for f in p["by_own_time"]:  # type: ignore[union-attr]
        lines.append(
            f"| `{f['function']}` | {f['calls']:,} | {f['own_s']:,.1f} | {f['cumulative_s']:,.1f} |"
        )
    lines += [
        "",
        "Ingest functions by cumulative time:",
        "",
        "| function | calls | own s | cumulative s |",
        "|---|---|---|---|",
    ]
    for f in p["ingest_by_cumulative_time"]:  # type: ignore[union-attr]
        lines.append(
            f"| `{f['function']}` | {f['calls']:,} | {f['own_s']:,.1f} | {f['cumulative_s']:,.1f} |"
        )
    return [*lines, ""]


def results_markdown(
    results: list[ScaleResult], command: str, seed: int, m: dict[str, str], when: str
) -> str:
    lines = [
        RESULTS_START,
        "<!-- Written by `python -m bench.run`; edit outside these markers. -->",
        "",
        f"Run {when}: `{command}` (seed {seed}).",
        "",
        "### Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {m['cpu']} |",
        f"| cores | {m['cores']} |",
        f"| memory | {m['memory']} |",
        f"| OS | {m['os']} |",
        f"| Python | {m['python']} |",
        f"| duckdb | {m['duckdb']} |",
        f"| polars | {m['polars']} |",
        f"| dbt | dbt-core {m['dbt-core']}, dbt-duckdb {m['dbt-duckdb']} |",
        "",
        "### Targets",
        "",
        *targets(results, m["cores"]),
        "### All scales",
        "",
        "Seconds are wall clock; RSS is each step's own peak in MiB; MB is 10^6 bytes of input.",
        "",
        *summary_table(results),
    ]
    for r in results:
        lines += scale_table(r)
    lines += profile_section(results)
    lines.append(RESULTS_END)
    return "\n".join(lines) + "\n"


def write_benchmarks(path: Path, section: str) -> None:
    if path.exists():
        text = path.read_text()
        if RESULTS_START in text and RESULTS_END in text:
            before = text[: text.index(RESULTS_START)]
            after = text[text.index(RESULTS_END) + len(RESULTS_END) :].lstrip("\n")
            path.write_text(before + section + ("\n" + after if after else ""))
            return
        path.write_text(text.rstrip("\n") + "\n\n## Results\n\n" + section)
        return
    path.write_text(
        "# Benchmarks\n\n`make bench` (`python -m bench.run --scales 100 1000 10000`) "
        "regenerates the results below.\n\n## Results\n\n" + section
    )


def load_results(path: Path) -> dict[str, object]:
    """A results JSON written by a run, with its scales as ScaleResult again."""
    data = json.loads(path.read_text())
    results = []
    for raw in data["results"]:
        steps = {name: Step(**step) for name, step in raw.pop("steps").items()}
        slowest = [(name, seconds) for name, seconds in raw.pop("dbt_slowest")]
        results.append(ScaleResult(**raw, steps=steps, dbt_slowest=slowest))
    return {**data, "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument(
        "--profile-scale",
        type=int,
        default=1000,
        help="profile ingest with cProfile at this scale (0: never)",
    )
    parser.add_argument("--output", type=Path, default=BENCHMARKS)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument(
        "--report-only",
        type=Path,
        metavar="JSON",
        help="rewrite the results in --output from a results JSON of an earlier run",
    )
    args = parser.parse_args(argv)
    if args.report_only:
        saved = load_results(args.report_only)
        section = results_markdown(
            saved["results"],  # type: ignore[arg-type]
            str(saved["command"]),
            int(saved["seed"]),  # type: ignore[arg-type]
            saved["machine"],  # type: ignore[arg-type]
            str(saved["when"]),
        )
        write_benchmarks(args.output, section)
        return 0
    command = "python -m bench.run --scales " + " ".join(str(s) for s in args.scales)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    json_path = RESULTS_DIR / f"results-{started.strftime('%Y%m%dT%H%M%S')}.json"
    when = started.strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    results: list[ScaleResult] = []
    for scale in args.scales:
        result = run_scale(scale, args.seed, args.work, scale == args.profile_scale, args.keep)
        results.append(result)
        saved = {
            "command": command,
            "seed": args.seed,
            "when": when,
            "machine": host,
            "results": [asdict(r) for r in results],
        }
        json_path.write_text(json.dumps(saved, indent=2, default=str))
        write_benchmarks(args.output, results_markdown(results, command, args.seed, host, when))
        log(f"scale {scale}: results written to {args.output} and {json_path}")
    failed = [
        f"{r.scale:,} documents: {name} (exit {step.returncode})"
        for r in results
        for name, step in r.steps.items()
        if step.returncode not in ALLOWED_EXIT.get(name, (0,))
    ]
    if failed:
        log("steps that failed: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

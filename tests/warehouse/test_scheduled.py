"""The one build path (``make build`` and the scheduler's command): publish while analysts
read, survive a kill or a failure with the published warehouse unchanged, parse only what
changed, and report what the published warehouse holds back."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, SHIPPED

from ingest.scheduled import prune_run_folders, remove_stale_builds

SCHEDULED = [sys.executable, "-m", "ingest.scheduled"]
CORPUS = REPO / "tests" / "corpus" / "real"
# A valid FOI reply of the real corpus that is not shipped: an analyst's own document.
ANALYSTS_DOCUMENT = CORPUS / "cleveland_900-24_stalking_protection_orders.txt"


def make_build(documents: Path, warehouse: Path) -> list[str]:
    """The command line of `make build` on another documents folder and warehouse."""
    return [
        "make",
        "-s",
        "-C",
        str(REPO),
        "build",
        f"DOCUMENTS={documents}",
        f"WAREHOUSE={warehouse}",
    ]


def scheduled(documents: Path, warehouse: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCHEDULED, "--documents", str(documents), "--warehouse", str(warehouse)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def runs(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select documents_total, documents_added, documents_parsed, documents_unchanged, "
            "incremental, published, exit_status from ops.build_runs order by started_at, run_id"
        ).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A first scheduled build of documents/: (documents folder, warehouse)."""
    root = tmp_path_factory.mktemp("published")
    documents = root / "documents"
    shutil.copytree(SHIPPED, documents)
    warehouse = root / "warehouse.duckdb"
    result = scheduled(documents, warehouse)
    assert result.returncode == 0, result.stderr[-4000:]
    return documents, warehouse


def fresh_copy(published: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    documents, warehouse = published
    shutil.copytree(documents, tmp_path / "documents")
    shutil.copy(warehouse, tmp_path / "warehouse.duckdb")
    shutil.copy(warehouse.with_name(warehouse.name + ".runs.jsonl"), tmp_path)
    return tmp_path / "documents", tmp_path / "warehouse.duckdb"


def test_first_build_publishes_and_records_the_run(published: tuple[Path, Path]) -> None:
    documents, warehouse = published
    count = len(list(documents.iterdir()))
    assert runs(warehouse) == [(count, count, count, 0, False, True, 0)]
    assert not list(warehouse.parent.glob(".*building*"))


def test_make_build_while_an_analyst_reads_keeps_their_session_on_the_old_warehouse(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    # An analyst's session in another process: a read-only connection held open.
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys\n"
            f"con = duckdb.connect({str(warehouse)!r}, read_only=True)\n"
            "print(con.execute('select count(*) from ops.build_runs').fetchone()[0], flush=True)\n"
            "sys.stdin.readline()\n"
            "print(con.execute('select count(*) from ops.build_runs').fetchone()[0], flush=True)\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdin is not None
    before = int(reader.stdout.readline())

    result = subprocess.run(
        make_build(documents, warehouse), capture_output=True, text=True, check=False
    )

    reader.stdin.write("\n")
    reader.stdin.flush()
    still_seen = int(reader.stdout.readline())
    reader.wait(timeout=30)
    assert result.returncode == 0, result.stderr[-4000:]
    assert still_seen == before  # the open session still reads the warehouse it opened
    assert len(runs(warehouse)) == before + 1  # a new session sees the new one


def test_a_killed_make_build_leaves_the_warehouse_intact_and_the_next_run_succeeds(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    before = digest(warehouse)
    process = subprocess.Popen(
        make_build(documents, warehouse),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # Kill the whole build (make, ingest and dbt) once it is writing its new file.
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".warehouse.duckdb.building*/warehouse.duckdb")):
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert list(tmp_path.glob(".warehouse.duckdb.building*")), "killed after it published"

    assert digest(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_table_cells").fetchone()[0] > 0

    result = scheduled(documents, warehouse)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "left by a build that did not finish" in result.stderr
    assert not list(tmp_path.glob(".warehouse.duckdb.building*"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # Views (staging, intermediate) still resolve after the rename.
        assert con.execute("select count(*) from staging.stg_raw__documents").fetchone()[0] > 0


def test_adding_an_analysts_own_document_parses_only_that_document(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    existing = sorted(documents.iterdir())
    shutil.copy(ANALYSTS_DOCUMENT, documents / ANALYSTS_DOCUMENT.name)

    result = scheduled(documents, warehouse)

    assert result.returncode == 0, result.stderr[-4000:]
    total, added, parsed, unchanged, incremental, published_, status = runs(warehouse)[-1]
    assert (total, added, parsed, unchanged) == (len(existing) + 1, 1, 1, len(existing))
    assert incremental and published_ and status == 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = {
            row[0] for row in con.execute("select file_name from marts.dim_documents").fetchall()
        }
        lines = con.execute(
            "select any_value(d.line_count), count(*) from raw.documents d "
            "join raw.document_lines l using (document_id) group by d.document_id"
        ).fetchall()
    assert files == {p.name for p in documents.iterdir()}
    assert all(expected == recorded for expected, recorded in lines)


def test_a_changed_document_that_loads_replaces_its_last_version(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    # An analyst corrects a word of an FOI reply in place: same file, force and reference.
    reply = documents / "001_92a5b072fd8db548.txt"
    text = reply.read_text(encoding="utf-8")
    assert "She conducted a search" in text
    reply.write_text(text.replace("She conducted a search", "She conducted a full search"))

    result = scheduled(documents, warehouse)

    assert result.returncode == 0, result.stderr[-4000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        versions = con.execute(
            "select document_id, load_status from marts.dim_documents where file_name = ?",
            [reply.name],
        ).fetchall()
    # The new version only (not quarantined as a revision of itself, not loaded beside the old).
    assert len(versions) == 1 and versions[0][1] == "loaded", versions
    assert runs(warehouse)[-1][2] == 1  # one document parsed


def test_a_quarantined_document_is_published_without_its_figures_and_exits_3(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    foi = documents / "000_dbe143eee267caba.txt"
    # A document-level error: the new version cannot be read at all. (A problem inside one
    # table only holds that table back; see test_build_failures.py.)
    foi.write_bytes(bytes(range(256)) * 4)

    result = scheduled(documents, warehouse)

    assert result.returncode == 3, result.stderr[-4000:]
    history = [
        json.loads(line)
        for line in (tmp_path / "warehouse.duckdb.runs.jsonl").read_text().splitlines()
    ]
    assert history[-1]["documents_quarantined"] == [foi.name]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = dict(
            con.execute(
                "select load_status, count(*) from marts.dim_documents "
                "where file_name = ? group by 1",
                [foi.name],
            ).fetchall()
        )
        issue = con.execute(
            "select issue_code from marts.rpt_data_quality_issues where file_name = ? "
            "and line_number is null and severity = 'error'",
            [foi.name],
        ).fetchall()
        victims = con.execute("select count(*) from marts.fct_victim_counts").fetchone()[0]
    # The new version is quarantined and visible; the last good version keeps its figures.
    assert statuses == {"quarantined": 1, "loaded": 1}
    assert ("unreadable_document",) in issue
    assert victims > 0
    assert f"quarantined documents: {foi.name}" in result.stderr
    assert f"held back: {foi.name}:- [unreadable_document]" in result.stderr

    # A run with nothing changed describes the published warehouse, which still holds the
    # quarantined version: it exits 3 again and lists it, though it parsed nothing.
    again = scheduled(documents, warehouse)

    assert again.returncode == 3, again.stderr[-4000:]
    last = json.loads((tmp_path / "warehouse.duckdb.runs.jsonl").read_text().splitlines()[-1])
    assert last["documents_parsed"] == 0 and last["published"]
    assert last["documents_quarantined"] == [foi.name]
    assert any("[unreadable_document]" in line for line in last["held_back"])
    assert f"quarantined documents: {foi.name}" in again.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        recorded = con.execute(
            "select exit_status, documents_quarantined, quarantined_files from ops.build_runs "
            "order by started_at desc, run_id desc limit 1"
        ).fetchone()
    assert recorded == (3, 1, foi.name)

    # make build publishes too (exit 0), listing what is held back and why.
    built = subprocess.run(
        make_build(documents, warehouse), capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr[-4000:]
    assert f"held back: {foi.name}:- [unreadable_document] cannot read" in built.stderr


def changed_curated_figure(documents: Path) -> tuple[str, int]:
    """Change the number of a curated article figure (seeds/published_figures.csv) in its
    text: the curated figure no longer matches its document, which fails the build."""
    with (REPO / "seeds" / "published_figures.csv").open(encoding="utf-8") as handle:
        figure = next(csv.DictReader(handle))
    path = documents / figure["file_name"]
    lines = path.read_text(encoding="utf-8").split("\n")
    number = int(figure["line_number"])
    value = int(figure["printed_value"].replace(",", ""))
    changed = figure["quote"].replace(figure["printed_value"], f"{value + 1:,}", 1)
    assert figure["quote"] in lines[number - 1] and changed != figure["quote"]
    lines[number - 1] = lines[number - 1].replace(figure["quote"], changed, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return figure["file_name"], number


def test_a_failed_make_build_exits_non_zero_and_leaves_the_warehouse_unchanged(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, warehouse = fresh_copy(published, tmp_path)
    before = digest(warehouse)
    file_name, line = changed_curated_figure(documents)

    result = subprocess.run(
        make_build(documents, warehouse), capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{file_name}:{line}" in output, output[-4000:]
    assert "the published warehouse is unchanged" in output
    assert digest(warehouse) == before
    assert not list(tmp_path.glob(".warehouse.duckdb.building*"))
    last = json.loads((tmp_path / "warehouse.duckdb.runs.jsonl").read_text().splitlines()[-1])
    assert (last["published"], last["exit_status"]) == (False, 2)


def test_a_second_build_reuses_dbts_parse_of_the_project(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    """Every run of one warehouse builds at the same path, so dbt sees the same profile and
    reparses only what changed since the last build (nothing here)."""
    documents, warehouse = fresh_copy(published, tmp_path)
    history = warehouse.with_name(warehouse.name + ".runs.jsonl")
    dbt_logs = []
    for _ in range(2):
        result = scheduled(documents, warehouse)
        assert result.returncode == 0, result.stderr[-4000:]
        run_id = json.loads(history.read_text().splitlines()[-1])["run_id"]
        dbt_logs.append((REPO / "build" / "scheduled" / run_id / "logs" / "dbt.log").read_text())
    assert "Partial parsing enabled, no changes found" not in dbt_logs[0]
    assert "Partial parsing enabled, no changes found" in dbt_logs[1]
    assert "Unable to do partial parsing" not in dbt_logs[1]


def test_only_building_folders_of_finished_runs_are_removed(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    stale = tmp_path / ".warehouse.duckdb.building"  # this naming: stale whenever one runs
    dead = tmp_path / ".warehouse.duckdb.building-999999999"  # earlier naming, process gone
    alive = tmp_path / f".warehouse.duckdb.building-{os.getppid()}"  # process still running
    other = tmp_path / ".other.duckdb.building"  # another warehouse's
    for folder in (stale, dead, alive, other):
        folder.mkdir()
        (folder / "warehouse.duckdb").write_bytes(b"")

    remove_stale_builds(warehouse)

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


def test_finished_runs_prune_all_but_the_last_run_folders(tmp_path: Path) -> None:
    # Run folders are named <start time>-<pid>; these pids are not running.
    dead = [f"20260101T0000{n:02d}-999999999" for n in range(8)]
    for name in dead:
        (tmp_path / name / "logs").mkdir(parents=True)
    # Older than all, but its process is alive: a build of another warehouse, still running.
    alive = tmp_path / f"20240101T000000-{os.getppid()}"
    alive.mkdir()

    prune_run_folders(tmp_path, 3)

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, *dead[-3:]])


def test_no_test_reads_the_documents_folder_an_analyst_adds_to() -> None:
    """Tests build from their own fixture folders (tests/fixtures/shipped, tests/corpus), so
    a document an analyst adds to documents/ changes no test: the analyst's-document build
    above publishes with every dbt test passing, and here no test module points at documents/.
    """
    root = r"(?:parents\[\d\]|\bROOT|\bREPO)"
    pointing = re.compile(rf"{root}\s*/\s*[\"']documents[\"']")
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "tests").rglob("*.py"))
        if pointing.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    dbt_test = makefile.split("\ndbt-test:", 1)[1].split("\n\n", 1)[0]
    assert "$(DOCUMENTS)" not in dbt_test and "$(TEST_DOCUMENTS)" in dbt_test

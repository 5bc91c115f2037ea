"""The throwaway warehouse: the corpus's documents through the normal ingest and dbt build.

Its output goes to log files under the output folder, not to the screen. When `dbt build` fails
(a test failing on real documents is likely), the failed nodes are recorded and `dbt run` makes
sure the models exist to be scored.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.evaluation.truth import TRUTH_SUFFIX

REPO = Path(__file__).resolve().parents[2]
DBT_VARS = "{allow_quarantine: true}"
FAILED_STATUSES = {"error", "fail", "runtime error"}


@dataclass
class BuildOutcome:
    warehouse: Path
    status: str
    failed_nodes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


class BuildError(RuntimeError):
    """Ingest failed, or no model could be built: nothing to score."""


def copy_documents(corpus: Path, target: Path) -> list[str]:
    """Every file of the corpus that is not a truth file (hidden files left out)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copied = []
    for path in sorted(corpus.iterdir()):
        if (
            path.is_file()
            and not path.name.endswith(TRUTH_SUFFIX)
            and not path.name.startswith(".")
        ):
            shutil.copy2(path, target / path.name)
            copied.append(path.name)
    return copied


def _dbt_executable() -> str:
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else shutil.which("dbt") or "dbt"


def _run(command: list[str], log: Path, env: dict[str, str]) -> int:
    with log.open("a", encoding="utf-8") as handle:
        handle.write("$ " + " ".join(command) + "\n")
        handle.flush()
        completed = subprocess.run(
            command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    return completed.returncode


def failed_nodes(target: Path) -> list[str]:
    """Names of the nodes dbt's last command reports as failed (run_results.json)."""
    results = target / "run_results.json"
    if not results.exists():
        return []
    data = json.loads(results.read_text(encoding="utf-8"))
    return [
        result["unique_id"].split(".")[2]
        for result in data.get("results", [])
        if str(result.get("status", "")).lower() in FAILED_STATUSES
    ]


def build_warehouse(corpus: Path, out: Path) -> BuildOutcome:
    """Copy, ingest and build into out/warehouse.duckdb; logs in out/logs."""
    out = out.resolve()
    logs = out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    warehouse = out / "warehouse.duckdb"
    for stale in (warehouse, out / "warehouse.duckdb.wal"):
        stale.unlink(missing_ok=True)
    documents = copy_documents(corpus, out / "documents")
    env = {**os.environ, "WAREHOUSE_PATH": str(warehouse), "DBT_PROFILES_DIR": str(REPO)}
    ingest = [
        sys.executable,
        "-m",
        "ingest",
        "--documents",
        str(out / "documents"),
        "--database",
        str(warehouse),
    ]
    if _run(ingest, logs / "ingest.log", env) != 0:
        raise BuildError(f"ingest failed: see {logs / 'ingest.log'}")
    target = out / "target"
    dbt = [_dbt_executable()]
    options = [
        "--target-path",
        str(target),
        "--log-path",
        str(logs),
        "--vars",
        DBT_VARS,
        "--project-dir",
        str(REPO),
        "--no-use-colors",
    ]
    if _run([*dbt, "build", *options], logs / "dbt.out", env) == 0:
        return BuildOutcome(warehouse, "passed", documents=documents)
    outcome = BuildOutcome(warehouse, "failed", failed_nodes(target), documents=documents)
    outcome.notes.append(f"dbt's output: {logs / 'dbt.out'}")
    if _run([*dbt, "run", *options], logs / "dbt.out", env) != 0:
        outcome.notes.append(
            "dbt run after the failed build failed too (models: "
            + ", ".join(failed_nodes(target))
            + "); the marts that exist are scored"
        )
    else:
        outcome.notes.append("models built with dbt run after the failed build")
    return outcome

"""Fixtures that build real warehouses (ingest + dbt build) in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# A fixed copy of the five shipped documents: the documents an analyst adds to documents/ never
# change a test.
SHIPPED = REPO / "tests" / "fixtures" / "shipped"
DOCUMENTS = SHIPPED
BIN = Path(sys.executable).parent


@dataclass
class BuildResult:
    returncode: int
    output: str
    database: Path


def run_build(
    documents: Path,
    workdir: Path,
    *,
    select: str | None = None,
    project: Path = REPO,
    allow_quarantine: bool = False,
) -> BuildResult:
    """`python -m ingest` then `dbt build` into workdir/warehouse.duckdb; never raises.
    `project` is the dbt project to build (a copy from `project_with_seeds` to build with a
    test's own seed rows). `allow_quarantine` builds as the scheduled command does: a
    quarantined document's errors do not fail the build."""
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "warehouse.duckdb"
    env = {**os.environ, "WAREHOUSE_PATH": str(database), "DBT_PROFILES_DIR": str(REPO)}
    ingest = subprocess.run(
        [
            sys.executable,
            "-m",
            "ingest",
            "--documents",
            str(documents),
            "--database",
            str(database),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = ingest.stdout + ingest.stderr
    if ingest.returncode != 0:
        return BuildResult(ingest.returncode, output, database)
    command = [
        str(BIN / "dbt"),
        "build",
        "--target-path",
        str(workdir / "target"),
        "--log-path",
        str(workdir / "logs"),
    ]
    if select:
        command += ["--select", select]
    if allow_quarantine:
        command += ["--vars", "{allow_quarantine: true}"]
    dbt = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    return BuildResult(dbt.returncode, output + dbt.stdout + dbt.stderr, database)


# What a dbt build reads from the repository: a copy of these is a project of its own.
DBT_PROJECT_PARTS = ("dbt_project.yml", "models", "macros", "seeds", "tests/dbt")


def project_with_seeds(target: Path, seeds: dict[str, str]) -> Path:
    """A copy of the dbt project in target/project whose seed files (paths under seeds/, e.g.
    "reference/known_errata.csv") hold the given text instead: a test builds with its own
    seed rows and never writes to the repository's seeds. Build it with
    run_build(..., project=the returned path)."""
    project = target / "project"
    for part in DBT_PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            (project / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    for relative, text in seeds.items():
        seed = project / "seeds" / relative
        assert seed.exists(), f"no seed {relative} to replace"
        seed.write_text(text, encoding="utf-8")
    return project


def copy_documents(target: Path) -> Path:
    folder = target / "documents"
    shutil.copytree(DOCUMENTS, folder)
    return folder


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse `make test` built (TEST_WAREHOUSE), or a fresh build of the fixed copy
    of the shipped documents (never of documents/, which an analyst may add to)."""
    prebuilt = os.environ.get("TEST_WAREHOUSE")
    if prebuilt and Path(prebuilt).exists():
        return Path(prebuilt)
    result = run_build(DOCUMENTS, tmp_path_factory.mktemp("warehouse"))
    assert result.returncode == 0, result.output[-4000:]
    return result.database

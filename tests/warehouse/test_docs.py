"""The catalogue and lineage graph generate offline as one self-contained HTML file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_static_docs_generate_offline(warehouse: Path, tmp_path: Path) -> None:
    env = {**os.environ, "WAREHOUSE_PATH": str(warehouse), "DBT_PROFILES_DIR": str(REPO)}
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "docs",
            "generate",
            "--static",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    page = (tmp_path / "target" / "static_index.html").read_text(encoding="utf-8")
    # Nothing is fetched when the page opens: no external scripts, styles or fonts.
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?://", page)
    for model in ("fct_table_cells", "rpt_reconciliation", "mart_monthly_overview"):
        assert model in page
    # The page opens on the project's overview (models/docs/overview.md), not dbt's welcome.
    overview = (REPO / "models" / "docs" / "overview.md").read_text(encoding="utf-8")
    assert "{% docs __overview__ %}" in overview
    assert "Where to start" in page and "What it holds" in page

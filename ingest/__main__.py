"""Thin CLI: ``python -m ingest --documents documents --database warehouse.duckdb``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ingest.pipeline import load_folder
from ingest.writer import write_raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("--documents", type=Path, default=Path("documents"))
    parser.add_argument("--database", type=Path, default=Path("warehouse.duckdb"))
    args = parser.parse_args(argv)
    if not args.documents.is_dir():
        print(f"ingest: documents folder not found: {args.documents}", file=sys.stderr)
        return 2
    frames = load_folder(args.documents)
    write_raw(args.database, frames)
    issues = frames["parse_issues"]
    by_severity = Counter(issues["severity"].to_list())
    print(
        f"ingest: {frames['documents'].height} documents, {frames['foi_tables'].height} tables, "
        f"{frames['foi_table_cells'].height} cells -> {args.database} (schema raw); issues: "
        + (", ".join(f"{n} {s}" for s, n in sorted(by_severity.items())) or "none")
    )
    for row in issues.filter(issues["severity"] == "error").iter_rows(named=True):
        print(f"  {row['file_name']}:{row['line_number']}: {row['message']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

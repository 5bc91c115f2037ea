"""Read every document of a folder into the raw schema of a DuckDB file (one transaction).

``python -m ingest --documents documents --database warehouse.duckdb`` rewrites the ``raw``
schema (documents, lines, tables, columns, rows, cells, sentences, numbers, issues); a re-run
gives identical tables. ``dbt build`` then builds staging, intermediate and marts from it.
Analysts run ``make build`` instead: ingest and dbt build into a new file, published only
when every test passed (``python -m ingest.scheduled --help``).

Prints one line (documents, tables, cells, issues by severity) and every error issue with
its file and line; exits 2 on a usage error."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ingest.batches import DEFAULT_BATCH_SIZE, default_workers, parse_folder_staged
from ingest.pipeline import document_paths
from ingest.writer import write_raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--documents",
        type=Path,
        default=Path("documents"),
        help="the folder of documents to read, every file in it (default: documents)",
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path("warehouse.duckdb"),
        help="the DuckDB file whose raw schema is rewritten; created if missing "
        "(default: warehouse.duckdb)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="processes that parse in parallel (default: one per core)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        help="documents parsed per batch, staged as Parquet beside the database "
        f"(default: {DEFAULT_BATCH_SIZE})",
    )
    args = parser.parse_args(argv)
    if not args.documents.is_dir():
        print(f"ingest: documents folder not found: {args.documents}", file=sys.stderr)
        return 2
    if args.workers < 1 or args.batch_size < 1:
        print("ingest: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    args.database.parent.mkdir(parents=True, exist_ok=True)
    # Parts are staged beside the database: they are about as large as its raw tables.
    with tempfile.TemporaryDirectory(prefix=".ingest-", dir=args.database.parent) as staging:
        parsed = parse_folder_staged(
            document_paths(args.documents),
            Path(staging),
            workers=args.workers,
            batch_size=args.batch_size,
        )
        # What is quarantined (revised versions, near-duplicates: Python comparing every
        # document's text) is decided while DuckDB, which does not hold Python's lock, loads
        # the parsed parts; the small tables it decides are written after them.
        with ThreadPoolExecutor(max_workers=1) as pool:
            deciding = pool.submit(parsed.decided)
            write_raw(args.database, lambda: deciding.result().frames, parts=parsed.parts)
            staged = deciding.result()
    issues = staged.frames["parse_issues"]
    by_severity = Counter(issues["severity"].to_list())
    print(
        f"ingest: {staged.row_count('documents')} documents, "
        f"{staged.row_count('foi_tables')} tables, {staged.row_count('foi_table_cells')} cells "
        f"-> {args.database} (schema raw); issues: "
        + (", ".join(f"{n} {s}" for s, n in sorted(by_severity.items())) or "none")
    )
    for row in issues.filter(issues["severity"] == "error").iter_rows(named=True):
        print(f"  {row['file_name']}:{row['line_number']}: {row['message']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

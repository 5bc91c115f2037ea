"""python -m report: write the offline HTML report of the warehouse's marts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from report.build import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m report",
        description="Write one self-contained HTML file (charts, figures with their document and "
        "line, data quality) from the marts of a published warehouse, opened read-only.",
    )
    parser.add_argument(
        "--warehouse", type=Path, default=Path("warehouse.duckdb"), help="default: %(default)s"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("build/report/index.html"), help="default: %(default)s"
    )
    args = parser.parse_args(argv)
    try:
        html = render(args.warehouse)
    except FileNotFoundError as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"report: wrote {args.out} ({len(html.encode()) / 1e6:.1f} MB); open it in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())

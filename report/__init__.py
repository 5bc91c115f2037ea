"""The analysts' report: one self-contained HTML file of charts and figures, built from the marts.

`python -m report --warehouse warehouse.duckdb --out build/report/index.html` (or `make report`).
"""

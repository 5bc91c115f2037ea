"""make evaluate: score a warehouse built from annotated documents against their truth files.

Modules by what they hold: `truth` (the *.truth.json files), `marts` (the only warehouse tables
read), `labels` (label, period and reference comparison), `figures` (table figures and facts),
`fields` (per-document fields, cut-off tables, prose counts), `scoring` (metrics and the
per-document rows), `report` (report.md, report.json, the screen summary), `thresholds`
(--require), `build` (the throwaway warehouse).

Nothing here imports the ingest package: the score must not trust the parser's own output.
"""

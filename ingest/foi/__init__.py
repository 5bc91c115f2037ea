"""The FOI table parser, by seam (``ingest.tables`` re-exports its public names):

- tokens: words and line shapes; model: tables, columns, rows, cells;
- headers: header lines of periods or categories, and the shapes that end a table;
- scan: the walk over a document's lines, rows read under a header, cut-off tables;
- build: a new table, its columns, closing it, and rows that are not figures;
- layouts: tables without a header line, from the readers cell_per_line, lists, flattened;
- cells: periods, the hierarchy from the figures, repairs; accounting: no number lost.
"""

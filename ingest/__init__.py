"""Ingest: read the documents in ``documents/`` and write raw tables into DuckDB.

Pure parse functions (text -> polars DataFrames) live in one module per document kind;
``writer`` is the only module that touches the database.
"""

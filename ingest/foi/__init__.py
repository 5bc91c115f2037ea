"""Readers of FOI table layouts, one module per layout family (see ``ingest.tables``)."""

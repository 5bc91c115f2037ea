-- One row per document in documents/, with what was read from it and what the catalogue adds.
select
    document_id,
    file_name,
    document_kind,
    title,
    detected_title,
    publisher,
    publication_date,
    publication_date_precision,
    web_url,
    force_key,
    force_source,
    format,
    encoding,
    byte_count,
    line_count,
    load_status,
    is_catalogued
from {{ ref('int_documents__catalogued') }}

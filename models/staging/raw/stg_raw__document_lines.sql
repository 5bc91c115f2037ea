select
    document_id,
    cast(line_number as integer) as line_number,
    line_text,
    line_kind,
    table_id
from {{ source('raw', 'document_lines') }}

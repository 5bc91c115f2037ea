select
    document_id,
    file_name,
    cast(byte_count as bigint) as byte_count,
    encoding,
    cast(line_count as integer) as line_count,
    document_kind,
    title as detected_title,
    load_status,
    format
from {{ source('raw', 'documents') }}

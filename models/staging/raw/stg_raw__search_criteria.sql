select
    document_id,
    cast(line_number as integer) as line_number,
    criterion_kind,
    criterion_code,
    criterion_text
from {{ source('raw', 'search_criteria') }}

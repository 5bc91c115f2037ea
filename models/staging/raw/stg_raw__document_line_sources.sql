select
    document_id,
    cast(line_number as integer) as line_number,
    format,
    locator as source_locator,
    cast(page_number as integer) as page_number,
    sheet_name
from {{ source('raw', 'document_line_sources') }}

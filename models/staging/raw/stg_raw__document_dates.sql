select
    document_id,
    cast(line_number as integer) as line_number,
    printed_text,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    parsed_date,
    is_valid,
    date_role,
    precision as date_precision,
    interpreted_date,
    is_interpretation
from {{ source('raw', 'document_dates') }}

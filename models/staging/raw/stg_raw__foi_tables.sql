select
    table_id,
    document_id,
    cast(table_number as integer) as table_number,
    cast(question_number as integer) as question_number,
    cast(question_line_number as integer) as question_line_number,
    question_text,
    cast(header_line_number as integer) as header_line_number,
    cast(last_line_number as integer) as last_line_number,
    header_text,
    row_caption,
    measure_label,
    cast(column_count as integer) as column_count,
    cast(row_count as integer) as row_count,
    period_start,
    period_end,
    period_grain,
    hierarchy_status
from {{ source('raw', 'foi_tables') }}

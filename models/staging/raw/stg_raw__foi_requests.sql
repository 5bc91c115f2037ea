select
    document_id,
    file_name,
    cast(line_number as integer) as line_number,
    force_name,
    cast(force_name_line_number as integer) as force_name_line_number,
    reference_number,
    cast(reference_line_number as integer) as reference_line_number,
    request_date,
    cast(request_date_line_number as integer) as request_date_line_number,
    response_date,
    cast(response_date_line_number as integer) as response_date_line_number,
    period_start,
    period_end,
    period_text,
    cast(question_count as integer) as question_count
from {{ source('raw', 'foi_requests') }}

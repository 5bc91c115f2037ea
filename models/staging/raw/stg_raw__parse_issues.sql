select
    document_id,
    file_name,
    cast(line_number as integer) as line_number,
    table_id,
    severity,
    issue_code,
    message,
    printed_text
from {{ source('raw', 'parse_issues') }}

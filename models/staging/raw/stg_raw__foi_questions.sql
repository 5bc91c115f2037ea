select
    document_id,
    cast(question_number as integer) as question_number,
    cast(line_number as integer) as line_number,
    question_text,
    topic,
    period_start,
    period_end,
    period_text,
    cast(period_inherited_from as integer) as period_inherited_from,
    period_grain,
    answer_status,
    answer_reason,
    answer_exemptions,
    cast(answer_line_number as integer) as answer_line_number,
    cast(answer_first_line as integer) as answer_first_line,
    cast(answer_last_line as integer) as answer_last_line
from {{ source('raw', 'foi_questions') }}

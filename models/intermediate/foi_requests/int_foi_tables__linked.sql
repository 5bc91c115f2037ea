-- Each FOI table with the question it answers: linked only when a question of the same
-- document carries the table's question number (the relationship is composite).
with

tables as (
    select * from {{ ref('stg_raw__foi_tables') }}
),

questions as (
    select * from {{ ref('stg_raw__foi_questions') }}
)

select
    tables.table_id,
    tables.document_id,
    tables.table_number,
    tables.question_number,
    tables.header_line_number,
    tables.last_line_number,
    tables.header_text,
    questions.question_number is not null as is_linked
from tables
left join questions
    on
        tables.document_id = questions.document_id
        and tables.question_number = questions.question_number

-- One row per numbered question of each FOI response: what it asks, the period and grain,
-- how it was answered, and the tables that answer it.
with

questions as (
    select * from {{ ref('stg_raw__foi_questions') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

tables as (
    select * from {{ ref('int_foi_tables__linked') }}
),

answering_tables as (
    select
        document_id,
        question_number,
        count(*) as table_count,
        string_agg(table_id, ', ' order by table_number) as table_ids
    from tables
    where is_linked
    group by document_id, question_number
)

select
    cast(questions.document_id as varchar) as document_id,
    cast(documents.file_name as varchar) as file_name,
    cast(documents.force_key as varchar) as force_key,
    cast(questions.question_number as integer) as question_number,
    cast(questions.question_text as varchar) as question_text,
    cast(questions.topic as varchar) as topic,
    cast(questions.period_start as date) as period_start,
    cast(questions.period_end as date) as period_end,
    cast(questions.period_grain as varchar) as period_grain,
    cast(questions.period_text as varchar) as period_text,
    cast(questions.period_inherited_from as integer) as period_inherited_from,
    cast(questions.answer_status as varchar) as answer_status,
    cast(questions.answer_reason as varchar) as answer_reason,
    cast(questions.answer_exemptions as varchar) as answer_exemptions,
    cast(questions.answer_line_number as integer) as answer_line_number,
    cast(questions.answer_first_line as integer) as answer_first_line,
    cast(questions.answer_last_line as integer) as answer_last_line,
    cast(coalesce(answering_tables.table_count, 0) as integer) as table_count,
    cast(answering_tables.table_ids as varchar) as table_ids,
    cast(questions.line_number as integer) as line_number
from questions
left join documents on questions.document_id = documents.document_id
left join answering_tables
    on
        questions.document_id = answering_tables.document_id
        and questions.question_number = answering_tables.question_number

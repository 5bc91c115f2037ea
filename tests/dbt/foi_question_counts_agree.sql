-- The request's question_count and recording_system_count agree with the rows of
-- fct_foi_questions and dim_recording_systems, and each question's table_count with the
-- tables that carry its number: the three marts describe the same responses.
with

requests as (
    select * from {{ ref('dim_foi_requests') }}
),

questions as (
    select * from {{ ref('fct_foi_questions') }}
),

systems as (
    select * from {{ ref('dim_recording_systems') }}
),

foi_tables as (
    select * from {{ ref('stg_raw__foi_tables') }}
),

question_rows as (
    select
        document_id,
        count(*) as question_rows
    from questions
    group by document_id
),

system_rows as (
    select
        document_id,
        count(*) as system_rows
    from systems
    group by document_id
),

tables_per_question as (
    select
        document_id,
        question_number,
        count(*) as table_rows
    from foi_tables
    group by document_id, question_number
)

select
    requests.file_name,
    'question_count' as compared,
    requests.question_count as expected,
    coalesce(question_rows.question_rows, 0) as actual
from requests
left join question_rows on requests.document_id = question_rows.document_id
where requests.question_count != coalesce(question_rows.question_rows, 0)

union all

select
    requests.file_name,
    'recording_system_count' as compared,
    requests.recording_system_count as expected,
    coalesce(system_rows.system_rows, 0) as actual
from requests
left join system_rows on requests.document_id = system_rows.document_id
where requests.recording_system_count != coalesce(system_rows.system_rows, 0)

union all

select
    questions.file_name,
    'table_count of question ' || questions.question_number as compared,
    coalesce(tables_per_question.table_rows, 0) as expected,
    questions.table_count as actual
from questions
left join tables_per_question
    on
        questions.document_id = tables_per_question.document_id
        and questions.question_number = tables_per_question.question_number
where questions.table_count != coalesce(tables_per_question.table_rows, 0)

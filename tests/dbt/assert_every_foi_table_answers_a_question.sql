-- Every FOI table answers a question of its own document: the (document_id,
-- question_number) it carries is a question in fct_foi_questions. A composite relationship,
-- so it is checked here rather than with the single-column relationships test. A table
-- that names a question its document lacks is held back from the facts (its
-- table_without_question error names it with file and line), so only tables whose figures
-- reach the facts must pass; a table with no question number (a reply that numbers no
-- questions) claims no link and has only a warning.
-- It runs after rpt_data_quality_issues: a failing test skips the models downstream of what
-- it tests, and the report (whose no_error_issues test names each such table and its line)
-- must still be built.
-- depends_on: {{ ref('rpt_data_quality_issues') }}
with

foi_tables as (
    select * from {{ ref('stg_raw__foi_tables') }}
),

questions as (
    select * from {{ ref('fct_foi_questions') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

table_status as (
    select * from {{ ref('int_foi_tables__fact_status') }}
)

select
    documents.file_name,
    foi_tables.header_line_number as line_number,
    foi_tables.table_id,
    foi_tables.question_number
from foi_tables
inner join documents on foi_tables.document_id = documents.document_id
inner join table_status on foi_tables.table_id = table_status.table_id
left join questions
    on
        foi_tables.document_id = questions.document_id
        and foi_tables.question_number = questions.question_number
where
    questions.question_number is null
    and foi_tables.question_number is not null
    and table_status.table_fact_status = 'in_facts'

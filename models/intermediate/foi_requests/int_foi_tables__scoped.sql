-- What each FOI table's figures cover (its scope): the search criteria Python read from the
-- request and the reply (flags, keyword searches, offence codes, 'all recorded crime'),
-- mapped to a scope by the scope_criteria_map seed. A criterion reaches
--   a table when it is printed in the table or its caption (after the previous table and the
--   last question text above the table);
--   a question's tables when it is printed in that question's answer, outside any caption;
--   every table of its document otherwise (the request, or the reply's general explanation).
-- Of the criteria that reach a table, the narrowest scope wins (scopes.scope_rank), then the
-- most specific attachment, then the first line. A table no criterion reaches is 'as_stated'.
with

foi_tables as (
    select * from {{ ref('int_foi_tables__linked') }}
),

questions as (
    select * from {{ ref('stg_raw__foi_questions') }}
),

criteria as (
    select * from {{ ref('stg_raw__search_criteria') }}
),

criteria_map as (
    select * from {{ ref('scope_criteria_map') }}
),

scopes as (
    select * from {{ ref('scopes') }}
),

scoped_criteria as (
    select
        criteria.document_id,
        criteria.line_number,
        criteria.criterion_text,
        criteria_map.scope,
        scopes.scope_rank
    from criteria
    inner join criteria_map
        on
            criteria.criterion_kind = criteria_map.criterion_kind
            and (criteria_map.criterion_code is null or criteria.criterion_code = criteria_map.criterion_code)
    inner join scopes on criteria_map.scope = scopes.scope
),

previous_table_ends as (
    select
        table_id,
        lag(last_line_number) over (
            partition by document_id order by header_line_number
        ) as previous_last_line_number
    from foi_tables
),

question_lines_above as (
    select
        foi_tables.table_id,
        max(questions.line_number) as question_line_number
    from foi_tables
    inner join questions
        on
            foi_tables.document_id = questions.document_id
            and foi_tables.header_line_number > questions.line_number
    group by foi_tables.table_id
),

-- The lines that belong to a table: its caption (after whatever text precedes it) and its body.
table_spans as (
    select
        foi_tables.table_id,
        foi_tables.document_id,
        foi_tables.question_number,
        foi_tables.last_line_number,
        greatest(
            coalesce(previous_table_ends.previous_last_line_number, 0),
            coalesce(question_lines_above.question_line_number, 0)
        ) as caption_after_line_number
    from foi_tables
    inner join previous_table_ends on foi_tables.table_id = previous_table_ends.table_id
    left join question_lines_above on foi_tables.table_id = question_lines_above.table_id
),

in_table as (
    select
        table_spans.table_id,
        scoped_criteria.*,
        1 as attachment_rank,
        'table' as scope_attached_to
    from scoped_criteria
    inner join table_spans
        on
            scoped_criteria.document_id = table_spans.document_id
            and scoped_criteria.line_number > table_spans.caption_after_line_number
            and scoped_criteria.line_number <= table_spans.last_line_number
),

outside_tables as (
    select scoped_criteria.*
    from scoped_criteria
    anti join in_table
        on
            scoped_criteria.document_id = in_table.document_id
            and scoped_criteria.line_number = in_table.line_number
),

in_answer as (
    select
        table_spans.table_id,
        outside_tables.*,
        2 as attachment_rank,
        'question' as scope_attached_to
    from outside_tables
    inner join questions
        on
            outside_tables.document_id = questions.document_id
            and outside_tables.line_number between questions.answer_first_line and questions.answer_last_line
    inner join table_spans
        on
            questions.document_id = table_spans.document_id
            and questions.question_number = table_spans.question_number
),

in_document as (
    select
        table_spans.table_id,
        outside_tables.*,
        3 as attachment_rank,
        'document' as scope_attached_to
    from outside_tables
    inner join table_spans on outside_tables.document_id = table_spans.document_id
    where not exists (
        select 1
        from questions
        where
            questions.document_id = outside_tables.document_id
            and outside_tables.line_number between questions.answer_first_line and questions.answer_last_line
    )
),

reaching as (
    select * from in_table
    union all
    select * from in_answer
    union all
    select * from in_document
),

chosen as (
    select *
    from reaching
    qualify row_number() over (
        partition by table_id order by scope_rank, attachment_rank, line_number, criterion_text
    ) = 1
)

select
    foi_tables.table_id,
    foi_tables.document_id,
    coalesce(chosen.scope, 'as_stated') as scope,
    chosen.criterion_text as scope_evidence,
    chosen.line_number as scope_line_number,
    coalesce(chosen.scope_attached_to, 'default') as scope_attached_to
from foi_tables
left join chosen on foi_tables.table_id = chosen.table_id

-- Every parse and data-quality issue of every document in one place: what the parsers
-- doubt, the reconciliation checks that fail, FOI tables and questions whose answers do not
-- line up, and documents the catalogue does not know. Errors fail the build; warnings show.
with

parse_issues as (
    select * from {{ ref('stg_raw__parse_issues') }}
),

reconciliation as (
    select * from {{ ref('rpt_reconciliation') }}
),

foi_tables as (
    select * from {{ ref('int_foi_tables__linked') }}
),

questions as (
    select * from {{ ref('fct_foi_questions') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

document_lines as (
    select * from {{ ref('stg_raw__document_lines') }}
),

-- Printed labels no label map knows: their rows are held back from the facts.
unknown_labels as (
    select
        issue_source,
        document_id,
        file_name,
        line_number,
        table_id,
        severity,
        issue_code,
        message,
        printed_text
    from {{ ref('int_foi_row_labels__unmapped') }}
),

failed_checks as (
    select
        'reconciliation' as issue_source,
        reconciliation.document_id,
        reconciliation.file_name,
        reconciliation.line_number,
        reconciliation.table_id,
        'error' as severity,
        'failed_check' as issue_code,
        reconciliation.failure_message as message,
        document_lines.line_text as printed_text
    from reconciliation
    left join document_lines
        on
            reconciliation.document_id = document_lines.document_id
            and reconciliation.line_number = document_lines.line_number
    where reconciliation.status = 'fail'
),

unlinked_tables as (
    select
        'answers' as issue_source,
        foi_tables.document_id,
        documents.file_name,
        foi_tables.header_line_number as line_number,
        foi_tables.table_id,
        -- A reply that numbers no questions (a request in prose or bullets) answers with
        -- tables whose figures are no less sound: a warning. A table that names a question the
        -- document lacks is an error, and holds that table back.
        case when foi_tables.question_number is null then 'warning' else 'error' end as severity,
        'table_without_question' as issue_code,
        documents.file_name || ':' || foi_tables.header_line_number || ' table '
        || foi_tables.table_number || ' answers no question: '
        || coalesce(
            'the document has no question ' || foi_tables.question_number,
            'no numbered question is printed before it'
        ) || '; expected the table to follow the question it answers' as message,
        foi_tables.header_text as printed_text
    from foi_tables
    inner join documents on foi_tables.document_id = documents.document_id
    -- Numbered notes under an official statistics table are no questions: such a document
    -- answers none.
    where not foi_tables.is_linked and documents.document_kind is distinct from 'official_statistics'
),

unanswered_questions as (
    select
        'answers' as issue_source,
        document_id,
        file_name,
        line_number,
        cast(null as varchar) as table_id,
        'warning' as severity,
        'question_unanswered' as issue_code,
        file_name || ':' || line_number || ' question ' || question_number
        || ' has no answer in the text: no table, reason or prose follows it and no later '
        || 'section names it' as message,
        question_text as printed_text
    from questions
    where answer_status = 'unanswered'
),

-- The text says a table answers it, yet no table was read for it.
missing_answer_tables as (
    select
        'answers' as issue_source,
        document_id,
        file_name,
        answer_line_number as line_number,
        cast(null as varchar) as table_id,
        'warning' as severity,
        'answer_table_not_read' as issue_code,
        file_name || ':' || coalesce(answer_line_number, line_number) || ' question '
        || question_number || ' is answered by a table, but no FOI table was read for it' as message,
        question_text as printed_text
    from questions
    where answer_status = 'table' and table_count = 0
),

uncatalogued_documents as (
    select
        'catalogue' as issue_source,
        document_id,
        file_name,
        cast(null as integer) as line_number,
        cast(null as varchar) as table_id,
        -- Only actionable when the force is unknown too: the title names most responses' force.
        case when force_key is null then 'warning' else 'info' end as severity,
        'not_in_catalogue' as issue_code,
        file_name || ': no row in the document catalogue (seeds/document_catalogue.csv), so '
        || 'its publisher and publication date are unknown; '
        || case
            when force_key is not null then 'its force, ' || force_key || ', was read from its title'
            else 'its force is unknown too: add a row to the catalogue'
        end as message,
        file_name as printed_text
    from documents
    where not is_catalogued
),

derived as (
    select * from failed_checks
    union all
    select * from unlinked_tables
    union all
    select * from unanswered_questions
    union all
    select * from missing_answer_tables
    union all
    select * from uncatalogued_documents
    union all
    select * from unknown_labels
),

-- A derived issue supersedes the parser's report of the same thing (the parser notes an
-- uncatalogued FOI response as info; here it is a warning when its force is unknown too).
parser_issues as (
    select
        'parser' as issue_source,
        parse_issues.document_id,
        parse_issues.file_name,
        parse_issues.line_number,
        parse_issues.table_id,
        parse_issues.severity,
        parse_issues.issue_code,
        parse_issues.message,
        parse_issues.printed_text
    from parse_issues
    where not exists (
        select 1
        from derived
        where
            derived.document_id = parse_issues.document_id
            and derived.issue_code = parse_issues.issue_code
    )
),

issues as (
    select * from parser_issues
    union all
    select * from derived
),

-- Two identical reports (the same impossible date printed twice on one line) stay two rows.
numbered as (
    select
        issues.*,
        row_number() over (
            partition by
                issues.issue_source, issues.document_id, issues.file_name, issues.line_number,
                issues.table_id, issues.issue_code, issues.message, issues.printed_text
        ) as occurrence
    from issues
)

select
    cast(
        md5(
            concat_ws(
                '|',
                numbered.issue_source,
                coalesce(numbered.document_id, ''),
                coalesce(cast(numbered.line_number as varchar), ''),
                coalesce(numbered.table_id, ''),
                numbered.issue_code,
                coalesce(numbered.message, ''),
                coalesce(numbered.printed_text, ''),
                numbered.occurrence
            )
        ) as varchar
    ) as issue_id,
    cast(numbered.document_id as varchar) as document_id,
    cast(numbered.file_name as varchar) as file_name,
    cast(numbered.line_number as integer) as line_number,
    cast(numbered.table_id as varchar) as table_id,
    cast(numbered.severity as varchar) as severity,
    cast(numbered.issue_code as varchar) as issue_code,
    cast(numbered.message as varchar) as message,
    cast(numbered.printed_text as varchar) as printed_text,
    cast(numbered.issue_source as varchar) as issue_source
from numbered

-- Every parse and data-quality issue of every document in one place: what the parsers
-- doubt, the reconciliation checks that fail, FOI tables and questions whose answers do not
-- line up, and documents the catalogue does not know. Errors fail the build; warnings show.
-- erratum_id names the known erratum (seeds/reference/known_errata.csv) that accepts an
-- error about a misprinted total: the error stays, its table's detail rows reach the facts.
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

errata as (
    select * from {{ ref('int_known_errata__matched') }}
),

-- Per table: the errata that accept its failing checks, when they accept every one of them
-- (then the parser's "no grouping reconciles" is the misprint, not a grouping in doubt).
errata_tables as (
    select
        table_id,
        string_agg(distinct erratum_id, ', ' order by erratum_id) as erratum_id
    from reconciliation
    where status = 'fail'
    group by table_id
    having count(erratum_id) = count(*)
),

-- Per erratum: how many failing checks it accepts.
errata_use as (
    select
        errata.erratum_id,
        count(reconciliation.check_id) as accepted_checks
    from errata
    left join reconciliation on errata.erratum_id = reconciliation.erratum_id
    group by errata.erratum_id
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
        printed_text,
        cast(null as varchar) as erratum_id
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
        document_lines.line_text as printed_text,
        reconciliation.erratum_id
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
        foi_tables.header_text as printed_text,
        cast(null as varchar) as erratum_id
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
        question_text as printed_text,
        cast(null as varchar) as erratum_id
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
        question_text as printed_text,
        cast(null as varchar) as erratum_id
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
        file_name as printed_text,
        cast(null as varchar) as erratum_id
    from documents
    where not is_catalogued
),

-- Each erratum that accepts a misprinted total, as a warning beside the errors it accepts.
errata_accepted as (
    select
        'errata' as issue_source,
        errata.document_id,
        errata.loaded_file_name as file_name,
        errata.line_number,
        errata.table_id,
        'warning' as severity,
        'erratum_accepted' as issue_code,
        errata.loaded_file_name || ':' || errata.line_number || ' known_errata row "'
        || errata.erratum_id || '" (judged by ' || errata.judged_by
        || coalesce(' on ' || errata.judged_on, '') || ': ' || errata.what_is_wrong
        || '; source: ' || errata.source || ') accepts the detail rows of table '
        || errata.table_number || ' into the facts; the printed total still fails '
        || errata_use.accepted_checks || ' check(s) in rpt_reconciliation' as message,
        document_lines.line_text as printed_text,
        errata.erratum_id
    from errata
    inner join errata_use on errata.erratum_id = errata_use.erratum_id
    left join document_lines
        on errata.document_id = document_lines.document_id and errata.line_number = document_lines.line_number
    where errata.match_status = 'matched' and errata_use.accepted_checks > 0
),

-- An erratum that accepts nothing: it names no loaded document, no printed total, or a
-- total that holds. It changes nothing; remove or correct it.
errata_unused as (
    select
        'errata' as issue_source,
        case when errata.match_status != 'no_such_document' then errata.document_id end as document_id,
        coalesce(errata.loaded_file_name, errata.file_name) as file_name,
        errata.line_number,
        errata.table_id,
        'warning' as severity,
        'erratum_unused' as issue_code,
        coalesce(errata.loaded_file_name, errata.file_name) || ':' || errata.line_number
        || ' known_errata row "' || errata.erratum_id || '" accepts nothing: '
        || case errata.match_status
            when 'no_such_document'
                then
                    'no loaded document has document_id ' || errata.document_id
                    || ' (a changed file is another document)'
            when 'no_printed_total_on_line' then 'no table prints a total on this line'
            else 'every check of the total printed on this line holds'
        end || '; correct or remove the row in seeds/reference/known_errata.csv' as message,
        document_lines.line_text as printed_text,
        errata.erratum_id
    from errata
    inner join errata_use on errata.erratum_id = errata_use.erratum_id
    left join document_lines
        on errata.document_id = document_lines.document_id and errata.line_number = document_lines.line_number
    where errata.match_status != 'matched' or errata_use.accepted_checks = 0
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
    union all
    select * from errata_accepted
    union all
    select * from errata_unused
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
        parse_issues.printed_text,
        -- The parser's reports of a misprinted total an erratum accepts: the row total
        -- printed on the erratum's line, and "no grouping reconciles" when every failing
        -- check of the table is accepted.
        case
            when parse_issues.issue_code = 'row_total_mismatch' then errata.erratum_id
            when parse_issues.issue_code = 'totals_do_not_reconcile' then errata_tables.erratum_id
        end as erratum_id
    from parse_issues
    left join errata
        on
            parse_issues.table_id = errata.table_id
            and parse_issues.line_number = errata.line_number
            and errata.match_status = 'matched'
    left join errata_tables on parse_issues.table_id = errata_tables.table_id
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
    cast(numbered.issue_source as varchar) as issue_source,
    cast(numbered.erratum_id as varchar) as erratum_id
from numbered

-- Whether each FOI table's figures may reach the facts, and why not. The smallest unit that
-- cannot be trusted is held back, never more:
--   document_quarantined  the whole document cannot be trusted (unreadable, parser failure,
--                         revised version): every table of it stays out
--   not_a_fact_subject    the table counts something the facts do not hold (arrests, orders,
--                         disclosure requests, ...) or its subject was not recognised
--   held_back             an issue names this table: a total that does not hold, a missing
--                         cell no total proves, a table cut off or emptied, or no row label a
--                         label map knows; the document's other tables still load
--   in_facts              its detail cells reach the facts (rows with an unknown label
--                         excepted, see int_foi_table_cells__fact_status)
-- An error a known erratum accepts (a misprinted total, seeds/reference/known_errata.csv)
-- does not hold its table back: erratum_reason names the erratum and the errors it accepts,
-- which stay errors in rpt_data_quality_issues and failures in rpt_reconciliation.
-- A table: the detail cells, fct_table_cells and the tests all read it.
{{ config(materialized='table') }}

with

foi_tables as (
    select * from {{ ref('int_foi_tables__classified') }}
),

documents as (
    select
        document_id,
        file_name,
        document_kind,
        load_status
    from {{ ref('stg_raw__documents') }}
),

issues as (
    select * from {{ ref('rpt_data_quality_issues') }}
),

labels as (
    select * from {{ ref('int_foi_row_labels__mapped') }}
),

errata as (
    select * from {{ ref('int_known_errata__matched') }}
),

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

-- The facts hold one figure per row and period (and fct_recorded_crimes one per table and
-- period). Columns that split a row's figure for one period (male / female, age bands), or
-- recorded-crimes rows that split a period (areas), break the count down by something no
-- fact table has a column for: such a table is held back, never summed or duplicated.
-- The groups are counted first and only those of more than one figure are described: most
-- groups hold one, and building the description of every group cost most of this model.
detail_cells as (
    select
        table_id,
        document_id,
        row_number,
        column_number,
        column_label,
        line_number,
        period_start,
        period_end,
        table_subject
    from cells
    where
        row_kind = 'detail'
        and not is_total
        and table_subject in ('recorded_crimes', 'offences', 'suspect_roles', 'outcomes', 'victims')
),

shared_rows as (
    select
        table_id,
        row_number,
        period_start,
        period_end
    from detail_cells
    group by table_id, row_number, period_start, period_end
    having count(*) > 1
),

shared_columns as (
    select
        table_id,
        period_start,
        period_end
    from detail_cells
    where table_subject = 'recorded_crimes'
    group by table_id, period_start, period_end
    having count(*) > 1
),

shared_periods as (
    select
        detail_cells.table_id,
        'columns' as split_by,
        count(*) as figure_count,
        string_agg(detail_cells.column_label, ', ' order by detail_cells.column_number) as split_list,
        min(documents.file_name || ':' || detail_cells.line_number) as first_place
    from detail_cells
    semi join shared_rows
        on
            detail_cells.table_id = shared_rows.table_id
            and detail_cells.row_number = shared_rows.row_number
            and detail_cells.period_start is not distinct from shared_rows.period_start
            and detail_cells.period_end is not distinct from shared_rows.period_end
    inner join documents on detail_cells.document_id = documents.document_id
    group by
        detail_cells.table_id, detail_cells.row_number, detail_cells.period_start, detail_cells.period_end
    union all
    select
        detail_cells.table_id,
        'rows' as split_by,
        count(*) as figure_count,
        string_agg(detail_cells.line_number::varchar, ', ' order by detail_cells.line_number) as split_list,
        min(documents.file_name || ':' || detail_cells.line_number) as first_place
    from detail_cells
    semi join shared_columns
        on
            detail_cells.table_id = shared_columns.table_id
            and detail_cells.period_start is not distinct from shared_columns.period_start
            and detail_cells.period_end is not distinct from shared_columns.period_end
    inner join documents on detail_cells.document_id = documents.document_id
    group by detail_cells.table_id, detail_cells.period_start, detail_cells.period_end
),

shape_tables as (
    select
        table_id,
        '[several_figures_per_period] ' || min(first_place) || ' the table prints '
        || max(figure_count) || ' detail figures for one period ('
        || min(case when split_by = 'columns' then 'columns ' else 'rows on lines ' end || split_list)
        || '); the facts hold one figure per row and period, so the table stays in fct_table_cells only'
            as shape_reason
    from shared_periods
    group by table_id
),

-- Every error that names a table holds it back; so does a cut-off or emptied table whatever
-- the severity its issue is reported with.
table_issues as (
    select
        table_id,
        string_agg(
            '[' || issue_code || '] '
            -- Most messages start with their file and line already.
            || case
                when starts_with(message, file_name) then ''
                else file_name || coalesce(':' || line_number, '') || ' '
            end
            || message,
            ' | '
            order by line_number, issue_code, message
        ) as issue_reasons
    from issues
    where
        table_id is not null
        and (severity = 'error' or issue_code in ('table_cut_off', 'table_emptied'))
        and erratum_id is null
    group by table_id
),

-- Errors about a misprinted total that a known erratum accepts: the table's detail rows
-- may reach the facts (unless another issue holds the table back), and say which erratum let
-- them in.
errata_tables as (
    select
        accepted.table_id,
        string_agg(
            distinct '[erratum_accepted] known_errata row "' || errata.erratum_id || '" (judged by '
            || errata.judged_by || ': ' || errata.what_is_wrong || ')', ' | '
        ) || ' accepts: ' || string_agg(
            distinct '[' || accepted.issue_code || '] ' || accepted.message, ' | '
            order by '[' || accepted.issue_code || '] ' || accepted.message
        ) || '; the printed total still fails its checks in rpt_reconciliation' as erratum_reason
    from issues as accepted
    inner join errata on list_contains(string_split(accepted.erratum_id, ', '), errata.erratum_id)
    where accepted.table_id is not null and accepted.severity = 'error'
    group by accepted.table_id
),

-- A member table (offences, roles, outcomes) none of whose row labels a map knows: what
-- its rows are is not known, so the whole table is held back.
label_tables as (
    select
        table_id,
        '[unknown_label] no row label of the table is in a label map: '
        || string_agg(distinct '"' || printed_label || '"', ', ') as label_reason
    from labels
    group by table_id
    having count(member_key) = 0
)

select
    foi_tables.table_id,
    foi_tables.document_id,
    documents.file_name,
    foi_tables.table_number,
    foi_tables.header_line_number,
    foi_tables.table_subject,
    foi_tables.table_subject in ('recorded_crimes', 'offences', 'suspect_roles', 'outcomes', 'victims')
        as is_fact_subject,
    case
        when documents.load_status != 'loaded' then 'document_quarantined'
        when documents.document_kind = 'official_statistics' then 'not_a_fact_subject'
        when
            foi_tables.table_subject
            not in ('recorded_crimes', 'offences', 'suspect_roles', 'outcomes', 'victims')
            then 'not_a_fact_subject'
        when
            table_issues.table_id is not null
            or label_tables.table_id is not null
            or shape_tables.table_id is not null
            then 'held_back'
        else 'in_facts'
    end as table_fact_status,
    case
        when documents.load_status != 'loaded'
            then 'the document is quarantined: see its issues in rpt_data_quality_issues'
        when documents.document_kind = 'official_statistics'
            then
                'an official statistics table: its figures reach the facts by area and offence '
                || '(int_official_area_cells), not as one force''s FOI table'
        when
            foi_tables.table_subject
            not in ('recorded_crimes', 'offences', 'suspect_roles', 'outcomes', 'victims')
            then coalesce(
                'the table counts ' || replace(foi_tables.table_subject, '_', ' ')
                || ' (its ' || foi_tables.classified_by || ' says "' || foi_tables.classified_keyword
                || '"), which no fact table holds',
                'what the table counts is not recognised: no caption, header, row label or question '
                || 'names a subject (see seeds/table_subject_keywords.csv)'
            )
        else coalesce(
            nullif(concat_ws(
                ' | ', table_issues.issue_reasons, label_tables.label_reason, shape_tables.shape_reason
            ), ''),
            errata_tables.erratum_reason
        )
    end as table_fact_status_reason,
    -- Issues that name the table, whatever its status: they are contained when its figures
    -- stay out of the facts.
    nullif(concat_ws(
        ' | ', table_issues.issue_reasons, label_tables.label_reason, shape_tables.shape_reason
    ), '')
        as held_back_reason,
    errata_tables.erratum_reason
from foi_tables
inner join documents on foi_tables.document_id = documents.document_id
left join table_issues on foi_tables.table_id = table_issues.table_id
left join label_tables on foi_tables.table_id = label_tables.table_id
left join shape_tables on foi_tables.table_id = shape_tables.table_id
left join errata_tables on foi_tables.table_id = errata_tables.table_id

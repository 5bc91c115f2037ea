-- Where two documents give a figure for the same force, scope, fact table, member and period:
-- both figures side by side, and whether they agree. One row per pair of documents (and
-- tables), the document int_documents__preference puts first (the one the facts mark
-- is_preferred) on the left. A figure is the sum of the fact rows of one table for one member
-- and period (two rows of a table that map to one member count together). Figures with no
-- force or no period are never compared: they cannot be matched to another document's.
with

recorded_crimes as (
    select
        'fct_recorded_crimes' as fact_table,
        'recorded_crimes' as table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        'all' as member_key,
        cast(null as varchar) as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        crime_count as figure,
        line_number
    from {{ ref('fct_recorded_crimes') }}
),

offences as (
    select
        'fct_offence_counts' as fact_table,
        'offences' as table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        offence_key as member_key,
        offence as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        crime_count as figure,
        line_number
    from {{ ref('fct_offence_counts') }}
),

suspect_roles as (
    select
        'fct_suspect_role_counts' as fact_table,
        'suspect_roles' as table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        suspect_role_key as member_key,
        suspect_role as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        suspect_count as figure,
        line_number
    from {{ ref('fct_suspect_role_counts') }}
),

outcomes as (
    select
        'fct_outcome_counts' as fact_table,
        'outcomes' as table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        coalesce(suspect_role_key, 'any_role') || ' / ' || outcome_type as member_key,
        concat_ws(' / ', suspect_role, outcome) as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        suspect_count as figure,
        line_number
    from {{ ref('fct_outcome_counts') }}
),

victims as (
    select
        'fct_victim_counts' as fact_table,
        'victims' as table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        victim_category_key as member_key,
        victim_category as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        victim_count as figure,
        line_number
    from {{ ref('fct_victim_counts') }}
),

fact_rows as (
    select * from recorded_crimes
    union all
    select * from offences
    union all
    select * from suspect_roles
    union all
    select * from outcomes
    union all
    select * from victims
),

figures as (
    select
        fact_table,
        table_subject,
        document_id,
        file_name,
        table_id,
        force_key,
        member_key,
        min(member_label) as member_label,
        period_start,
        period_end,
        period_grain,
        scope,
        cast(sum(figure) as bigint) as figure,
        min(line_number) as line_number
    from fact_rows
    where force_key is not null and period_start is not null
    group by all
),

-- The document's place in the preference rule for the figure's scope, subject and period.
figures_with_scope as (
    select
        figures.*,
        preferred.preference_order,
        preferred.is_preferred
    from figures
    inner join {{ ref('int_foi_figures__preferred') }} as preferred
        on
            figures.document_id = preferred.document_id
            and figures.scope = preferred.scope
            and figures.table_subject = preferred.table_subject
            and figures.period_start = preferred.period_start
            and figures.period_end = preferred.period_end
)

select
    md5(concat_ws(
        '|', first_figures.fact_table, first_figures.member_key, first_figures.period_start,
        first_figures.period_end, first_figures.table_id, second_figures.table_id
    )) as overlap_id,
    first_figures.force_key,
    first_figures.scope,
    first_figures.fact_table,
    first_figures.member_key,
    first_figures.member_label,
    first_figures.period_start,
    first_figures.period_end,
    first_figures.period_grain,
    first_figures.document_id as first_document_id,
    first_figures.file_name as first_file_name,
    first_figures.table_id as first_table_id,
    first_figures.line_number as first_line_number,
    first_figures.figure as first_figure,
    first_figures.is_preferred as first_is_preferred,
    second_figures.document_id as second_document_id,
    second_figures.file_name as second_file_name,
    second_figures.table_id as second_table_id,
    second_figures.line_number as second_line_number,
    second_figures.figure as second_figure,
    second_figures.figure - first_figures.figure as difference,
    case when first_figures.figure = second_figures.figure then 'agree' else 'differ' end as comparison
from figures_with_scope as first_figures
inner join figures_with_scope as second_figures
    on
        first_figures.force_key = second_figures.force_key
        and first_figures.scope = second_figures.scope
        and first_figures.fact_table = second_figures.fact_table
        and first_figures.member_key = second_figures.member_key
        and first_figures.period_start = second_figures.period_start
        and first_figures.period_end = second_figures.period_end
        and first_figures.preference_order < second_figures.preference_order

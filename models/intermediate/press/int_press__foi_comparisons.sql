-- Every published figure against the FOI marts: one row per figure and FOI document that
-- measures the figure's metric (the FOI table that overlaps it best), or one not_checkable
-- row when no FOI figure measures that metric. A comparison needs the same force, the same
-- offence scope and intersecting periods; otherwise it is no_overlap, naming which of
-- geography, scope and period differ. When they overlap, the FOI rows inside the figure's
-- period are summed: if they cover the whole period they must equal the figure (within its
-- printed rounding or bound), else they are a part of it and leave a remainder.
with

figures as (
    select * from {{ ref('int_press__figures_located') }}
),

foi_figures as (
    select * from {{ ref('int_press__foi_figures') }}
),

-- What each FOI table covers for a metric: its force, offence scope and period.
foi_sources as (
    select
        foi_document_id,
        foi_file_name,
        foi_table_id,
        foi_model,
        force_key,
        offence_scope,
        metric,
        min(period_start) as foi_period_start,
        max(period_end) as foi_period_end
    from foi_figures
    group by all
),

candidates as (
    select
        figures.figure_id,
        figures.printed_text,
        figures.metric,
        figures.force_key,
        figures.offence_scope,
        figures.period_start,
        figures.period_end,
        figures.printed_value_in_text,
        figures.approximation,
        figures.rounding_step,
        foi_sources.foi_document_id,
        foi_sources.foi_file_name,
        foi_sources.foi_table_id,
        foi_sources.foi_model,
        foi_sources.force_key as foi_force_key,
        foi_sources.offence_scope as foi_offence_scope,
        foi_sources.foi_period_start,
        foi_sources.foi_period_end,
        figures.force_key = foi_sources.force_key as is_same_force,
        figures.offence_scope = foi_sources.offence_scope as is_same_scope,
        coalesce(
            figures.period_start <= foi_sources.foi_period_end
            and figures.period_end >= foi_sources.foi_period_start,
            false
        ) as do_periods_intersect
    from figures
    inner join foi_sources on figures.metric = foi_sources.metric
),

-- One comparison per figure and FOI document: its table that overlaps the figure best.
best_candidates as (
    select
        *,
        is_same_force and is_same_scope and do_periods_intersect as does_overlap
    from candidates
    qualify row_number() over (
        partition by figure_id, foi_document_id
        order by
            (is_same_force and is_same_scope and do_periods_intersect) desc,
            is_same_scope desc,
            is_same_force desc,
            do_periods_intersect desc,
            foi_table_id asc
    ) = 1
),

-- The FOI rows that lie inside the figure's period, and how many days of it they cover.
overlap_sums as (
    select
        best_candidates.figure_id,
        best_candidates.foi_document_id,
        cast(sum(foi_figures.foi_value) as double) as foi_value,
        sum(date_diff('day', foi_figures.period_start, foi_figures.period_end) + 1) as covered_days,
        min(foi_figures.period_start) as covered_start,
        max(foi_figures.period_end) as covered_end
    from best_candidates
    inner join foi_figures
        on
            best_candidates.foi_table_id = foi_figures.foi_table_id
            and best_candidates.metric = foi_figures.metric
            and best_candidates.period_start <= foi_figures.period_start
            and best_candidates.period_end >= foi_figures.period_end
    where best_candidates.does_overlap
    group by best_candidates.figure_id, best_candidates.foi_document_id
),

judged as (
    select
        best_candidates.*,
        overlap_sums.foi_value,
        overlap_sums.covered_start,
        overlap_sums.covered_end,
        overlap_sums.covered_days = (
            date_diff('day', best_candidates.period_start, best_candidates.period_end) + 1
        ) as covers_whole_period,
        nullif(
            concat_ws(
                ', ',
                case when not best_candidates.is_same_force then 'geography' end,
                case when not best_candidates.is_same_scope then 'scope' end,
                case when not best_candidates.do_periods_intersect then 'period' end
            ),
            ''
        ) as mismatch
    from best_candidates
    left join overlap_sums
        on
            best_candidates.figure_id = overlap_sums.figure_id
            and best_candidates.foi_document_id = overlap_sums.foi_document_id
),

statused as (
    select
        *,
        case
            when not does_overlap then 'no_overlap'
            when printed_value_in_text is null or foi_value is null then 'not_checkable'
            when covers_whole_period
                then
                    case
                        when
                            approximation = 'more_than'
                            then case when foi_value > printed_value_in_text then 'pass' else 'fail' end
                        when
                            approximation = 'at_least'
                            then case when foi_value >= printed_value_in_text then 'pass' else 'fail' end
                        when
                            approximation = 'less_than'
                            then case when foi_value < printed_value_in_text then 'pass' else 'fail' end
                        when
                            approximation = 'at_most'
                            then case when foi_value <= printed_value_in_text then 'pass' else 'fail' end
                        when
                            abs(round(foi_value / rounding_step) * rounding_step - printed_value_in_text)
                            < 1e-9
                            then 'pass'
                        else 'fail'
                    end
            -- the FOI months are a part of the figure's period: a part may not exceed it
            when approximation in ('more_than', 'at_least') then 'remainder'
            when approximation = 'less_than' and foi_value >= printed_value_in_text then 'fail'
            when foi_value > printed_value_in_text then 'fail'
            else 'remainder'
        end as status
    from judged
),

comparisons as (
    select
        'foi_comparison' as check_type,
        figure_id,
        cast(null as varchar) as breakdown,
        [figure_id] as figure_ids,
        foi_file_name,
        figure_id || ' (' || coalesce(printed_text, '?') || ' ' || metric || ', ' || force_key || ', '
        || offence_scope || ', ' || {{ press_period_words('period_start', 'period_end') }} || ') against '
        || foi_model || ' of ' || foi_file_name as description,
        printed_value_in_text as expected,
        foi_value as actual,
        status,
        case
            when status = 'no_overlap' then mismatch
            when printed_value_in_text is null then 'figure_not_in_text'
            when status = 'not_checkable' then 'foi_periods_straddle_the_period'
            when status = 'remainder' then 'foi_covers_part_of_the_period'
            when status = 'fail' and covers_whole_period then 'foi_differs'
            when status = 'fail' then 'foi_exceeds_figure'
        end as status_reason,
        case
            when status = 'no_overlap'
                then
                    'The FOI figures ('
                    || foi_model
                    || ', table '
                    || foi_table_id
                    || ') cover '
                    || foi_force_key
                    || ', '
                    || foi_offence_scope
                    || ', '
                    || foi_period_start
                    || ' to '
                    || foi_period_end
                    || '; the figure covers '
                    || force_key
                    || ', '
                    || offence_scope
                    || ', '
                    || {{ press_period_words('period_start', 'period_end') }}
                    || '. They differ in ' || mismatch || '.'
            when status = 'not_checkable' and printed_value_in_text is null
                then 'The figure is no longer found in the text (see fct_published_figures).'
            when status = 'not_checkable'
                then 'No FOI row lies inside the figure''s period (the FOI periods straddle it).'
            else
                'The FOI rows from ' || covered_start || ' to ' || covered_end || ' sum to ' || foi_value
                || case
                    when covers_whole_period then ', the figure''s whole period'
                    else ', part of the figure''s period'
                end
                || case status
                    when 'pass' then ': consistent with ' || coalesce(printed_text, '?') || '.'
                    when 'remainder' then ': the rest of the period is not in the FOI data (a remainder).'
                    else ': inconsistent with ' || coalesce(printed_text, '?') || '.'
                end
        end as note
    from statused
),

unmeasured as (
    select
        'foi_comparison' as check_type,
        figures.figure_id,
        cast(null as varchar) as breakdown,
        [figures.figure_id] as figure_ids,
        cast(null as varchar) as foi_file_name,
        figures.figure_id || ' (' || coalesce(figures.printed_text, '?') || ' ' || figures.metric || ', '
        || figures.force_key || ', ' || figures.offence_scope || ', '
        || {{ press_period_words('figures.period_start', 'figures.period_end') }} || ') against the FOI marts'
            as description,
        figures.printed_value_in_text as expected,
        cast(null as double) as actual,
        'not_checkable' as status,
        'no_foi_measure' as status_reason,
        'No FOI figure in the warehouse measures ' || figures.metric || '.' as note
    from figures
    where not exists (
        select 1 from foi_sources
        where foi_sources.metric = figures.metric
    )
)

select * from comparisons
union all
select * from unmeasured

-- The curated figures' links make sense together, so that the checks they define do: a part
-- names its breakdown (and only a part does), every part of one breakdown agrees on whether
-- the breakdown is complete, a stated direction has an earlier figure, and a figure a share
-- or change applies to is a count.
with

figures as (
    select * from {{ ref('published_figures') }}
),

breakdown_flags as (
    select
        part_of_figure_id,
        breakdown,
        count(distinct is_complete_breakdown) as flag_count
    from figures
    where part_of_figure_id is not null
    group by part_of_figure_id, breakdown
),

problems as (
    select
        figure_id,
        'breakdown is set exactly when part_of_figure_id is' as problem
    from figures
    where (part_of_figure_id is null) != (breakdown is null)
    union all
    select
        figure_id,
        'is_complete_breakdown is set exactly when part_of_figure_id is' as problem
    from figures
    where (part_of_figure_id is null) != (is_complete_breakdown is null)
    union all
    select
        figures.figure_id,
        'the parts of one breakdown disagree on is_complete_breakdown' as problem
    from figures
    inner join breakdown_flags
        on
            figures.part_of_figure_id = breakdown_flags.part_of_figure_id
            and figures.breakdown = breakdown_flags.breakdown
    where breakdown_flags.flag_count > 1
    union all
    select
        figure_id,
        'change_direction needs a compared_with_figure_id' as problem
    from figures
    where change_direction is not null and compared_with_figure_id is null
    union all
    select
        figures.figure_id,
        'applies_to_figure_id is for a percentage or ratio about a count' as problem
    from figures
    inner join figures as counted on figures.applies_to_figure_id = counted.figure_id
    where figures.unit not in ('percent', 'ratio') or counted.unit != 'count'
)

select * from problems

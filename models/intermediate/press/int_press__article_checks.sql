-- The checks of published figures against each other, defined by the curated seed's links
-- and computed from the values as the text prints them now (printed_value_in_text):
--   parts_of_whole   the parts of one breakdown (part_of_figure_id + breakdown) against
--                    their whole: a complete breakdown must add up; an incomplete one leaves
--                    a remainder, and only parts that exceed the whole fail
--   share_of_whole   a stated percentage or ratio against part / whole of the counts it is
--                    about (applies_to_figure_id), rounded as the share is printed
--   change_direction the direction of change the article states (change_direction) against
--                    the earlier and later values (compared_with_figure_id)
--   percent_change   a stated percentage change against the counts before and after, where
--                    the article prints both
--   restatement      a hedged or rounded figure against the exact one it restates
--                    (restates_figure_id): rounded as printed, or against its bound
with

figures as (
    select * from {{ ref('int_press__figures_located') }}
),

-- parts_of_whole ------------------------------------------------------------------------

breakdowns as (
    select
        part_of_figure_id as whole_figure_id,
        breakdown,
        bool_and(is_complete_breakdown) as is_complete_breakdown,
        list(figure_id order by line_number, char_start) as part_figure_ids,
        string_agg(coalesce(printed_text, '?'), ' + ' order by line_number, char_start) as parts_printed,
        count(*) as part_count,
        count(printed_value_in_text) = count(*) as parts_in_text,
        sum(printed_value_in_text) as parts_sum,
        -- The least the parts can amount to: an upper bound ('fewer than 10') may be 0.
        sum(case when approximation in ('less_than', 'at_most') then 0 else printed_value_in_text end)
            as parts_low,
        sum(printed_value_in_text) filter (
            where approximation not in ('more_than', 'at_least', 'less_than', 'at_most')
        ) as exact_parts_sum,
        string_agg(printed_text, ' + ' order by line_number, char_start) filter (
            where approximation in ('more_than', 'at_least', 'less_than', 'at_most')
        ) as bounded_parts_printed,
        bool_or(approximation in ('more_than', 'at_least')) as has_lower_bound,
        bool_or(approximation = 'more_than') as has_strict_lower_bound
    from figures
    where part_of_figure_id is not null
    group by part_of_figure_id, breakdown
),

parts_judged as (
    select
        breakdowns.*,
        whole.printed_value_in_text as whole_value,
        whole.printed_text as whole_printed,
        whole.metric as whole_metric,
        case
            when whole.printed_value_in_text is null or not breakdowns.parts_in_text then 'not_checkable'
            when
                breakdowns.parts_low > whole.printed_value_in_text
                or (breakdowns.has_strict_lower_bound and breakdowns.parts_low = whole.printed_value_in_text)
                then 'fail'
            when breakdowns.is_complete_breakdown and breakdowns.has_lower_bound then 'pass'
            when
                breakdowns.parts_low = whole.printed_value_in_text and not breakdowns.has_lower_bound
                then 'pass'
            when breakdowns.is_complete_breakdown then 'fail'
            else 'remainder'
        end as status
    from breakdowns
    inner join figures as whole on breakdowns.whole_figure_id = whole.figure_id
),

parts_of_whole as (
    select
        'parts_of_whole' as check_type,
        whole_figure_id as figure_id,
        breakdown,
        list_prepend(whole_figure_id, part_figure_ids) as figure_ids,
        whole_figure_id || ' (' || coalesce(whole_printed, '?') || ' ' || whole_metric || ') against its '
        || breakdown || ' breakdown'
        || case when is_complete_breakdown then ' (complete)' else ' (some parts printed)' end
        || ': ' || parts_printed as description,
        whole_value as expected,
        parts_sum as actual,
        status,
        case status
            when 'not_checkable' then 'figure_not_in_text'
            when 'remainder' then 'parts_not_all_printed'
            when 'fail' then
                case
                    when parts_low >= whole_value then 'parts_exceed_whole'
                    else 'complete_breakdown_does_not_add_up'
                end
        end as status_reason,
        case
            when status = 'not_checkable'
                then 'The whole or a part is no longer found in the text (see fct_published_figures).'
            when status = 'fail' and parts_low >= whole_value
                then
                    'The ' || part_count || ' parts amount to ' || {{ press_shown('parts_low') }}
                    || case when has_lower_bound then ' at least' else '' end
                    || ', more than the whole of ' || {{ press_shown('whole_value') }} || '.'
            when status = 'fail'
                then
                    'The article gives the parts as complete, but they add up to '
                    || {{ press_shown('parts_sum') }} || ', not ' || {{ press_shown('whole_value') }} || '.'
            when status = 'pass' and has_lower_bound
                then
                    'The exact parts leave '
                    || {{ press_shown('whole_value - coalesce(exact_parts_sum, 0)') }}
                    || ' of '
                    || {{ press_shown('whole_value') }}
                    || ' for the part printed as '
                    || bounded_parts_printed
                    || ': consistent.'
            when status = 'pass' then 'The parts add up to the whole.'
            else
                'The article prints '
                || part_count
                || ' part(s) of this breakdown and does not say they are all; '
                || {{ press_shown('whole_value - parts_sum') }} || ' of ' || {{ press_shown('whole_value') }}
                || ' are not accounted for (a remainder, not a failure).'
        end as note
    from parts_judged
),

-- share_of_whole and percent_change ------------------------------------------------------

stated_ratios as (
    select
        stated.figure_id,
        stated.metric,
        stated.unit,
        stated.printed_text as stated_printed,
        stated.printed_value_in_text as stated_value,
        stated.approximation,
        stated.rounding_step,
        about.figure_id as about_figure_id,
        about.printed_text as about_printed,
        about.printed_value_in_text as about_value,
        other.figure_id as other_figure_id,
        other.printed_text as other_printed,
        other.printed_value_in_text as other_value
    from figures as stated
    inner join figures as about on stated.applies_to_figure_id = about.figure_id
    -- a share is of the count's whole; a change is on the count's earlier value
    left join figures as other
        on
            other.figure_id = case
                when stated.metric = 'percent_change' then about.compared_with_figure_id
                else about.part_of_figure_id
            end
),

ratios_computed as (
    select
        *,
        case
            when metric = 'percent_change' then 100 * (about_value - other_value) / nullif(other_value, 0)
            when unit = 'percent' then 100 * about_value / nullif(other_value, 0)
            else about_value / nullif(other_value, 0)
        end as computed_value
    from stated_ratios
),

ratios_judged as (
    select
        *,
        case
            when other_figure_id is null then 'not_checkable'
            when stated_value is null or about_value is null or computed_value is null then 'not_checkable'
            when
                approximation = 'more_than'
                then case when computed_value > stated_value then 'pass' else 'fail' end
            when
                approximation = 'at_least'
                then case when computed_value >= stated_value then 'pass' else 'fail' end
            when
                approximation = 'less_than'
                then case when computed_value < stated_value then 'pass' else 'fail' end
            when
                approximation = 'at_most'
                then case when computed_value <= stated_value then 'pass' else 'fail' end
            when abs(round(computed_value / rounding_step) * rounding_step - stated_value) < 1e-9 then 'pass'
            else 'fail'
        end as status
    from ratios_computed
),

ratio_checks as (
    select
        case when metric = 'percent_change' then 'percent_change' else 'share_of_whole' end as check_type,
        figure_id,
        cast(null as varchar) as breakdown,
        list_filter([figure_id, about_figure_id, other_figure_id], id -> id is not null) as figure_ids,
        case
            when metric = 'percent_change'
                then
                    figure_id || ' (' || coalesce(stated_printed, '?') || ') against the change of '
                    || about_figure_id || ' (' || coalesce(about_printed, '?') || ')'
                    || coalesce(' on ' || other_figure_id || ' (' || coalesce(other_printed, '?') || ')', '')
            else
                figure_id || ' (' || coalesce(stated_printed, '?') || ') against ' || about_figure_id || ' ('
                || coalesce(about_printed, '?') || ')'
                || coalesce(
                    ' as a share of ' || other_figure_id || ' (' || coalesce(other_printed, '?') || ')', ''
                )
        end as description,
        stated_value as expected,
        computed_value as actual,
        status,
        case
            when status = 'not_checkable' and other_figure_id is null and metric = 'percent_change'
                then 'earlier_value_not_printed'
            when status = 'not_checkable' and other_figure_id is null then 'whole_not_printed'
            when status = 'not_checkable' then 'figure_not_in_text'
            when status = 'fail' then 'stated_value_differs'
        end as status_reason,
        case
            when other_figure_id is null and metric = 'percent_change'
                then
                    'The article prints ' || coalesce(about_printed, '?')
                    || ' but not the figure it changed from; '
                    || coalesce(stated_printed, '?')
                    || ' implies about '
                    || {{ press_shown('round(about_value / (1 + stated_value / 100))') }}
                    || ', which it does not print.'
            when other_figure_id is null
                then
                    'The article prints no whole for '
                    || about_figure_id
                    || ', so the share cannot be recomputed.'
            when status = 'not_checkable'
                then 'A figure of this check is no longer found in the text (see fct_published_figures).'
            else
                {{ press_shown('computed_value') }}
                || case when unit = 'percent' or metric = 'percent_change' then ' per cent' else '' end
                || ' computed; ' || coalesce(stated_printed, '?') || ' as printed ('
                || replace(approximation, '_', ' ')
                || ', to the nearest '
                || {{ press_shown('rounding_step') }}
                || ')'
                || case when status = 'pass' then ': consistent.' else ': does not match.' end
        end as note
    from ratios_judged
),

-- change_direction -----------------------------------------------------------------------

directions as (
    select
        later.figure_id,
        later.change_direction,
        later.printed_text as later_printed,
        later.printed_value_in_text as later_value,
        earlier.figure_id as earlier_figure_id,
        earlier.printed_text as earlier_printed,
        earlier.printed_value_in_text as earlier_value,
        case
            when
                later.printed_value_in_text is null or earlier.printed_value_in_text is null
                then 'not_checkable'
            when
                later.change_direction = 'increase'
                and later.printed_value_in_text > earlier.printed_value_in_text
                then 'pass'
            when
                later.change_direction = 'decrease'
                and later.printed_value_in_text < earlier.printed_value_in_text
                then 'pass'
            else 'fail'
        end as status
    from figures as later
    inner join figures as earlier on later.compared_with_figure_id = earlier.figure_id
    where later.change_direction is not null
),

direction_checks as (
    select
        'change_direction' as check_type,
        figure_id,
        cast(null as varchar) as breakdown,
        [figure_id, earlier_figure_id] as figure_ids,
        figure_id || ' (' || coalesce(later_printed, '?') || ') stated as '
        || case change_direction when 'increase' then 'an increase' else 'a decrease' end || ' on '
        || earlier_figure_id || ' (' || coalesce(earlier_printed, '?') || ')' as description,
        earlier_value as expected,
        later_value as actual,
        status,
        case status
            when 'not_checkable' then 'figure_not_in_text'
            when 'fail' then 'direction_differs'
        end as status_reason,
        case
            when status = 'not_checkable' then 'A figure of this check is no longer found in the text.'
            else
                'From '
                || {{ press_shown('earlier_value') }}
                || ' to '
                || {{ press_shown('later_value') }}
                || ': '
                || case when later_value >= earlier_value then '+' else '' end
                || {{ press_shown('later_value - earlier_value') }} || ' ('
                || case when later_value >= earlier_value then '+' else '' end
                || format('{:.1f}', 100 * (later_value - earlier_value) / nullif(earlier_value, 0))
                || ' per cent), stated as '
                || case change_direction when 'increase' then 'an increase' else 'a decrease' end
                || case when status = 'pass' then ': consistent.' else ': the figures say otherwise.' end
        end as note
    from directions
),

-- restatement ------------------------------------------------------------------------------

restatements as (
    select
        restating.figure_id,
        restating.printed_text as restating_printed,
        restating.printed_value_in_text as restating_value,
        restating.approximation,
        restating.rounding_step,
        restating.unit,
        exact.figure_id as exact_figure_id,
        exact.printed_text as exact_printed,
        -- the exact figure in the restating figure's unit
        case
            when restating.unit = exact.unit then exact.printed_value_in_text
            when restating.unit = 'ratio' and exact.unit = 'percent' then exact.printed_value_in_text / 100
            when restating.unit = 'percent' and exact.unit = 'ratio' then exact.printed_value_in_text * 100
        end as exact_value
    from figures as restating
    inner join figures as exact on restating.restates_figure_id = exact.figure_id
),

restatements_judged as (
    select
        *,
        case
            when restating_value is null or exact_value is null then 'not_checkable'
            when
                approximation = 'more_than'
                then case when exact_value > restating_value then 'pass' else 'fail' end
            when
                approximation = 'at_least'
                then case when exact_value >= restating_value then 'pass' else 'fail' end
            when
                approximation = 'less_than'
                then case when exact_value < restating_value then 'pass' else 'fail' end
            when
                approximation = 'at_most'
                then case when exact_value <= restating_value then 'pass' else 'fail' end
            when abs(round(exact_value / rounding_step) * rounding_step - restating_value) < 1e-9 then 'pass'
            else 'fail'
        end as status
    from restatements
),

restatement_checks as (
    select
        'restatement' as check_type,
        figure_id,
        cast(null as varchar) as breakdown,
        [figure_id, exact_figure_id] as figure_ids,
        figure_id || ' (' || coalesce(restating_printed, '?') || ') against the exact figure it restates, '
        || exact_figure_id || ' (' || coalesce(exact_printed, '?') || ')' as description,
        restating_value as expected,
        exact_value as actual,
        status,
        case status
            when 'not_checkable' then 'figure_not_in_text'
            when 'fail' then 'restatement_differs'
        end as status_reason,
        case
            when
                status = 'not_checkable'
                then 'A figure of this check is no longer found in the text, or the units differ.'
            when approximation in ('more_than', 'at_least', 'less_than', 'at_most')
                then
                    {{ press_shown('exact_value') }} || ' is ' || replace(approximation, '_', ' ') || ' '
                    || {{ press_shown('restating_value') }}
                    || case when status = 'pass' then ': consistent.' else ': it is not.' end
            else
                {{ press_shown('exact_value') }}
                || ' rounded to the nearest '
                || {{ press_shown('rounding_step') }}
                || ' is '
                || {{ press_shown('round(exact_value / rounding_step) * rounding_step') }}
                || case
                    when status = 'pass' then ': consistent.' else
                        ', not ' || {{ press_shown('restating_value') }} || '.'
                end
        end as note
    from restatements_judged
)

select * from parts_of_whole
union all
select * from ratio_checks
union all
select * from direction_checks
union all
select * from restatement_checks

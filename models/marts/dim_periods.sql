-- Every period a figure in the warehouse refers to.
with

periods as (
    select distinct
        period_start,
        period_end,
        period_grain
    from {{ ref('int_foi_table_cells__resolved') }}
    where period_start is not null
)

select
    period_start || '/' || period_end as period_key,
    period_start,
    period_end,
    period_grain,
    case period_grain
        when 'month' then strftime(period_start, '%b %Y')
        when 'year' then strftime(period_start, '%Y')
        when 'quarter' then strftime(period_start, '%Y') || ' Q' || quarter(period_start)
        when 'financial_year' then strftime(period_start, '%Y') || '/' || strftime(period_end, '%y')
        else period_start || ' to ' || period_end
    end as period_label,
    datediff('day', period_start, period_end) + 1 as day_count
from periods

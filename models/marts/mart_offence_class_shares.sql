-- Per force, period and Home Office offence class: recorded crimes and their share of all
-- crimes in the offence table for that force and period. Months come from the tables; a
-- year row is added where a document gives all twelve months.
with

offences as (
    select
        facts.force_key,
        facts.document_id,
        facts.period_start,
        facts.period_end,
        facts.period_grain,
        classifications.offence_class,
        facts.crime_count,
        facts.is_repaired
    from {{ ref('fct_offence_counts') }} as facts
    inner join {{ ref('dim_offences') }} as classifications
        on facts.offence_key = classifications.offence_key
    where facts.period_grain = 'month'
),

by_month as (
    select
        force_key,
        document_id,
        period_start,
        period_end,
        period_grain,
        offence_class,
        cast(sum(crime_count) as bigint) as crime_count,
        bool_or(is_repaired) as is_repaired
    from offences
    group by all
),

full_years as (
    select
        force_key,
        document_id,
        year(period_start) as period_year
    from offences
    group by force_key, document_id, year(period_start)
    having count(distinct period_start) = 12
),

by_year as (
    select
        by_month.force_key,
        by_month.document_id,
        make_date(year(by_month.period_start), 1, 1) as period_start,
        make_date(year(by_month.period_start), 12, 31) as period_end,
        'year' as period_grain,
        by_month.offence_class,
        cast(sum(by_month.crime_count) as bigint) as crime_count,
        bool_or(by_month.is_repaired) as is_repaired
    from by_month
    inner join full_years
        on
            by_month.force_key = full_years.force_key
            and by_month.document_id = full_years.document_id
            and year(by_month.period_start) = full_years.period_year
    group by all
),

class_counts as (
    select * from by_month
    union all
    select * from by_year
),

with_period_totals as (
    select
        *,
        cast(sum(crime_count) over (
            partition by force_key, document_id, period_start, period_end
        ) as bigint) as period_crime_count
    from class_counts
)

select
    force_key,
    document_id,
    period_start,
    period_end,
    period_grain,
    offence_class,
    crime_count,
    period_crime_count,
    {{ share('crime_count', 'period_crime_count') }} as offence_share_of_crimes,
    is_repaired
from with_period_totals

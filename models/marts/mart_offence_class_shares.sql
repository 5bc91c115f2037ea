-- Per force, period, scope and Home Office offence class: recorded crimes and their share
-- of all crimes in the offence table for that force, scope and period (shares are never
-- taken across figures that cover different things, e.g. online-flagged and all crime).
-- Months come from the tables; a year row is added where a document gives all twelve months.
-- is_preferred: the document is the one to count for the force, scope and period (every
-- month of a year row), as in the facts.
with

offences as (
    select
        facts.force_key,
        facts.document_id,
        facts.period_start,
        facts.period_end,
        facts.period_grain,
        facts.scope,
        classifications.offence_class,
        facts.crime_count,
        facts.is_repaired,
        facts.is_preferred
    from {{ ref('fct_offence_counts') }} as facts
    inner join {{ ref('dim_offences') }} as classifications
        on facts.offence_key = classifications.offence_key
    where
        facts.period_grain = 'month'
        -- Shares are between classes: a group, sub-group or force grouping has no class, and
        -- its crimes overlap the classes', so it is not a share of the same whole.
        and classifications.offence_class is not null
),

by_month as (
    select
        force_key,
        document_id,
        period_start,
        period_end,
        period_grain,
        scope,
        offence_class,
        cast(sum(crime_count) as bigint) as crime_count,
        bool_or(is_repaired) as is_repaired,
        bool_and(is_preferred) as is_preferred
    from offences
    group by force_key, document_id, period_start, period_end, period_grain, scope, offence_class
),

class_counts as (
    {{ months_and_full_years('by_month', ['scope', 'offence_class'], 'crime_count', ['is_preferred']) }}
),

with_period_totals as (
    select
        *,
        cast(sum(crime_count) over (
            partition by force_key, document_id, scope, period_start, period_end
        ) as bigint) as period_crime_count
    from class_counts
)

select
    force_key,
    document_id,
    period_start,
    period_end,
    period_grain,
    scope,
    offence_class,
    crime_count,
    period_crime_count,
    {{ share('crime_count', 'period_crime_count') }} as offence_share_of_crimes,
    is_repaired,
    is_preferred
from with_period_totals

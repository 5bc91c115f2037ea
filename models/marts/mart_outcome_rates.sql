-- Per force, period, scope, suspect role and Home Office outcome group: how many suspects, and
-- their share of all suspects of that role, scope and period (the outcome table's population).
-- Months come from the tables; a year row is added where a document gives all twelve months.
with

outcomes as (
    select
        facts.force_key,
        facts.document_id,
        facts.period_start,
        facts.period_end,
        facts.period_grain,
        facts.scope,
        coalesce(facts.suspect_role_key, 'all_suspects') as suspect_role_key,
        outcome_types.outcome_group_key,
        outcome_types.outcome_group,
        facts.suspect_count,
        facts.is_repaired
    from {{ ref('fct_outcome_counts') }} as facts
    inner join {{ ref('dim_outcomes') }} as outcome_types
        on facts.outcome_type = outcome_types.outcome_type
    where facts.period_grain = 'month'
),

by_month as (
    select
        force_key,
        document_id,
        period_start,
        period_end,
        period_grain,
        scope,
        suspect_role_key,
        outcome_group_key,
        outcome_group,
        cast(sum(suspect_count) as bigint) as suspect_count,
        bool_or(is_repaired) as is_repaired
    from outcomes
    group by all
),

rates as (
    {{ months_and_full_years(
        'by_month', ['scope', 'suspect_role_key', 'outcome_group_key', 'outcome_group'], 'suspect_count'
    ) }}
),

-- The role's suspects per force, document and period, summed once and joined back (a
-- window partitioned on five keys over every row cost more than the aggregate). Null keys
-- match each other, as they share a window partition.
role_totals as (
    select
        force_key,
        document_id,
        period_start,
        period_end,
        scope,
        suspect_role_key,
        cast(sum(suspect_count) as bigint) as role_suspect_count
    from rates
    group by all
),

with_role_totals as (
    select
        rates.*,
        role_totals.role_suspect_count
    from rates
    inner join role_totals
        on
            rates.force_key is not distinct from role_totals.force_key
            and rates.document_id = role_totals.document_id
            and rates.period_start is not distinct from role_totals.period_start
            and rates.period_end is not distinct from role_totals.period_end
            and rates.scope is not distinct from role_totals.scope
            and rates.suspect_role_key = role_totals.suspect_role_key
)

select
    force_key,
    document_id,
    period_start,
    period_end,
    period_grain,
    scope,
    suspect_role_key,
    outcome_group_key,
    outcome_group,
    suspect_count,
    role_suspect_count,
    {{ share('suspect_count', 'role_suspect_count') }} as share_of_role_suspects,
    is_repaired
from with_role_totals

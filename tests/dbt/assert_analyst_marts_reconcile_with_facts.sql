-- The analyst marts reproduce the facts they summarise: per force, month and scope, the
-- overview's crimes, victims, suspects and suspects with an outcome equal the fact tables' sums
-- of that scope for its source document; and mart_outcome_rates' groups add up to each role's suspects in
-- fct_outcome_counts.
with

overview as (
    select * from {{ ref('mart_monthly_overview') }}
),

fact_months as (
    select
        overview.force_key,
        overview.month_start,
        overview.scope,
        overview.crime_count,
        overview.victim_count,
        overview.suspect_count,
        overview.suspects_with_outcome,
        (
            select sum(crimes.crime_count) from {{ ref('fct_recorded_crimes') }} as crimes
            where
                crimes.document_id = overview.source_document_id
                and crimes.scope = overview.scope
                and crimes.period_start = overview.month_start and crimes.period_grain = 'month'
        ) as fact_crimes,
        (
            select sum(victims.victim_count) from {{ ref('fct_victim_counts') }} as victims
            where
                victims.document_id = overview.source_document_id
                and victims.scope = overview.scope
                and victims.period_start = overview.month_start and victims.period_grain = 'month'
        ) as fact_victims,
        (
            select sum(role_counts.suspect_count) from {{ ref('fct_suspect_role_counts') }} as role_counts
            where
                role_counts.document_id = overview.source_document_id
                and role_counts.scope = overview.scope
                and role_counts.period_start = overview.month_start and role_counts.period_grain = 'month'
        ) as fact_suspects,
        (
            select sum(outcomes.suspect_count) from {{ ref('fct_outcome_counts') }} as outcomes
            where
                outcomes.document_id = overview.source_document_id
                and outcomes.scope = overview.scope
                and outcomes.period_start = overview.month_start and outcomes.period_grain = 'month'
        ) as fact_suspects_with_outcome
    from overview
),

overview_mismatches as (
    select
        'mart_monthly_overview' as model_name,
        force_key,
        month_start as period_start
    from fact_months
    where
        crime_count is distinct from coalesce(fact_crimes, crime_count)
        or victim_count is distinct from fact_victims
        or suspect_count is distinct from fact_suspects
        or suspects_with_outcome is distinct from fact_suspects_with_outcome
),

rates_by_role as (
    select
        force_key,
        document_id,
        period_start,
        suspect_role_key,
        sum(suspect_count) as rate_suspects
    from {{ ref('mart_outcome_rates') }}
    where period_grain = 'month'
    group by all
),

facts_by_role as (
    select
        force_key,
        document_id,
        period_start,
        coalesce(suspect_role_key, 'all_suspects') as suspect_role_key,
        sum(suspect_count) as fact_suspects
    from {{ ref('fct_outcome_counts') }}
    where period_grain = 'month'
    group by all
),

rate_mismatches as (
    select
        'mart_outcome_rates' as model_name,
        coalesce(rates_by_role.force_key, facts_by_role.force_key) as force_key,
        coalesce(rates_by_role.period_start, facts_by_role.period_start) as period_start
    from rates_by_role
    full outer join facts_by_role
        on
            rates_by_role.document_id = facts_by_role.document_id
            and rates_by_role.period_start = facts_by_role.period_start
            and rates_by_role.suspect_role_key = facts_by_role.suspect_role_key
    where rates_by_role.rate_suspects is distinct from facts_by_role.fact_suspects
)

select * from overview_mismatches
union all
select * from rate_mismatches

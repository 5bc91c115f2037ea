-- The FOI marts' figures in the vocabulary of the published figures: per FOI table, force,
-- offence scope, press metric and period, the FOI count that answers that metric.
-- It reads the marts (their enforced contracts are the interface) rather than the cells they
-- are built from, so a published figure is compared with exactly what analysts query.
--   offence scope: the FOI's offences are the police 'stalking and harassment' group; the
--     stalking classes alone (8Q) give 'stalking'. What the figures cover is the facts' scope
--     column (int_foi_tables__scoped, the one home of that rule), translated here into the
--     press vocabulary: online_flag counts online crimes only (online_stalking_and_harassment),
--     all_recorded_crime and as_stated are the group itself, and any other scope (a cyber or
--     domestic flag, a keyword search, a subset of offence codes) keeps its name
--     ('keyword_search:stalking_and_harassment'), so it never matches a published figure's
--     scope and the comparison says the scopes differ.
--   metric: recorded crimes answer incidents, offences, recorded_crimes and cases_logged;
--     outcome types answer the outcome metrics; victims answer victims.
with

recorded_crimes as (
    select * from {{ ref('fct_recorded_crimes') }}
),

offence_counts as (
    select * from {{ ref('fct_offence_counts') }}
),

outcome_counts as (
    select * from {{ ref('fct_outcome_counts') }}
),

victim_counts as (
    select * from {{ ref('fct_victim_counts') }}
),

offence_classes as (
    select * from {{ ref('ho_offence_classifications') }}
),

-- The press metrics a count of recorded crimes answers.
crime_metrics as (
    select unnest(['incidents', 'offences', 'recorded_crimes', 'cases_logged']) as metric
),

-- The press metrics each Home Office outcome type answers. 'No detection or outcome yet'
-- (2016) is no outcome assigned yet plus investigations closed without a suspect.
outcome_metrics as (
    select
        outcome_map.outcome_type,
        outcome_map.metric
    from (
        values
        ('1', 'charges'),
        ('1A', 'charges'),
        ('2', 'cautions'),
        ('3', 'cautions'),
        ('8', 'community_resolutions'),
        ('14', 'evidential_difficulties'),
        ('15', 'evidential_difficulties'),
        ('16', 'evidential_difficulties'),
        ('18', 'no_outcome_yet'),
        ('none', 'no_outcome_yet')
    ) as outcome_map (outcome_type, metric)
),

foi_counts as (
    select
        recorded_crimes.document_id,
        recorded_crimes.file_name,
        recorded_crimes.table_id,
        'fct_recorded_crimes' as foi_model,
        recorded_crimes.force_key,
        recorded_crimes.scope,
        'stalking_and_harassment' as base_scope,
        crime_metrics.metric,
        recorded_crimes.period_start,
        recorded_crimes.period_end,
        recorded_crimes.crime_count as foi_value
    from recorded_crimes
    cross join crime_metrics
    union all
    select
        offence_counts.document_id,
        offence_counts.file_name,
        offence_counts.table_id,
        'fct_offence_counts' as foi_model,
        offence_counts.force_key,
        offence_counts.scope,
        'stalking' as base_scope,
        crime_metrics.metric,
        offence_counts.period_start,
        offence_counts.period_end,
        offence_counts.crime_count as foi_value
    from offence_counts
    inner join offence_classes on offence_counts.offence_key = offence_classes.offence_key
    cross join crime_metrics
    where offence_classes.offence_class = '8Q'
    union all
    select
        outcome_counts.document_id,
        outcome_counts.file_name,
        outcome_counts.table_id,
        'fct_outcome_counts' as foi_model,
        outcome_counts.force_key,
        outcome_counts.scope,
        'stalking_and_harassment' as base_scope,
        outcome_metrics.metric,
        outcome_counts.period_start,
        outcome_counts.period_end,
        outcome_counts.suspect_count as foi_value
    from outcome_counts
    inner join outcome_metrics on outcome_counts.outcome_type = outcome_metrics.outcome_type
    union all
    select
        victim_counts.document_id,
        victim_counts.file_name,
        victim_counts.table_id,
        'fct_victim_counts' as foi_model,
        victim_counts.force_key,
        victim_counts.scope,
        'stalking_and_harassment' as base_scope,
        'victims' as metric,
        victim_counts.period_start,
        victim_counts.period_end,
        victim_counts.victim_count as foi_value
    from victim_counts
)

select
    foi_counts.document_id as foi_document_id,
    foi_counts.file_name as foi_file_name,
    foi_counts.table_id as foi_table_id,
    foi_counts.foi_model,
    foi_counts.force_key,
    case
        when foi_counts.scope = 'online_flag' then 'online_' || foi_counts.base_scope
        when foi_counts.scope in ('all_recorded_crime', 'as_stated') then foi_counts.base_scope
        else foi_counts.scope || ':' || foi_counts.base_scope
    end as offence_scope,
    foi_counts.metric,
    foi_counts.period_start,
    foi_counts.period_end,
    cast(sum(foi_counts.foi_value) as bigint) as foi_value
from foi_counts
group by all

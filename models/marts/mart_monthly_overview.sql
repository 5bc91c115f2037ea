-- Per force, month and scope: crimes, victims, suspects, suspects by outcome group, and the
-- shares analysts ask for first. The scope (what the figures cover: an online-flagged count,
-- all recorded crime, a keyword search, ...; int_foi_tables__scoped) is part of the grain:
-- two documents for the same force and month with different scopes give different figures,
-- so each has its own row and neither hides the other. Within one force, month and scope,
-- where several documents give figures, the one the preference rule puts first is used
-- (int_documents__preference: the latest response or publication date, then the last file
-- name; source_document_id says which), as the facts' is_preferred does. Documents whose
-- force is unknown are left out (their figures stay in the fact tables, and
-- rpt_data_quality_issues warns about each): a month of an unknown force cannot be told
-- apart from another's.
--
-- Shares are of suspects_with_outcome: every suspect in the outcome table for that force,
-- month and scope, whatever their role and including those with no outcome assigned yet.
with

recorded_crimes as (
    {{ monthly_totals('fct_recorded_crimes', 'crime_count') }}
),

offence_crimes as (
    {{ monthly_totals('fct_offence_counts', 'crime_count') }}
),

victims as (
    {{ monthly_totals('fct_victim_counts', 'victim_count') }}
),

suspects as (
    {{ monthly_totals('fct_suspect_role_counts', 'suspect_count') }}
),

outcome_groups as (
    select
        facts.force_key,
        facts.document_id,
        facts.scope,
        facts.period_start,
        outcome_types.outcome_group_key,
        cast(sum(facts.suspect_count) as bigint) as suspect_count
    from {{ ref('fct_outcome_counts') }} as facts
    inner join {{ ref('dim_outcomes') }} as outcome_types
        on facts.outcome_type = outcome_types.outcome_type
    where facts.period_grain = 'month'
    group by all
),

-- One column per outcome group (a group a month lacks is 0: the table has no such suspect).
outcomes as (
    select
        force_key,
        document_id,
        scope,
        period_start,
        cast(sum(suspect_count) as bigint) as suspects_with_outcome,
        {%- for group_key, column_name in [
            ('charged_summonsed', 'suspects_charged_summonsed'),
            ('out_of_court_formal', 'suspects_out_of_court_formal'),
            ('out_of_court_informal', 'suspects_out_of_court_informal'),
            ('no_suspect_identified', 'suspects_no_suspect_identified'),
            ('prosecution_prevented_or_not_in_public_interest', 'suspects_prosecution_prevented'),
            ('transferred_to_another_body', 'suspects_transferred_to_another_body'),
            ('diversionary_activity', 'suspects_diversionary_activity'),
            ('no_outcome_yet', 'suspects_no_outcome_yet'),
        ] %}
            coalesce(max(suspect_count) filter (where outcome_group_key = '{{ group_key }}'), 0)
                as {{ column_name }},
        {%- endfor %}
        cast(coalesce(sum(suspect_count) filter (
            where outcome_group_key in (
                'evidential_difficulties_victim_does_not_support', 'evidential_difficulties_victim_supports'
            )
        ), 0) as bigint) as suspects_evidential_difficulties
    from outcome_groups
    group by force_key, document_id, scope, period_start
),

-- Every force, document, scope and month some fact table gives a figure for.
document_months as (
    select
        force_key,
        document_id,
        scope,
        period_start
    from recorded_crimes
    union
    select
        force_key,
        document_id,
        scope,
        period_start
    from offence_crimes
    union
    select
        force_key,
        document_id,
        scope,
        period_start
    from victims
    union
    select
        force_key,
        document_id,
        scope,
        period_start
    from suspects
    union
    select
        force_key,
        document_id,
        scope,
        period_start
    from outcomes
),

-- One document per force, month and scope: figures of different scopes never compete.
chosen_documents as (
    select
        document_months.force_key,
        document_months.scope,
        document_months.period_start,
        document_months.document_id
    from document_months
    inner join {{ ref('int_documents__preference') }} as preference
        on document_months.document_id = preference.document_id
    where document_months.force_key is not null
    qualify row_number() over (
        partition by document_months.force_key, document_months.scope, document_months.period_start
        order by preference.preference_order
    ) = 1
),

overview as (
    select
        chosen.force_key,
        chosen.period_start as month_start,
        last_day(chosen.period_start) as month_end,
        chosen.document_id as source_document_id,
        chosen.scope,
        coalesce(recorded_crimes.crime_count, offence_crimes.crime_count) as crime_count,
        victims.victim_count,
        suspects.suspect_count,
        outcomes.suspects_with_outcome,
        outcomes.suspects_charged_summonsed,
        outcomes.suspects_out_of_court_formal,
        outcomes.suspects_out_of_court_informal,
        outcomes.suspects_evidential_difficulties,
        outcomes.suspects_no_suspect_identified,
        outcomes.suspects_prosecution_prevented,
        outcomes.suspects_transferred_to_another_body,
        outcomes.suspects_diversionary_activity,
        outcomes.suspects_no_outcome_yet
    from chosen_documents as chosen
    left join recorded_crimes
        on
            chosen.force_key = recorded_crimes.force_key
            and chosen.document_id = recorded_crimes.document_id
            and chosen.scope = recorded_crimes.scope
            and chosen.period_start = recorded_crimes.period_start
    left join offence_crimes
        on
            chosen.force_key = offence_crimes.force_key
            and chosen.document_id = offence_crimes.document_id
            and chosen.scope = offence_crimes.scope
            and chosen.period_start = offence_crimes.period_start
    left join victims
        on
            chosen.force_key = victims.force_key
            and chosen.document_id = victims.document_id
            and chosen.scope = victims.scope
            and chosen.period_start = victims.period_start
    left join suspects
        on
            chosen.force_key = suspects.force_key
            and chosen.document_id = suspects.document_id
            and chosen.scope = suspects.scope
            and chosen.period_start = suspects.period_start
    left join outcomes
        on
            chosen.force_key = outcomes.force_key
            and chosen.document_id = outcomes.document_id
            and chosen.scope = outcomes.scope
            and chosen.period_start = outcomes.period_start
)

select
    *,
    {{ share('suspects_charged_summonsed', 'suspects_with_outcome') }} as share_charged_summonsed,
    {{ share('suspects_evidential_difficulties', 'suspects_with_outcome') }}
        as share_evidential_difficulties,
    {{ share('suspects_no_suspect_identified', 'suspects_with_outcome') }}
        as share_no_suspect_identified,
    {{ share('suspects_no_outcome_yet', 'suspects_with_outcome') }} as share_no_outcome_yet
from overview

-- The Home Office crime outcome types (1, 1A, 2 ... 22) and 'none' (no outcome assigned
-- yet: printed '-'), with their outcome groups and how many printed labels map to each.
with

outcome_types as (
    select * from {{ ref('ho_outcome_types') }}
),

printed as (
    select
        member_key,
        count(distinct printed_label) as printed_label_count
    from {{ ref('int_foi_row_labels__mapped') }}
    where label_dimension = 'outcome'
    group by member_key
)

select
    outcome_types.outcome_type,
    outcome_types.outcome_name,
    outcome_types.outcome_group,
    outcome_types.outcome_group_key,
    outcome_types.sort_order,
    outcome_types.is_verified,
    outcome_types.source,
    coalesce(printed.printed_label_count, 0) as printed_label_count
from outcome_types
left join printed on outcome_types.outcome_type = printed.member_key

-- Offence members at their own level (offence_level): Home Office / ONS offence groups and
-- sub-groups, the classes of the 'Stalking and harassment' sub-group and the detailed codes
-- under them, and force groupings no official source places; with how many printed labels
-- map to each.
with

classifications as (
    select * from {{ ref('ho_offence_classifications') }}
),

printed as (
    select
        member_key,
        count(distinct printed_label) as printed_label_count
    from {{ ref('int_foi_row_labels__mapped') }}
    where label_dimension = 'offence'
    group by member_key
)

select
    classifications.offence_key,
    classifications.offence_level,
    classifications.offence_class,
    classifications.detailed_code,
    classifications.offence_name,
    classifications.offence_subgroup,
    classifications.offence_group,
    classifications.valid_from,
    classifications.is_verified,
    classifications.source,
    coalesce(printed.printed_label_count, 0) as printed_label_count
from classifications
left join printed on classifications.offence_key = printed.member_key

-- Suspect roles (as recorded by the force's crime system) with what each means.
with

roles as (
    select * from {{ ref('suspect_roles') }}
),

printed as (
    select
        member_key,
        count(distinct printed_label) as printed_label_count
    from {{ ref('int_foi_row_labels__mapped') }}
    where label_dimension = 'suspect_role'
    group by member_key
)

select
    roles.suspect_role_key,
    roles.suspect_role_name,
    roles.is_identified,
    roles.is_eliminated,
    roles.was_interviewed,
    roles.is_no_further_action,
    roles.description,
    roles.is_verified,
    roles.source,
    coalesce(printed.printed_label_count, 0) as printed_label_count
from roles
left join printed on roles.suspect_role_key = printed.member_key

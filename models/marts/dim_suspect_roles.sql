-- Every suspect-role label found, cleaned to one member: the rows of suspect-role tables and
-- the group rows that outcome tables break down.
with

roles as (
    select
        row_label_normalised as suspect_role_key,
        row_label,
        line_number
    from {{ ref('int_foi_table_cells__resolved') }}
    where table_subject = 'suspect_roles' and row_kind = 'detail'
    union all
    select
        parent_row_label_normalised,
        parent_row_label,
        line_number
    from {{ ref('int_foi_table_cells__resolved') }}
    where table_subject = 'outcomes' and parent_row_label is not null
)

select
    suspect_role_key,
    arg_min(row_label, line_number) as suspect_role_label,
    count(distinct row_label) as printed_variant_count
from roles
group by suspect_role_key

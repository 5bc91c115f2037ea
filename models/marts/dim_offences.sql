-- Every offence (and offence group) label found in an offence table, cleaned to one member.
with

offences as (
    select
        row_label_normalised as offence_key,
        row_label,
        row_kind,
        parent_row_label_normalised as offence_group_key,
        document_id,
        line_number
    from {{ ref('int_foi_table_cells__resolved') }}
    where table_subject = 'offences' and row_kind in ('group', 'detail')
)

select
    offence_key,
    arg_min(row_label, line_number) as offence_label,
    bool_or(row_kind = 'group') as is_offence_group,
    arg_min(offence_group_key, line_number) as offence_group_key,
    count(distinct row_label) as printed_variant_count
from offences
group by offence_key

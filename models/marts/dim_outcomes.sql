-- Every crime-outcome label found in an outcome table, cleaned to one member. '-' (no
-- outcome assigned yet) is a member of its own.
select
    row_label_normalised as outcome_key,
    arg_min(row_label, line_number) as outcome_label,
    count(distinct row_label) as printed_variant_count
from {{ ref('int_foi_table_cells__resolved') }}
where table_subject = 'outcomes' and row_kind = 'detail'
group by row_label_normalised

{#- The columns of a check of one printed cell (`cell`, a row of the resolved cells) against the
    sum of its parts (`parts`: parts_sum, parts_known, parts_repaired), as rpt_reconciliation's
    row_total, group_sum, column_group_sum and grand_total checks all write them; each check
    adds its own description as the last column. -#}
{% macro sum_check_columns(check_type, cell, parts) -%}
    '{{ check_type }}' as check_type,
    {{ cell }}.document_id,
    {{ cell }}.table_id,
    {{ cell }}.table_number,
    {{ cell }}.row_number,
    {{ cell }}.column_label,
    {{ cell }}.period_start,
    {{ cell }}.period_end,
    {{ cell }}.line_number,
    cast(null as integer) as compared_line_number,
    {{ cell }}.cell_value as expected,
    {{ parts }}.parts_sum as actual,
    {{ cell }}.is_repaired or {{ parts }}.parts_repaired as involves_repaired,
    {{ parts }}.parts_known and {{ cell }}.cell_value is not null as is_checkable
{%- endmacro %}

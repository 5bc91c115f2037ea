select
    table_id,
    document_id,
    cast(column_number as integer) as column_number,
    column_label,
    column_kind,
    column_kind = 'total' as is_total_column,
    period_start,
    period_end,
    period_grain,
    cast(line_number as integer) as line_number,
    column_group,
    cast(parent_column_number as integer) as parent_column_number,
    cast(column_depth as integer) as column_depth,
    column_note
from {{ source('raw', 'foi_table_columns') }}

select
    table_id || '-r' || row_number || '-c' || column_number as cell_id,
    table_id,
    document_id,
    cast(row_number as integer) as row_number,
    cast(column_number as integer) as column_number,
    cast(line_number as integer) as line_number,
    printed_token,
    cast(cell_value as bigint) as cell_value,
    cast(cell_decimal as decimal(38, 10)) as cell_decimal,
    cell_status,
    is_repaired,
    repair_note,
    cell_locator
from {{ source('raw', 'foi_table_cells') }}

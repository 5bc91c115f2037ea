-- Every cell with its row, column and table: the row path, the member labels and the
-- period. A cell's period is its column's (month/year columns), else its row's (tables whose
-- rows are months), else the whole table's (total columns and total rows).
with

cells as (
    select * from {{ ref('stg_raw__foi_table_cells') }}
),

table_rows as (
    select * from {{ ref('stg_raw__foi_table_rows') }}
),

table_columns as (
    select * from {{ ref('stg_raw__foi_table_columns') }}
),

foi_tables as (
    select * from {{ ref('int_foi_tables__classified') }}
),

line_sources as (
    select * from {{ ref('stg_raw__document_line_sources') }}
),

-- Rows and columns take what they need from their group row and table first, so each cell
-- meets two small lookups instead of a join of every row with every column of its table.
rows_with_groups as (
    select
        table_rows.*,
        parent_rows.row_label as parent_row_label,
        parent_rows.row_label_normalised as parent_row_label_normalised
    from table_rows
    left join table_rows as parent_rows
        on
            table_rows.table_id = parent_rows.table_id
            and table_rows.parent_row_number = parent_rows.row_number
),

-- A column headed 'Total' is a total only beside the columns it adds up: a table's one
-- figure column (a 'Year | Total' list) holds the figures themselves.
figure_columns as (
    select
        table_id,
        count(*) filter (where not is_total_column) as part_column_count
    from table_columns
    group by table_id
),

columns_with_tables as (
    select
        table_columns.* replace (
            table_columns.is_total_column and figure_columns.part_column_count > 0 as is_total_column
        ),
        foi_tables.table_number,
        foi_tables.question_number,
        foi_tables.table_subject,
        foi_tables.counted_population,
        foi_tables.period_start as table_period_start,
        foi_tables.period_end as table_period_end,
        foi_tables.period_grain as table_period_grain
    from table_columns
    inner join foi_tables on table_columns.table_id = foi_tables.table_id
    inner join figure_columns on table_columns.table_id = figure_columns.table_id
)

select
    cells.cell_id,
    cells.document_id,
    cells.table_id,
    table_columns.table_number,
    table_columns.question_number,
    table_columns.table_subject,
    table_columns.counted_population,
    cells.row_number,
    table_rows.row_label,
    table_rows.row_label_normalised,
    table_rows.row_path,
    table_rows.row_kind,
    table_rows.row_depth,
    table_rows.parent_row_number,
    table_rows.parent_row_label,
    table_rows.parent_row_label_normalised,
    cells.column_number,
    table_columns.column_label,
    table_columns.column_kind,
    table_columns.column_group,
    table_columns.parent_column_number,
    table_columns.column_depth,
    coalesce(table_columns.period_start, table_rows.period_start, table_columns.table_period_start)
        as period_start,
    coalesce(table_columns.period_end, table_rows.period_end, table_columns.table_period_end)
        as period_end,
    coalesce(table_columns.period_grain, table_rows.period_grain, table_columns.table_period_grain)
        as period_grain,
    cells.cell_value,
    cells.cell_decimal,
    cells.printed_token,
    cells.cell_status,
    table_rows.is_total_row or table_columns.is_total_column as is_total,
    table_rows.is_total_row,
    table_columns.is_total_column,
    cells.is_repaired,
    cells.repair_note,
    cells.line_number,
    -- where the cell is printed in its file: its own cell, else its line (a PDF page line)
    coalesce(cells.cell_locator, line_sources.source_locator) as source_locator
from cells
inner join rows_with_groups as table_rows
    on cells.table_id = table_rows.table_id and cells.row_number = table_rows.row_number
inner join columns_with_tables as table_columns
    on cells.table_id = table_columns.table_id and cells.column_number = table_columns.column_number
left join line_sources
    on cells.document_id = line_sources.document_id and cells.line_number = line_sources.line_number

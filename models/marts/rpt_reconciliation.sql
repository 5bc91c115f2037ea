-- One row per check of a printed figure against the figures it should equal:
--   row_total        a row's total column against the sum of its other columns
--   group_sum        a group row's cell against the sum of its detail rows' cells
--   column_group_sum a group column's cell against the sum of the cells of the columns the
--                    figures prove are its parts (a header of column groups: 'Violence
--                    against the person' against 'Homicide' ... 'Stalking and harassment')
--   grand_total      a total row's cell against the sum of the top-level rows' cells
--   cross_table_total  a table's total for a period against another table of the same
--                    document that breaks down the same count: the same measure, another
--                    subject (crimes by offence against crimes per month; suspects by
--                    outcome against suspects by role). Two tables of one subject (crimes
--                    of one offence and of another) count different populations and are
--                    not compared; nor is a table whose subject no fact table holds.
--   cross_table_member a top-level row against the row with the same label in another
--                    table of that population (e.g. suspects by role against the role
--                    groups of suspects by role and outcome)
-- status: pass, repaired (holds, and a repaired cell takes part), fail, or not_checkable
-- (a part is suppressed or missing). A failing check on a line a known erratum names
-- (seeds/reference/known_errata.csv) stays 'fail' and names the erratum in erratum_id: the
-- printed total still does not hold, but the erratum lets its table's detail rows into the facts.
with

-- Not materialized: the cells are a table already, and each check reads only the columns
-- and rows it needs; a materialized copy of every cell would cost more than the scans.
cells as not materialized (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

documents as (
    select
        document_id,
        file_name
    from {{ ref('stg_raw__documents') }}
),

errata as (
    select
        erratum_id,
        table_id,
        line_number
    from {{ ref('int_known_errata__matched') }}
    where match_status = 'matched'
),

-- An official statistics workbook prints one table per measure (numbers, percentage change,
-- rates, offences involving a knife): its tables are not breakdowns of one count, so they
-- are not compared with each other; each is checked by its own sums.
compared_documents as (
    select document_id
    from {{ ref('stg_raw__documents') }}
    where document_kind is distinct from 'official_statistics'
),

-- The parts each kind of check adds up, summed once.
row_parts as (
    select
        table_id,
        row_number,
        cast(sum(cell_value) as bigint) as parts_sum,
        count(cell_value) = count(*) as parts_known,
        bool_or(is_repaired) as parts_repaired
    from cells
    where not is_total_column
    group by table_id, row_number
),

group_parts as (
    select
        table_id,
        parent_row_number,
        column_number,
        cast(sum(cell_value) as bigint) as parts_sum,
        count(*) as part_count,
        count(cell_value) = count(*) as parts_known,
        bool_or(is_repaired) as parts_repaired
    from cells
    where parent_row_number is not null
    group by table_id, parent_row_number, column_number
),

column_group_parts as (
    select
        table_id,
        row_number,
        parent_column_number,
        cast(sum(cell_value) as bigint) as parts_sum,
        count(*) as part_count,
        count(cell_value) = count(*) as parts_known,
        bool_or(is_repaired) as parts_repaired
    from cells
    where parent_column_number is not null
    group by table_id, row_number, parent_column_number
),

top_level_parts as (
    select
        table_id,
        column_number,
        cast(sum(cell_value) as bigint) as parts_sum,
        count(*) as part_count,
        count(cell_value) = count(*) as parts_known,
        bool_or(is_repaired) as parts_repaired
    from cells
    where row_depth = 0 and not is_total_row
    group by table_id, column_number
),

row_totals as (
    select
        {{ sum_check_columns('row_total', 'total_cell', 'row_parts') }},
        'row "' || total_cell.row_path || '": ' || total_cell.column_label
        || ' against the sum of the row''s other columns'
            as description
    from cells as total_cell
    inner join row_parts
        on total_cell.table_id = row_parts.table_id and total_cell.row_number = row_parts.row_number
    where total_cell.is_total_column
),

group_sums as (
    select
        {{ sum_check_columns('group_sum', 'group_cell', 'group_parts') }},
        'group "' || group_cell.row_path || '", ' || group_cell.column_label
        || ': against the sum of its ' || group_parts.part_count || ' detail rows'
            as description
    from cells as group_cell
    inner join group_parts
        on
            group_cell.table_id = group_parts.table_id
            and group_cell.row_number = group_parts.parent_row_number
            and group_cell.column_number = group_parts.column_number
    where group_cell.row_kind = 'group'
),

column_group_sums as (
    select
        {{ sum_check_columns('column_group_sum', 'group_cell', 'column_group_parts') }},
        '"' || group_cell.row_label || '", column group ' || group_cell.column_label
        || ': against the sum of its ' || column_group_parts.part_count || ' part columns'
            as description
    from cells as group_cell
    inner join column_group_parts
        on
            group_cell.table_id = column_group_parts.table_id
            and group_cell.row_number = column_group_parts.row_number
            and group_cell.column_number = column_group_parts.parent_column_number
),

grand_totals as (
    select
        {{ sum_check_columns('grand_total', 'total_cell', 'top_level_parts') }},
        '"' || total_cell.row_label || '", ' || total_cell.column_label
        || ': against the sum of the ' || top_level_parts.part_count || ' top-level rows'
            as description
    from cells as total_cell
    inner join top_level_parts
        on
            total_cell.table_id = top_level_parts.table_id
            and total_cell.column_number = top_level_parts.column_number
    where total_cell.is_total_row
),

-- Each table's figure for each period: its printed total where it prints one, else the
-- sum of its top-level rows (a table whose rows are months).
table_period_figures as (
    select
        document_id,
        table_id,
        table_number,
        table_subject,
        counted_population,
        period_start,
        period_end,
        coalesce(
            max(cell_value) filter (where is_total_row),
            cast(sum(cell_value) filter (where row_depth = 0 and not is_total_row) as bigint)
        ) as figure,
        bool_or(is_repaired) as involves_repaired,
        coalesce(
            min(line_number) filter (where is_total_row),
            min(line_number) filter (where row_depth = 0 and not is_total_row)
        ) as line_number
    from cells
    where
        counted_population is not null and period_start is not null
        and document_id in (select compared_documents.document_id from compared_documents)
    group by all
),

cross_table_totals as (
    select
        'cross_table_total' as check_type,
        later.document_id,
        later.table_id,
        later.table_number,
        cast(null as integer) as row_number,
        cast(null as varchar) as column_label,
        later.period_start,
        later.period_end,
        later.line_number,
        earlier.line_number as compared_line_number,
        earlier.figure as expected,
        later.figure as actual,
        earlier.involves_repaired or later.involves_repaired as involves_repaired,
        earlier.figure is not null and later.figure is not null as is_checkable,
        'table ' || later.table_number || ' total ' || later.counted_population || ' for '
        || later.period_start || ' to ' || later.period_end || ' against table '
        || earlier.table_number
            as description
    from table_period_figures as later
    inner join table_period_figures as earlier
        on
            later.document_id = earlier.document_id
            and later.counted_population = earlier.counted_population
            and later.table_subject != earlier.table_subject
            and later.period_start = earlier.period_start
            and later.period_end = earlier.period_end
            and later.table_number > earlier.table_number
),

top_level_members as (
    select *
    from cells
    where
        row_depth = 0 and not is_total_row and counted_population is not null
        and document_id in (select compared_documents.document_id from compared_documents)
),

cross_table_members as (
    select
        'cross_table_member' as check_type,
        later.document_id,
        later.table_id,
        later.table_number,
        later.row_number,
        later.column_label,
        later.period_start,
        later.period_end,
        later.line_number,
        earlier.line_number as compared_line_number,
        earlier.cell_value as expected,
        later.cell_value as actual,
        earlier.is_repaired or later.is_repaired as involves_repaired,
        earlier.cell_value is not null and later.cell_value is not null as is_checkable,
        '"' || later.row_label || '", ' || later.column_label || ' in table ' || later.table_number
        || ' against the same row in table ' || earlier.table_number
            as description
    from top_level_members as later
    inner join top_level_members as earlier
        on
            later.document_id = earlier.document_id
            and later.counted_population = earlier.counted_population
            and later.row_label_normalised = earlier.row_label_normalised
            and later.period_start = earlier.period_start
            and later.period_end = earlier.period_end
            and later.table_number > earlier.table_number
),

checks as (
    select * from row_totals
    union all
    select * from group_sums
    union all
    select * from column_group_sums
    union all
    select * from grand_totals
    union all
    select * from cross_table_totals
    union all
    select * from cross_table_members
)

select
    md5(
        concat_ws(
            '|', checks.check_type, checks.table_id, checks.row_number, checks.column_label,
            checks.period_start, checks.period_end, checks.compared_line_number
        )
    ) as check_id,
    checks.check_type,
    checks.document_id,
    documents.file_name,
    checks.table_id,
    checks.table_number,
    checks.row_number,
    checks.column_label,
    checks.period_start,
    checks.period_end,
    checks.line_number,
    checks.compared_line_number,
    checks.description,
    checks.expected,
    checks.actual,
    checks.actual - checks.expected as difference,
    checks.involves_repaired,
    case
        when not checks.is_checkable then 'not_checkable'
        when checks.expected != checks.actual then 'fail'
        when checks.involves_repaired then 'repaired'
        else 'pass'
    end as status,
    documents.file_name || ':' || checks.line_number || ' (table ' || checks.table_number
    || ', ' || checks.check_type || ') ' || checks.description || ': expected '
    || coalesce(cast(checks.expected as varchar), 'null') || ', found '
    || coalesce(cast(checks.actual as varchar), 'null') as failure_message,
    case when checks.is_checkable and checks.expected != checks.actual then errata.erratum_id end
        as erratum_id
from checks
inner join documents on checks.document_id = documents.document_id
left join errata on checks.table_id = errata.table_id and checks.line_number = errata.line_number

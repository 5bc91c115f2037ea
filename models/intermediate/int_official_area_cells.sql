-- The figures of official statistics tables (ONS and Home Office workbooks) by area and
-- offence: a row is an area when its label starts with an ONS area code the
-- ons_police_force_areas seed knows ('E23000014 West Midlands': the police force area, not
-- the West Midlands region E12000005), a column is an offence when its label is in
-- offence_label_map ('Stalking and harassment'), and its group is the column the figures
-- prove it a part of ('Violence against the person'). A figure reaches the facts
-- (is_fact) when it is a whole count of a police force area in a column no other column is
-- a part of (a group column is a sum, like a group row), in a table of recorded crimes
-- or offences (int_foi_tables__classified) whose title says it counts all police recorded
-- crime (official_table_scopes: not a flagged subset such as knife crime), that no error
-- holds back. Regions, countries and England and Wales are sums of forces
-- (rpt_reconciliation proves them), never stored twice.
with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

documents as (
    select
        document_id,
        file_name,
        document_kind,
        load_status
    from {{ ref('stg_raw__documents') }}
),

official_tables as (
    select
        foi_tables.table_id,
        foi_tables.document_id,
        foi_tables.header_line_number,
        foi_tables.table_subject,
        documents.file_name,
        documents.document_kind,
        documents.load_status,
        coalesce(
            lag(foi_tables.last_line_number) over (
                partition by foi_tables.document_id order by foi_tables.header_line_number
            ),
            0
        ) as previous_table_end
    from {{ ref('int_foi_tables__classified') }} as foi_tables
    inner join documents on foi_tables.document_id = documents.document_id
    where documents.document_kind = 'official_statistics'
),

-- The table's title: the nearest line above its header that reads as a title (six words
-- or more: 'Table P1: Police recorded crime by offence group ...'), after the table before it.
table_titles as (
    select
        official_tables.table_id,
        arg_max(document_lines.line_text, document_lines.line_number) as table_title
    from official_tables
    inner join {{ ref('stg_raw__document_lines') }} as document_lines
        on
            official_tables.document_id = document_lines.document_id
            and official_tables.previous_table_end < document_lines.line_number
            and official_tables.header_line_number > document_lines.line_number
    where len(string_split(trim(document_lines.line_text), ' ')) >= 6
    group by official_tables.table_id
),

-- The scope the title's words give (the most specific keyword wins).
table_scopes as (
    select
        table_titles.table_id,
        table_titles.table_title,
        scopes.scope,
        scopes.is_all_recorded_crime
    from table_titles
    inner join {{ ref('official_table_scopes') }} as scopes
        on regexp_matches(lower(table_titles.table_title), '\b' || scopes.keyword || '\b')
    qualify row_number() over (
        partition by table_titles.table_id order by scopes.priority, length(scopes.keyword) desc
    ) = 1
),

-- Every error that names a table holds it back (as for FOI tables), and so does a table
-- cut off or emptied.
held_back_tables as (
    select distinct table_id
    from {{ ref('rpt_data_quality_issues') }}
    where
        table_id is not null
        and (severity = 'error' or issue_code in ('table_cut_off', 'table_emptied'))
),

areas as (
    select * from {{ ref('ons_police_force_areas') }}
),

-- One offence per printed label: a group label where the map has two readings.
offence_labels as (
    select
        label_normalised,
        offence_key
    from {{ ref('offence_label_map') }}
    qualify row_number() over (
        partition by label_normalised order by is_offence_group_label desc, offence_key asc
    ) = 1
),

-- Columns that other columns are parts of: sums, never stored twice.
group_columns as (
    select distinct
        table_id,
        parent_column_number as column_number
    from {{ ref('stg_raw__foi_table_columns') }}
    where parent_column_number is not null
),

area_cells as (
    select
        cells.*,
        official_tables.file_name,
        official_tables.document_kind,
        official_tables.load_status,
        regexp_extract(cells.row_label, '^([EKNSW][0-9]{8})\b', 1) as area_code,
        regexp_extract(cells.parent_row_label, '^([EKNSW][0-9]{8})\b', 1) as parent_row_area_code,
        {{ normalise_label('cells.column_label') }} as column_label_normalised,
        parent_columns.column_label as parent_column_label,
        {{ normalise_label('parent_columns.column_label') }} as parent_column_label_normalised,
        group_columns.table_id is not null as is_group_column
    from cells
    inner join official_tables on cells.table_id = official_tables.table_id
    left join {{ ref('stg_raw__foi_table_columns') }} as parent_columns
        on
            cells.table_id = parent_columns.table_id
            and cells.parent_column_number = parent_columns.column_number
    left join group_columns
        on cells.table_id = group_columns.table_id and cells.column_number = group_columns.column_number
)

select
    area_cells.cell_id,
    area_cells.document_id,
    area_cells.file_name,
    area_cells.table_id,
    area_cells.table_subject,
    area_cells.row_number,
    area_cells.row_label,
    area_cells.row_kind,
    area_cells.parent_row_number,
    area_cells.area_code,
    nullif(area_cells.parent_row_area_code, '') as parent_row_area_code,
    areas.area_name,
    areas.area_kind,
    areas.parent_area_code,
    areas.force_key,
    area_cells.column_number,
    area_cells.column_label,
    area_cells.column_label_normalised,
    area_cells.column_group,
    area_cells.is_group_column,
    offences.offence_key,
    area_cells.parent_column_label as offence_group,
    group_offences.offence_key as offence_group_key,
    area_cells.period_start,
    area_cells.period_end,
    area_cells.period_grain,
    area_cells.cell_value,
    area_cells.printed_token,
    area_cells.is_repaired,
    area_cells.line_number,
    area_cells.document_kind,
    table_scopes.table_title,
    table_scopes.scope,
    area_cells.load_status = 'loaded'
    and held_back_tables.table_id is null
    and area_cells.table_subject in ('recorded_crimes', 'offences')
    and coalesce(table_scopes.is_all_recorded_crime, false)
    and areas.area_kind = 'police_force_area'
    and not area_cells.is_group_column
    and offences.offence_key is not null
    and area_cells.cell_value is not null
    and area_cells.period_start is not null
        as is_fact
from area_cells
left join areas on area_cells.area_code = areas.area_code
left join offence_labels as offences
    on area_cells.column_label_normalised = offences.label_normalised
left join offence_labels as group_offences
    on area_cells.parent_column_label_normalised = group_offences.label_normalised
left join table_scopes on area_cells.table_id = table_scopes.table_id
left join held_back_tables on area_cells.table_id = held_back_tables.table_id
where area_cells.area_code != ''

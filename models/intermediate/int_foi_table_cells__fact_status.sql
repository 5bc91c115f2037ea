-- Whether each cell reaches the facts, and why not (fact_status, fact_status_reason):
--   document_quarantined, not_a_fact_subject, held_back  from its table
--                         (int_foi_tables__fact_status), or held_back for its row alone when
--                         its label, or its group row's label, is in no label map
--   total                 a total row or column, or a group row: a sum of detail cells, never
--                         stored twice
--   no_value              suppressed or blank: no figure to count; or money or a figure
--                         printed with decimals (cell_decimal): a figure, never a count
--   in_facts              a detail figure of a trusted table of a fact subject, or a
--                         figure of a police force area and offence of an official
--                         statistics table (int_official_area_cells: is_fact)
-- In a table a known erratum lets into the facts, the detail cells in the facts and the
-- misprinted total (on the erratum's line) carry the erratum's reason.
-- A table: the detail cells, fct_table_cells and the tests all read it.
{{ config(materialized='table') }}

with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

table_status as (
    select * from {{ ref('int_foi_tables__fact_status') }}
),

labels as (
    select * from {{ ref('int_foi_row_labels__mapped') }}
),

official_facts as (
    select cell_id
    from {{ ref('int_official_area_cells') }}
    where is_fact
),

unknown_labels as (
    select
        table_id,
        row_number,
        printed_label,
        file_name,
        line_number,
        label_map_seed
    from labels
    where member_key is null
),

errata_lines as (
    select
        table_id,
        line_number
    from {{ ref('int_known_errata__matched') }}
    where match_status = 'matched'
)

select
    cells.cell_id,
    cells.table_id,
    cells.row_number,
    cells.column_number,
    case
        when official_facts.cell_id is not null then 'in_facts'
        when table_status.table_fact_status != 'in_facts' then table_status.table_fact_status
        when cells.is_total or cells.row_kind != 'detail' then 'total'
        when own_label.table_id is not null or group_label.table_id is not null then 'held_back'
        when cells.cell_value is null then 'no_value'
        else 'in_facts'
    end as fact_status,
    case
        when official_facts.cell_id is not null then null
        when table_status.table_fact_status != 'in_facts' then table_status.table_fact_status_reason
        when errata_lines.table_id is not null and (cells.is_total or cells.row_kind != 'detail')
            then 'a total misprinted in the document: ' || table_status.erratum_reason
        when cells.is_total or cells.row_kind != 'detail'
            then
                'a '
                || case when cells.row_kind = 'group' and not cells.is_total then 'group row' else 'total' end
                || ': the sum of detail cells that are in the facts themselves'
        when own_label.table_id is not null or group_label.table_id is not null
            then
                '[unknown_label] "' || coalesce(own_label.printed_label, group_label.printed_label)
                || '" (' || coalesce(own_label.file_name, group_label.file_name) || ':'
                || coalesce(own_label.line_number, group_label.line_number)
                || ') is in no label map: add it to '
                || coalesce(own_label.label_map_seed, group_label.label_map_seed)
        when cells.cell_decimal is not null
            then
                coalesce('"' || cells.printed_token || '"', 'the repaired figure')
                || ' is money or a figure with decimals, not a count'
        when cells.cell_value is null
            then 'printed ' || coalesce('"' || cells.printed_token || '"', 'blank') || ': no figure'
        -- in the facts: null, unless a known erratum let the table in
        else table_status.erratum_reason
    end as fact_status_reason
from cells
inner join table_status on cells.table_id = table_status.table_id
left join official_facts on cells.cell_id = official_facts.cell_id
left join unknown_labels as own_label
    on cells.table_id = own_label.table_id and cells.row_number = own_label.row_number
left join unknown_labels as group_label
    on cells.table_id = group_label.table_id and cells.parent_row_number = group_label.row_number
left join errata_lines
    on cells.table_id = errata_lines.table_id and cells.line_number = errata_lines.line_number

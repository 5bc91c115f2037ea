-- Crimes per document, force, period and printed offence, with the Home Office offence
-- member the offence maps to (offence_key) at its one level (offence_level: a class or a
-- detailed code, or a group, sub-group or force grouping for tables of groups), the Home
-- Office class and offence group that member sits in (from ho_offence_classifications, never
-- from the print: the same group means the same thing in every document), and the group row
-- printed above the offence, as printed.
with

cells as (
    select * from {{ ref('int_foi_detail_cells') }}
    where table_subject = 'offences'
),

offences as (
    select * from {{ ref('ho_offence_classifications') }}
),

offence_groups as (
    select
        offence_key as offence_group_key,
        offence_name as offence_group
    from offences
    where offence_level = 'group'
)

select
    cells.document_id,
    cells.file_name,
    cells.force_key,
    cells.table_id,
    cells.period_start,
    cells.period_end,
    cells.period_grain,
    offence_groups.offence_group_key,
    offence_groups.offence_group,
    cells.member_key as offence_key,
    offences.offence_level,
    offences.offence_class,
    cells.row_label as offence,
    cells.row_label_normalised as offence_label_normalised,
    cells.parent_row_label as printed_offence_group,
    cells.cell_value as crime_count,
    cells.is_repaired,
    cells.line_number,
    cells.scope,
    cells.scope_evidence,
    cells.scope_line_number,
    cells.is_preferred
from cells
left join offences on cells.member_key = offences.offence_key
left join offence_groups on offences.offence_group = offence_groups.offence_group

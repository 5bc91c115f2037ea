-- Crimes per document, force, period and printed offence, with the Home Office offence
-- Crimes per document, force, period and printed offence, with the Home Office offence
-- member the offence maps to (offence_key) at its one level (offence_level: a class or a
-- detailed code, or a group, sub-group or force grouping for tables of groups), the Home
-- Office class and offence group that member sits in (from ho_offence_classifications, never
-- from the print: the same group means the same thing in every document), and the group
-- printed above the offence, as printed: the detail figures of FOI tables of offences, and
-- the police force area figures of official statistics tables (an offence column of an area
-- row, its printed group the column it is a part of).
with

foi_cells as (
    select
        document_id,
        file_name,
        force_key,
        table_id,
        period_start,
        period_end,
        period_grain,
        member_key as offence_key,
        row_label as offence,
        row_label_normalised as offence_label_normalised,
        parent_row_label as printed_offence_group,
        cell_value as crime_count,
        is_repaired,
        line_number,
        scope,
        scope_evidence,
        scope_line_number,
        is_preferred
    from {{ ref('int_foi_detail_cells') }}
    where table_subject = 'offences'
),

-- An official table counts all police recorded crime of each area (its title says so:
-- official_table_scopes); one publication per area and period, so each figure is the one
-- to count.
official_cells as (
    select
        document_id,
        file_name,
        force_key,
        table_id,
        period_start,
        period_end,
        period_grain,
        offence_key,
        column_label as offence,
        column_label_normalised as offence_label_normalised,
        offence_group as printed_offence_group,
        cell_value as crime_count,
        is_repaired,
        line_number,
        scope,
        table_title as scope_evidence,
        cast(null as integer) as scope_line_number,
        true as is_preferred
    from {{ ref('int_official_area_cells') }}
    where is_fact
),

cells as (
    select * from foi_cells
    union all
    select * from official_cells
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
    cells.offence_key,
    offences.offence_level,
    offences.offence_class,
    cells.offence,
    cells.offence_label_normalised,
    cells.printed_offence_group,
    cells.crime_count,
    cells.is_repaired,
    cells.line_number,
    cells.scope,
    cells.scope_evidence,
    cells.scope_line_number,
    cells.is_preferred
from cells
left join offences on cells.offence_key = offences.offence_key
left join offence_groups on offences.offence_group = offence_groups.offence_group

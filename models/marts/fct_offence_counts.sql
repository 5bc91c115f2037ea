-- Crimes per document, force, period and printed offence, with the Home Office offence
-- member the offence maps to and the offence group (the group row above it): the detail
-- figures of FOI tables of offences, and the police force area figures of official
-- statistics tables (an offence column of an area row, its group the column it is a part of).
with

foi_offences as (
    select
        document_id,
        file_name,
        force_key,
        table_id,
        period_start,
        period_end,
        period_grain,
        parent_member_key as offence_group_key,
        coalesce(parent_row_label, row_label) as offence_group,
        member_key as offence_key,
        row_label as offence,
        row_label_normalised as offence_label_normalised,
        cell_value as crime_count,
        is_repaired,
        line_number
    from {{ ref('int_foi_detail_cells') }}
    where table_subject = 'offences'
),

official_offences as (
    select
        document_id,
        file_name,
        force_key,
        table_id,
        period_start,
        period_end,
        period_grain,
        offence_group_key,
        coalesce(offence_group, column_label) as offence_group,
        offence_key,
        column_label as offence,
        column_label_normalised as offence_label_normalised,
        cell_value as crime_count,
        is_repaired,
        line_number
    from {{ ref('int_official_area_cells') }}
    where is_fact
)

select * from foi_offences
union all
select * from official_offences

-- One row per crime recording system per FOI response: the date range the search covered
-- on it (as printed, as a date, and as interpreted where a printed date is impossible)
-- next to what the text says about when the system started or stopped recording.
with

statements as (
    select * from {{ ref('int_recording_systems__by_system') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

-- A system searched over several ranges covers from the earliest start to the latest end;
-- a bound is a date only when every range printed it as a real date.
search_ranges as (
    select
        document_id,
        system_key,
        count(*) as search_range_count,
        min(line_number) as range_line_number,
        string_agg(distinct date_field, '; ' order by date_field) as date_field,
        arg_min(range_start_printed, range_start_interpreted) as range_start_printed,
        arg_max(range_end_printed, range_end_interpreted) as range_end_printed,
        case when count(range_start) = count(*) then min(range_start) end as range_start,
        case when count(range_end) = count(*) then max(range_end) end as range_end,
        min(range_start_interpreted) as range_start_interpreted,
        max(range_end_interpreted) as range_end_interpreted,
        bool_or(is_interpretation) as is_interpretation,
        string_agg(statement_text, ' | ' order by line_number) as range_statement_text
    from statements
    where statement_kind = 'search_range'
    group by document_id, system_key
),

cutovers as (
    select
        document_id,
        system_key,
        min(line_number) as cutover_line_number,
        arg_min(range_start_printed, line_number) filter (where range_start_printed is not null)
            as cutover_start_printed,
        arg_min(range_end_printed, line_number) filter (where range_end_printed is not null)
            as cutover_end_printed,
        min(range_start_interpreted) as cutover_start,
        max(range_end_interpreted) as cutover_end,
        string_agg(distinct statement_text, ' | ') as cutover_statement_text
    from statements
    where statement_kind = 'cutover'
    group by document_id, system_key
),

systems as (
    select
        document_id,
        system_key,
        string_agg(distinct system_name, ', ' order by system_name) as system_names_printed,
        arg_min(system_name, line_number) filter (where statement_kind = 'search_range')
            as range_system_name,
        arg_min(system_name, line_number) as first_system_name
    from statements
    group by document_id, system_key
)

select
    cast(md5(systems.document_id || '|' || systems.system_key) as varchar) as recording_system_id,
    cast(systems.document_id as varchar) as document_id,
    cast(documents.file_name as varchar) as file_name,
    cast(documents.force_key as varchar) as force_key,
    cast(systems.system_key as varchar) as system_key,
    cast(coalesce(systems.range_system_name, systems.first_system_name) as varchar) as system_name,
    cast(systems.system_names_printed as varchar) as system_names_printed,
    cast(search_ranges.date_field as varchar) as date_field,
    cast(search_ranges.range_start_printed as varchar) as range_start_printed,
    cast(search_ranges.range_end_printed as varchar) as range_end_printed,
    cast(search_ranges.range_start as date) as range_start,
    cast(search_ranges.range_end as date) as range_end,
    cast(search_ranges.range_start_interpreted as date) as range_start_interpreted,
    cast(search_ranges.range_end_interpreted as date) as range_end_interpreted,
    cast(coalesce(search_ranges.is_interpretation, false) as boolean) as is_interpretation,
    cast(coalesce(search_ranges.search_range_count, 0) as integer) as search_range_count,
    cast(search_ranges.range_line_number as integer) as range_line_number,
    cast(search_ranges.range_statement_text as varchar) as range_statement_text,
    cast(cutovers.cutover_start_printed as varchar) as cutover_start_printed,
    cast(cutovers.cutover_end_printed as varchar) as cutover_end_printed,
    cast(cutovers.cutover_start as date) as cutover_start,
    cast(cutovers.cutover_end as date) as cutover_end,
    cast(cutovers.cutover_line_number as integer) as cutover_line_number,
    cast(cutovers.cutover_statement_text as varchar) as cutover_statement_text,
    -- The searched range runs backwards, or outside the dates the text says the system held.
    cast(
        coalesce(
            search_ranges.range_start_interpreted > search_ranges.range_end_interpreted
            or search_ranges.range_start_interpreted < cutovers.cutover_start
            or search_ranges.range_end_interpreted > cutovers.cutover_end,
            false
        ) as boolean
    ) as is_range_contradicted,
    cast(coalesce(search_ranges.range_line_number, cutovers.cutover_line_number) as integer)
        as line_number
from systems
left join search_ranges
    on systems.document_id = search_ranges.document_id and systems.system_key = search_ranges.system_key
left join cutovers
    on systems.document_id = cutovers.document_id and systems.system_key = cutovers.system_key
left join documents on systems.document_id = documents.document_id

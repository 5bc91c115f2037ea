-- One row per FOI response: what its text says about the request, completed from the
-- curated catalogue where the text is silent (force, and the response date when the
-- catalogue knows the day), with how the data was searched.
-- The response date: the printed date; else, where the printed date does not exist
-- ('31 September'), its flagged interpretation; else the catalogue's publication date.
with

requests as (
    select * from {{ ref('stg_raw__foi_requests') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

forces as (
    select * from {{ ref('dim_forces') }}
),

-- The letter's date as the parser read it, impossible ones included (with the date to use).
printed_response_dates as (
    select
        document_id,
        arg_min(interpreted_date, line_number) as interpreted_date,
        arg_min(is_interpretation, line_number) as is_interpretation
    from {{ ref('stg_raw__document_dates') }}
    where date_role = 'response_date'
    group by document_id
),

criteria as (
    select * from {{ ref('stg_raw__search_criteria') }}
),

systems as (
    select * from {{ ref('int_recording_systems__by_system') }}
),

-- A class printed under each of several systems is still one class searched.
search_method as (
    select
        document_id,
        string_agg(distinct criterion_code, ', ' order by criterion_code) filter (
            where criterion_kind in ('offence_class', 'offence_code')
        ) as offence_class_codes,
        string_agg(distinct criterion_text, '; ' order by criterion_text) filter (
            where criterion_kind in ('offence_class', 'offence_code')
        ) as offence_classes,
        string_agg(distinct criterion_code, ', ' order by criterion_code) filter (
            where criterion_kind = 'flag'
        ) as search_flags,
        string_agg(distinct criterion_text, '; ' order by criterion_text) filter (
            where criterion_kind = 'period_definition'
        ) as search_date_fields
    from criteria
    group by document_id
),

system_counts as (
    select
        document_id,
        count(distinct system_key) as recording_system_count
    from systems
    group by document_id
)

select
    cast(requests.document_id as varchar) as document_id,
    cast(requests.file_name as varchar) as file_name,
    cast(documents.force_key as varchar) as force_key,
    -- The force's own name where the catalogue places the document; else as printed.
    cast(coalesce(forces.force_name, requests.force_name) as varchar) as force_name,
    cast(requests.force_name_line_number as integer) as force_name_line_number,
    cast(requests.reference_number as varchar) as reference_number,
    cast(requests.reference_line_number as integer) as reference_line_number,
    cast(requests.request_date as date) as request_date,
    cast(requests.request_date_line_number as integer) as request_date_line_number,
    -- A catalogue date known only to the year or month is no response date.
    cast(
        case
            when requests.response_date is not null then requests.response_date
            when printed_response_dates.is_interpretation then printed_response_dates.interpreted_date
            when documents.publication_date_precision = 'day' then documents.publication_date
        end as date
    ) as response_date,
    cast(
        case
            when requests.response_date is not null then 'text'
            when printed_response_dates.is_interpretation then 'text_interpreted'
            when
                documents.publication_date_precision = 'day'
                and documents.publication_date is not null then 'catalogue'
            else 'unknown'
        end as varchar
    ) as response_date_source,
    -- The line only when the date came from the text.
    cast(
        case
            when requests.response_date is not null or printed_response_dates.is_interpretation
                then requests.response_date_line_number
        end as integer
    ) as response_date_line_number,
    cast(requests.period_start as date) as period_start,
    cast(requests.period_end as date) as period_end,
    cast(requests.period_text as varchar) as period_text,
    cast(requests.question_count as integer) as question_count,
    cast(requests.response_status as varchar) as response_status,
    cast(requests.response_exemptions as varchar) as response_exemptions,
    cast(requests.response_status_line_number as integer) as response_status_line_number,
    cast(coalesce(system_counts.recording_system_count, 0) as integer) as recording_system_count,
    cast(search_method.offence_class_codes as varchar) as offence_class_codes,
    cast(search_method.offence_classes as varchar) as offence_classes,
    cast(search_method.search_flags as varchar) as search_flags,
    cast(search_method.search_date_fields as varchar) as search_date_fields,
    cast(coalesce(documents.is_catalogued, false) as boolean) as is_catalogued,
    cast(requests.line_number as integer) as line_number
from requests
left join documents on requests.document_id = documents.document_id
left join printed_response_dates on requests.document_id = printed_response_dates.document_id
left join forces on documents.force_key = forces.force_key
left join search_method on requests.document_id = search_method.document_id
left join system_counts on requests.document_id = system_counts.document_id

-- Each document with what the curated catalogue says about it (publisher, date, force).
with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

catalogue as (
    select * from {{ ref('document_catalogue') }}
)

select
    documents.*,
    catalogue.title as catalogue_title,
    coalesce(catalogue.title, documents.detected_title) as title,
    catalogue.publisher,
    catalogue.publication_date,
    catalogue.publication_date_precision,
    catalogue.web_url,
    catalogue.force_key,
    catalogue.reference_number as catalogue_reference_number,
    catalogue.file_name is not null as is_catalogued
from documents
left join catalogue on documents.file_name = catalogue.file_name

-- Each document with what the curated catalogue says about it (publisher, date, force).
-- A document the catalogue does not know gets the force (or other public body) its text
-- names (int_documents__forces_named): at national scale nobody catalogues every document
-- by hand, and a reply's letterhead, title or signature names the body that answers it.
with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

catalogue as (
    select * from {{ ref('document_catalogue') }}
),

forces_named as (
    select * from {{ ref('int_documents__forces_named') }}
)

select
    documents.*,
    catalogue.title as catalogue_title,
    coalesce(catalogue.title, documents.detected_title) as title,
    catalogue.publisher,
    catalogue.publication_date,
    catalogue.publication_date_precision,
    catalogue.web_url,
    coalesce(catalogue.force_key, forces_named.force_key) as force_key,
    case
        when catalogue.force_key is not null then 'catalogue'
        when forces_named.force_key is not null then 'text'
    end as force_source,
    catalogue.reference_number as catalogue_reference_number,
    catalogue.file_name is not null as is_catalogued
from documents
left join catalogue on documents.file_name = catalogue.file_name
left join forces_named on documents.document_id = forces_named.document_id

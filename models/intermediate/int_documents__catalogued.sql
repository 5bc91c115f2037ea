-- Each document with what the curated catalogue says about it (publisher, date, force).
-- A document the catalogue does not know still gets its force when its detected title names
-- exactly one force of the reference list: at national scale nobody catalogues every FOI
-- response by hand, and a response's first line names the force that answers it.
with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

catalogue as (
    select * from {{ ref('document_catalogue') }}
),

forces as (
    select * from {{ ref('police_forces') }}
),

-- FOI responses whose title contains a force's name; the longest name wins, so a name that
-- is part of a longer one never beats it.
forces_named_in_titles as (
    select
        documents.document_id,
        forces.force_key
    from documents
    inner join forces
        on contains(lower(documents.detected_title), lower(forces.force_name))
    where documents.document_kind = 'foi_response'
    qualify row_number() over (
        partition by documents.document_id
        order by length(forces.force_name) desc, forces.force_key asc
    ) = 1
)

select
    documents.*,
    catalogue.title as catalogue_title,
    coalesce(catalogue.title, documents.detected_title) as title,
    catalogue.publisher,
    catalogue.publication_date,
    catalogue.publication_date_precision,
    catalogue.web_url,
    coalesce(catalogue.force_key, forces_named_in_titles.force_key) as force_key,
    case
        when catalogue.force_key is not null then 'catalogue'
        when forces_named_in_titles.force_key is not null then 'title'
    end as force_source,
    catalogue.reference_number as catalogue_reference_number,
    catalogue.file_name is not null as is_catalogued
from documents
left join catalogue on documents.file_name = catalogue.file_name
left join forces_named_in_titles on documents.document_id = forces_named_in_titles.document_id

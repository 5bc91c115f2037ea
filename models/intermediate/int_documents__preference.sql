-- Which document to count when several give a figure for the same force, scope, subject and
-- period: the one rule every model that takes one document uses (int_foi_figures__preferred,
-- mart_monthly_overview). The latest dated first: an FOI reply's response date, else the
-- catalogue's publication date; a document with neither comes after every dated one. Ties go
-- to the file name last in sort order (names that carry a date or a number sort the newest
-- last), then the document_id: arbitrary, but the same on every build.
with

documents as (
    select
        document_id,
        file_name,
        publication_date
    from {{ ref('int_documents__catalogued') }}
),

responses as (
    select
        document_id,
        response_date
    from {{ ref('dim_foi_requests') }}
)

select
    documents.document_id,
    documents.file_name,
    coalesce(responses.response_date, documents.publication_date) as preference_date,
    case
        when responses.response_date is not null then 'response_date'
        when documents.publication_date is not null then 'publication_date'
    end as preference_date_source,
    cast(row_number() over (
        order by
            coalesce(responses.response_date, documents.publication_date) desc nulls last,
            documents.file_name desc,
            documents.document_id desc
    ) as integer) as preference_order
from documents
left join responses on documents.document_id = responses.document_id

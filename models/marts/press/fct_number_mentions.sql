-- Every number printed in the prose of every document (FOI replies, news articles, other),
-- with its sentence and where it is in the line. Table lines are not prose: their figures
-- are cells (fct_table_cells). Only number_kind 'count' counts something (crimes, arrests,
-- records, people); years, dates, ages, money, sections, references and question numbers
-- have kinds of their own.
--
-- Every document's mentions are kept, a quarantined document's too (a revised reply, a
-- near-duplicate copy of a document loaded), as fct_table_cells keeps its cells: they say
-- what the parser read and why the document was held back. Its load_status says which: a
-- query that counts or sums mentions takes load_status = 'loaded', or the same article
-- printed in two outlets counts twice.
with

mentions as (
    select * from {{ ref('stg_raw__number_mentions') }}
),

sentences as (
    select * from {{ ref('stg_raw__sentences') }}
),

documents as (
    select * from {{ ref('dim_documents') }}
)

select
    mentions.mention_id,
    mentions.document_id,
    documents.file_name,
    documents.load_status,
    documents.document_kind,
    mentions.line_number,
    mentions.sentence_id,
    sentences.sentence_text,
    mentions.char_start,
    mentions.char_end,
    mentions.printed_text,
    mentions.mention_value,
    mentions.unit,
    mentions.number_kind,
    mentions.qualifier,
    mentions.is_approximate,
    mentions.words_before,
    mentions.words_after
from mentions
inner join documents on mentions.document_id = documents.document_id
inner join sentences on mentions.sentence_id = sentences.sentence_id

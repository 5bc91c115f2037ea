-- Every number printed in a news article, with its sentence and where it is in the line,
-- and whether a curated published figure is read from it.
with

mentions as (
    select * from {{ ref('stg_raw__number_mentions') }}
),

sentences as (
    select * from {{ ref('stg_raw__article_sentences') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

curated_mentions as (
    select distinct mention_id
    from {{ ref('int_press__figures_located') }}
    where mention_id is not null
)

select
    mentions.mention_id,
    mentions.document_id,
    documents.file_name,
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
    mentions.words_after,
    curated_mentions.mention_id is not null as is_curated
from mentions
inner join documents on mentions.document_id = documents.document_id
inner join sentences on mentions.sentence_id = sentences.sentence_id
left join curated_mentions on mentions.mention_id = curated_mentions.mention_id

-- Every number printed in a news article (fct_number_mentions of the articles), and whether
-- a curated published figure is read from it. Like fct_number_mentions it keeps the
-- mentions of quarantined articles (a near-duplicate copy of an article loaded) with their
-- load_status: count or sum only load_status = 'loaded'.
with

mentions as (
    select * from {{ ref('fct_number_mentions') }}
    where document_kind = 'news_article'
),

curated_mentions as (
    select distinct mention_id
    from {{ ref('int_press__figures_located') }}
    where mention_id is not null
)

select
    mentions.mention_id,
    mentions.document_id,
    mentions.file_name,
    mentions.load_status,
    mentions.line_number,
    mentions.sentence_id,
    mentions.sentence_text,
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
left join curated_mentions on mentions.mention_id = curated_mentions.mention_id

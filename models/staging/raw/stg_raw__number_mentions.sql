select
    document_id,
    mention_id,
    sentence_id,
    cast(line_number as integer) as line_number,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    printed_text,
    value as mention_value,
    unit,
    number_kind,
    qualifier,
    is_approximate,
    words_before,
    words_after
from {{ source('raw', 'number_mentions') }}

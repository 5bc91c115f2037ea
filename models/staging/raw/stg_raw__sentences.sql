select
    document_id,
    sentence_id,
    cast(sentence_number as integer) as sentence_number,
    cast(line_number as integer) as line_number,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    sentence_text
from {{ source('raw', 'sentences') }}

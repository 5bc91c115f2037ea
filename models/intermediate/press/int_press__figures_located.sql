-- Each curated published figure found again in its document as the text is now: the quote
-- is located in its line (exactly, or with its digits wildcarded when a number in it has
-- changed), the printed value inside it, and the number mention the parser read there. The
-- checks read printed_value_in_text, so a number changed in an article flows into them.
with

figures as (
    select * from {{ ref('published_figures') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

document_lines as (
    select * from {{ ref('stg_raw__document_lines') }}
),

mentions as (
    select * from {{ ref('stg_raw__number_mentions') }}
),

-- Where the printed value sits in the quote: its first occurrence as a whole figure ('24'
-- is not the end of '124'), as ingest.news.find_printed finds it. RE2 has no look-behind,
-- so the characters either side are matched instead.
printed_in_quote as (
    select
        *,
        '^((?:.*?[^\w,.])?)' || regexp_escape(printed_value) || '(?:$|[^\w,.]|[,.](?:$|[^0-9]))'
            as printed_pattern
    from figures
),

quote_parts as (
    select
        *,
        regexp_matches(quote, printed_pattern) as is_printed_in_quote,
        regexp_extract(quote, printed_pattern, 1) as quote_before_printed,
        substr(
            quote,
            length(regexp_extract(quote, printed_pattern, 1)) + length(printed_value) + 1
        ) as quote_after_printed
    from printed_in_quote
),

-- The same quote with its digits free, the printed value captured: finds the quote again
-- when one of its numbers has changed, and says what is printed there now.
with_lines as (
    select
        quote_parts.*,
        documents.document_id,
        document_lines.line_text,
        strpos(document_lines.line_text, quote_parts.quote) as exact_position,
        '^(.*?' || {{ press_digits_wildcarded('quote_parts.quote_before_printed') }} || ')('
        || {{ press_digits_wildcarded('quote_parts.printed_value') }} || ')'
        || {{ press_digits_wildcarded('quote_parts.quote_after_printed') }} as wildcard_pattern
    from quote_parts
    left join documents on quote_parts.file_name = documents.file_name
    left join document_lines
        on
            documents.document_id = document_lines.document_id
            and quote_parts.line_number = document_lines.line_number
),

located as (
    select
        *,
        case
            when document_id is null then 'document_missing'
            when line_text is null then 'line_missing'
            when not is_printed_in_quote then 'printed_value_not_in_quote'
            when exact_position > 0 then 'exact'
            when regexp_matches(line_text, wildcard_pattern) then 'number_changed'
            else 'quote_not_found'
        end as text_status
    from with_lines
),

positioned as (
    select
        *,
        case text_status
            when 'exact' then exact_position - 1 + length(quote_before_printed)
            when 'number_changed' then length(regexp_extract(line_text, wildcard_pattern, 1))
        end as printed_start,
        case text_status
            when 'exact' then printed_value
            when 'number_changed' then regexp_extract(line_text, wildcard_pattern, 2)
        end as printed_now
    from located
),

-- The parser's number mention covering the printed value (it may be wider: 'more than
-- 1,800' covers '1,800').
with_mentions as (
    select
        positioned.*,
        mentions.mention_id,
        mentions.printed_text,
        mentions.char_start,
        mentions.char_end,
        mentions.mention_value,
        mentions.qualifier,
        mentions.is_approximate as mention_is_approximate
    from positioned
    left join mentions
        on
            positioned.document_id = mentions.document_id
            and positioned.line_number = mentions.line_number
            and positioned.printed_start >= mentions.char_start
            and mentions.char_end >= positioned.printed_start + length(positioned.printed_now)
),

valued as (
    select
        *,
        -- In the seed's sign convention: a printed decline recorded as a negative change.
        case when value < 0 then -mention_value else mention_value end as printed_value_in_text,
        case
            when
                mention_is_approximate
                and qualifier in ('more than', 'just over', 'over', 'in excess of', 'upwards of')
                then 'more_than'
            when mention_is_approximate and qualifier = 'at least' then 'at_least'
            when mention_is_approximate and qualifier in ('less than', 'fewer than', 'under', 'just under')
                then 'less_than'
            when mention_is_approximate and qualifier in ('at most', 'up to') then 'at_most'
            when mention_is_approximate then 'around'
            when is_approximate then 'rounded'
            else 'exact'
        end as approximation,
        -- The printed number's digits, to read how far it is rounded.
        regexp_extract(printed_now, '{{ press_number_token() }}') as printed_digits
    from with_mentions
)

select
    figure_id,
    document_id,
    file_name,
    line_number,
    quote,
    printed_value,
    value,
    unit,
    metric,
    offence_scope,
    geography,
    -- The geography vocabulary is the force keys of the police_forces seed.
    geography as force_key,
    period_text,
    period_start,
    period_end,
    period_note,
    producer,
    part_of_figure_id,
    breakdown,
    is_complete_breakdown,
    compared_with_figure_id,
    change_direction,
    applies_to_figure_id,
    restates_figure_id,
    approximation,
    text_status,
    mention_id,
    printed_text,
    char_start,
    char_end,
    qualifier,
    printed_value_in_text,
    coalesce(abs(printed_value_in_text - value) <= 1e-9 * greatest(1, abs(value)), false) as matches_text,
    -- The step the text rounds the figure to: a fraction's denominator ('a quarter' -> 1/4),
    -- else the printed decimals ('26.1' -> 0.1), else for a rounded or hedged count the
    -- trailing zeros ('1,800' -> 100); 1 for an exact whole number.
    case
        when printed_value_in_text is null then null
        when unit = 'ratio'
            then 1.0 / (
                select min(denominators.denominator)
                from range(1, 1001) as denominators (denominator)
                where
                    abs(
                        valued.printed_value_in_text * denominators.denominator
                        - round(valued.printed_value_in_text * denominators.denominator)
                    )
                    < 1e-9
            )
        when printed_digits like '%.%' then power(10, -length(split_part(printed_digits, '.', 2)))
        when approximation = 'exact' or unit != 'count' then 1
        else power(10, length(regexp_extract(replace(printed_digits, ',', ''), '0*$')))
    end as rounding_step,
    note as reviewer_note
from valued

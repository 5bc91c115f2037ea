-- The police force (or other public body) each document names, read from its text: the
-- body named most, with a body's full name or alias counting three times an area name
-- alone ('Police in Essex', 'in Greater Manchester'), and a mention in the first ten lines
-- (the letterhead, the title, the salutation) counting double. A name inside a longer one
-- printed on the same line ('Norfolk' in 'Norfolk and Suffolk Constabularies') is not
-- counted. A document that names eight or more forces is about England and Wales as a whole.
-- A reply whose text names no body takes the force whose house style its printed reference
-- has (seeds/reference/force_reference_styles.csv: 'NNNNA/YY' is West Midlands Police's).
with

-- Each line as its words ('&' and 'and' are one word in names: 'Avon & Somerset'). A name
-- is found by joining its first word to the line's words and comparing the words that
-- follow: a join on equal words stays cheap for millions of lines, where a substring or
-- regular-expression search of every name in every line does not.
line_words as (
    select
        document_id,
        line_number,
        string_split(
            trim(regexp_replace(lower(replace(line_text, '&', 'and')), '[^a-z0-9]+', ' ', 'g')), ' '
        ) as words
    from {{ ref('stg_raw__document_lines') }}
    where line_kind not in ('blank', 'boilerplate')
),

line_tokens as (
    select
        line_words.document_id,
        line_words.line_number,
        line_words.words,
        positions.word_index,
        line_words.words[positions.word_index] as word
    from line_words
    cross join unnest(range(1, len(line_words.words) + 1)) as positions (word_index)
),

bodies as (
    select
        force_key,
        force_name
    from {{ ref('police_forces') }}
    where force_type != 'aggregate'
    union all
    select
        force_key,
        force_name
    from {{ ref('public_bodies') }}
),

full_names as (
    select
        force_key,
        force_name as name_as_printed
    from bodies
    union all
    select
        force_key,
        name_as_printed
    from {{ ref('force_aliases') }}
),

-- An area is also printed with 'Police' or 'Constabulary' after it ('Kent Constabulary').
name_suffixes as (
    select ' police' as word
    union all
    select ' constabulary' as word
),

-- 'West Midlands' from 'West Midlands Police', 'Hampshire' from 'Hampshire Constabulary'.
area_names as (
    select distinct
        force_key,
        regexp_replace(
            name_as_printed, '\s+(police(\s+service)?|constabulary|constabularies)$', '', 'i'
        ) as name_as_printed
    from full_names
),

names as (
    select
        force_key,
        lower(replace(name_as_printed, '&', 'and')) as name_as_printed,
        3 as weight
    from full_names
    union all
    -- An area is also printed with 'Police' or 'Constabulary' after it ('Kent Constabulary').
    select
        force_key,
        lower(name_as_printed) || suffix.word as name_as_printed,
        3 as weight
    from area_names
    cross join name_suffixes as suffix
    union all
    select
        force_key,
        lower(name_as_printed) as name_as_printed,
        1 as weight
    from area_names
    where length(name_as_printed) >= 4
),

names_as_words as (
    select
        force_key,
        string_split(trim(regexp_replace(name_as_printed, '[^a-z0-9]+', ' ', 'g')), ' ')
            as name_words,
        weight
    from names
),

distinct_names as (
    select
        force_key,
        name_words,
        name_words[1] as first_word,
        len(name_words) as word_count,
        max(weight) as weight
    from names_as_words
    group by force_key, name_words
),

mentions as (
    select
        line_tokens.document_id,
        line_tokens.line_number,
        distinct_names.force_key,
        distinct_names.word_count,
        distinct_names.weight,
        line_tokens.word_index as word_start
    from line_tokens
    inner join distinct_names
        on line_tokens.word = distinct_names.first_word
    where
        line_tokens.words[
            line_tokens.word_index:line_tokens.word_index + distinct_names.word_count - 1
        ] = distinct_names.name_words
),

-- A name printed inside a longer name on the same line is part of that name.
whole_mentions as (
    select mentions.*
    from mentions
    where not exists (
        select 1
        from mentions as longer
        where
            longer.document_id = mentions.document_id
            and longer.line_number = mentions.line_number
            and longer.word_count > mentions.word_count
            and longer.word_start <= mentions.word_start
            and longer.word_start + longer.word_count
            >= mentions.word_start + mentions.word_count
    )
),

scores as (
    select
        document_id,
        force_key,
        sum(weight * case when line_number <= 10 then 2 else 1 end) as score,
        min(line_number) as first_line,
        max(weight) as best_weight
    from whole_mentions
    group by document_id, force_key
),

named_forces as (
    select
        document_id,
        count(*) as forces_named
    from scores
    group by document_id
),

reference_styles as (
    select
        requests.document_id,
        styles.force_key
    from {{ ref('stg_raw__foi_requests') }} as requests
    inner join {{ ref('force_reference_styles') }} as styles
        on regexp_matches(requests.reference_number, styles.reference_pattern)
    qualify row_number() over (partition by requests.document_id order by styles.force_key) = 1
),

best as (
    select
        document_id,
        force_key,
        first_line
    from scores
    qualify row_number() over (
        partition by document_id order by score desc, first_line asc, force_key asc
    ) = 1
)

select
    best.document_id,
    case when named_forces.forces_named >= 8 then 'england_and_wales' else best.force_key end
        as force_key,
    best.first_line as force_line_number
from best
inner join named_forces on best.document_id = named_forces.document_id
union all
select
    reference_styles.document_id,
    reference_styles.force_key,
    cast(null as bigint) as force_line_number
from reference_styles
left join best on reference_styles.document_id = best.document_id
where best.document_id is null

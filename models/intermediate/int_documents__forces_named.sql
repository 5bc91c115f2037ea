-- The police force (or other public body) each document names, read from its text: the
-- body named most, with a body's full name or alias counting three times an area name
-- alone ('Police in Essex', 'in Greater Manchester'), and a mention in the first ten lines
-- (the letterhead, the title, the salutation) counting double. A name inside a longer one
-- printed on the same line ('Norfolk' in 'Norfolk and Suffolk Constabularies') is not
-- counted. The force's web or e-mail domain printed in the text ('foi@essex.police.uk',
-- 'www.avonandsomerset.police.uk', 'x@cleveland.pnn.police.uk'; seeds/reference/
-- force_web_domains.csv) counts as its full name, and Welsh names ('Heddlu De Cymru') are
-- aliases. A document that names eight or more forces is about England and Wales as a
-- whole; one whose two most-named bodies score the same does not say which it is about
-- (a footnote 'not provided by Suffolk Constabulary and Nottinghamshire Police').
-- A reply whose text names no body, or two equally, takes the force whose house style it
-- prints (seeds/reference/force_reference_styles.csv): its printed reference ('NNNNA/YY' is
-- West Midlands Police's), a letterhead line ('Enquiry Reference: 900 - 24' is Cleveland
-- Police's, 'PUB 1380' Essex Police's) or its reply template's opening words.
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

-- A domain under police.uk, or under the police network's pnn.police.uk, as words.
domain_forms as (
    select ' police uk' as suffix
    union all
    select ' pnn police uk' as suffix
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
    union all
    -- A domain reads as its words ('foi@essex.police.uk' is 'foi essex police uk'), so it is
    -- found like a name, and the 'essex police' inside it is part of it, not a second mention.
    select
        domains.force_key,
        domains.domain_label || domain_forms.suffix as name_as_printed,
        3 as weight
    from {{ ref('force_web_domains') }} as domains
    cross join domain_forms
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

first_mentions as (
    select
        document_id,
        min(first_line) as first_line
    from scores
    group by document_id
),

ranked as (
    select
        document_id,
        force_key,
        score,
        first_line,
        row_number() over (
            partition by document_id order by score desc, first_line asc, force_key asc
        ) as rank_in_document
    from scores
),

-- The body named most, unless a second body is named exactly as much.
best as (
    select
        ranked.document_id,
        ranked.force_key,
        ranked.first_line
    from ranked
    left join ranked as runner_up
        on
            ranked.document_id = runner_up.document_id
            and runner_up.rank_in_document = 2
    where
        ranked.rank_in_document = 1
        and (runner_up.score is null or runner_up.score < ranked.score)
),

named as (
    select
        named_forces.document_id,
        case when named_forces.forces_named >= 8 then 'england_and_wales' else best.force_key end
            as force_key,
        coalesce(best.first_line, first_mentions.first_line) as force_line_number
    from named_forces
    left join best on named_forces.document_id = best.document_id
    left join first_mentions on named_forces.document_id = first_mentions.document_id
    where named_forces.forces_named >= 8 or best.document_id is not null
),

-- A house style decides only where no name does, so only those documents are searched for
-- one. A regular expression taken from a column is compiled again for every row it meets, so
-- trying every style on every line costs seconds at a thousand documents. Each style is first
-- tried once per document, on the document's lines joined in multi-line mode ('^' and '$' at
-- every line's ends): a line that matches on its own matches there too, so only the documents
-- found this way have their lines tried one by one.
printed_lines as (
    select
        document_lines.document_id,
        document_lines.line_number,
        trim(document_lines.line_text) as line_text
    from {{ ref('stg_raw__document_lines') }} as document_lines
    anti join named on document_lines.document_id = named.document_id
    where document_lines.line_kind != 'blank'
),

document_texts as (
    select
        document_id,
        string_agg(line_text, chr(10) order by line_number) as document_text
    from printed_lines
    group by document_id
),

line_styles as (
    select
        force_key,
        line_pattern
    from {{ ref('force_reference_styles') }}
    where line_pattern is not null
),

documents_in_a_style as (
    select
        document_texts.document_id,
        line_styles.force_key,
        line_styles.line_pattern
    from document_texts
    inner join line_styles
        on regexp_matches(document_texts.document_text, '(?m)' || line_styles.line_pattern)
),

reference_styles as (
    select
        requests.document_id,
        styles.force_key
    from {{ ref('stg_raw__foi_requests') }} as requests
    inner join {{ ref('force_reference_styles') }} as styles
        on regexp_matches(requests.reference_number, styles.reference_pattern)
    anti join named on requests.document_id = named.document_id
    where styles.reference_pattern is not null
    union all
    -- A house style printed as a line (a letterhead label) or the start of one (the opening
    -- words of the force's reply template).
    select
        printed_lines.document_id,
        documents_in_a_style.force_key
    from printed_lines
    inner join documents_in_a_style
        on
            printed_lines.document_id = documents_in_a_style.document_id
            and regexp_matches(printed_lines.line_text, documents_in_a_style.line_pattern)
),

styled_documents as (
    select
        document_id,
        min(force_key) as force_key
    from reference_styles
    group by document_id
    -- Styles of two forces in one document say nothing.
    having count(distinct force_key) = 1
)

select
    document_id,
    force_key,
    force_line_number
from named
union all
select
    styled_documents.document_id,
    styled_documents.force_key,
    cast(null as bigint) as force_line_number
from styled_documents

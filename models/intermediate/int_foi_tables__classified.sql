-- Each FOI table's subject and the population it counts, from keyword rules in the
-- table_subject_keywords seed: the header caption decides first, then the header lines, then
-- the row labels, then the question text and the sentence that introduces the table (prose or
-- a heading in the three lines above its header, after any earlier table); at each level a
-- subject no fact table holds (arrests, orders, other: disclosure requests, custody,
-- sightings, ...) outranks the fact subjects (recorded crimes, offences, suspect roles,
-- outcomes, victims). A table no rule recognises is 'unclassified' and, like the non-fact
-- subjects, never reaches the facts.
with

foi_tables as (
    select * from {{ ref('stg_raw__foi_tables') }}
),

row_labels as (
    select
        table_id,
        string_agg(row_label_normalised, ' | ' order by row_number) as labels,
        -- Rows that are all periods (years, months) name no offence: such a table counts
        -- crimes per period, whatever its caption calls them ('Year | Offences').
        bool_and(period_start is not null) as rows_are_periods
    from {{ ref('stg_raw__foi_table_rows') }}
    where not is_total_row
    group by table_id
),

keywords as (
    select * from {{ ref('table_subject_keywords') }}
),

document_lines as (
    select * from {{ ref('stg_raw__document_lines') }}
),

-- 'The total amount of crimes reported per month.', 'Please see the table below for the
-- number of reported crimes': what the reply says the table counts, just above it (never
-- reaching back past the table before it).
table_spans as (
    select
        table_id,
        document_id,
        header_line_number,
        coalesce(
            lag(last_line_number) over (partition by document_id order by header_line_number), 0
        ) as previous_table_end
    from foi_tables
),

lead_in_lines as (
    select
        table_spans.table_id,
        string_agg(lead_in.line_text, ' ' order by lead_in.line_number) as lead_in_text
    from table_spans
    inner join document_lines as lead_in
        on
            table_spans.document_id = lead_in.document_id
            and lead_in.line_number
            between greatest(table_spans.header_line_number - 3, table_spans.previous_table_end + 1)
            and table_spans.header_line_number - 1
    where lead_in.line_kind in ('prose', 'heading')
    group by table_spans.table_id
),

-- A table printed under a bare answer number ('1.', then the table) names no question on
-- its own lines: the question is the one whose answer the request parser found the table in.
answered_questions as (
    select
        foi_tables.table_id,
        string_agg(questions.question_text, ' ' order by questions.question_number) as question_text
    from foi_tables
    inner join {{ ref('stg_raw__foi_questions') }} as questions
        on
            foi_tables.document_id = questions.document_id
            and foi_tables.header_line_number
            between questions.answer_first_line and questions.answer_last_line
    where foi_tables.question_text is null
    group by foi_tables.table_id
),

texts as (
    select
        foi_tables.table_id,
        lower(concat_ws(' ', foi_tables.row_caption, foi_tables.measure_label)) as caption_text,
        lower(coalesce(foi_tables.header_text, '')) as header_text,
        coalesce(row_labels.labels, '') as label_text,
        lower(concat_ws(
            ' ',
            coalesce(foi_tables.question_text, answered_questions.question_text),
            lead_in_lines.lead_in_text
        )) as question_text
    from foi_tables
    left join row_labels on foi_tables.table_id = row_labels.table_id
    left join lead_in_lines on foi_tables.table_id = lead_in_lines.table_id
    left join answered_questions on foi_tables.table_id = answered_questions.table_id
),

-- One row per text a keyword can be looked for in, so that each keyword meets only the
-- texts its rule names (an equality join, not every keyword against every table).
searched_texts as (
    select
        table_id,
        'caption' as match_on,
        caption_text as searched_text
    from texts
    union all
    select
        table_id,
        'header' as match_on,
        header_text as searched_text
    from texts
    union all
    select
        table_id,
        'label' as match_on,
        label_text as searched_text
    from texts
    union all
    select
        table_id,
        'question' as match_on,
        question_text as searched_text
    from texts
),

matches as (
    select
        searched_texts.table_id,
        keywords.subject,
        keywords.measure,
        keywords.match_on,
        keywords.keyword,
        keywords.priority
    from searched_texts
    inner join keywords on searched_texts.match_on = keywords.match_on
    where
        -- A keyword is a literal phrase, so the text must contain it for the whole-word
        -- pattern to match: the cheap test spares the regex (compiled per keyword) on
        -- nearly every pair.
        contains(searched_texts.searched_text, keywords.keyword)
        and regexp_matches(searched_texts.searched_text, '\b' || keywords.keyword || 's?\b')
),

best_match as (
    select *
    from matches
    qualify row_number() over (
        partition by table_id order by priority asc, length(keyword) desc, keyword
    ) = 1
),

-- Tables whose row labels name offences ('Stalking', 'Harassment', 'Burglary').
offence_labelled as (
    select distinct table_id
    from matches
    where subject = 'offences' and match_on = 'label'
)

select
    foi_tables.*,
    case
        when best_match.subject = 'offences' and row_labels.rows_are_periods then 'recorded_crimes'
        -- 'Crime type | Number of crimes' over rows that name offences breaks crimes down by
        -- offence.
        when best_match.subject = 'recorded_crimes' and offence_labelled.table_id is not null then 'offences'
        else coalesce(best_match.subject, 'unclassified')
    end as table_subject,
    best_match.measure as counted_population,
    best_match.match_on as classified_by,
    best_match.keyword as classified_keyword
from foi_tables
left join best_match on foi_tables.table_id = best_match.table_id
left join row_labels on foi_tables.table_id = row_labels.table_id
left join offence_labelled on foi_tables.table_id = offence_labelled.table_id

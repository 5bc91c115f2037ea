-- Each FOI table's subject (recorded crimes, offences, suspect roles, outcomes, victims)
-- and the population it counts, from keyword rules in the table_subject_keywords seed:
-- the header caption decides first, then the row labels, then the question text.
with

foi_tables as (
    select * from {{ ref('stg_raw__foi_tables') }}
),

row_labels as (
    select
        table_id,
        string_agg(row_label_normalised, ' | ' order by row_number) as labels
    from {{ ref('stg_raw__foi_table_rows') }}
    where not is_total_row
    group by table_id
),

keywords as (
    select * from {{ ref('table_subject_keywords') }}
),

texts as (
    select
        foi_tables.table_id,
        lower(concat_ws(' ', foi_tables.row_caption, foi_tables.measure_label)) as caption_text,
        coalesce(row_labels.labels, '') as label_text,
        lower(coalesce(foi_tables.question_text, '')) as question_text
    from foi_tables
    left join row_labels on foi_tables.table_id = row_labels.table_id
),

matches as (
    select
        texts.table_id,
        keywords.subject,
        keywords.measure,
        keywords.match_on,
        keywords.keyword,
        keywords.priority
    from texts
    inner join keywords
        on regexp_matches(
            case keywords.match_on
                when 'caption' then texts.caption_text
                when 'label' then texts.label_text
                when 'question' then texts.question_text
            end,
            '\b' || keywords.keyword || 's?\b'
        )
),

best_match as (
    select *
    from matches
    qualify row_number() over (
        partition by table_id order by priority asc, length(keyword) desc, keyword
    ) = 1
)

select
    foi_tables.*,
    coalesce(best_match.subject, 'unclassified') as table_subject,
    best_match.measure as counted_population,
    best_match.match_on as classified_by,
    best_match.keyword as classified_keyword
from foi_tables
left join best_match on foi_tables.table_id = best_match.table_id

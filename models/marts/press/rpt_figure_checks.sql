-- One row per check of a published figure: against the other figures of its article (parts
-- against their whole, shares, stated changes, restatements) and against the FOI marts. The
-- values are read from the text as it is now, so a changed number shows here as a failed
-- check; the seed's own drift from the text is the press_figures_match_text test's job.
with

figures as (
    select * from {{ ref('int_press__figures_located') }}
),

article_checks as (
    select * from {{ ref('int_press__article_checks') }}
),

foi_comparisons as (
    select * from {{ ref('int_press__foi_comparisons') }}
),

checks as (
    select
        check_type,
        figure_id,
        breakdown,
        figure_ids,
        cast(null as varchar) as foi_file_name,
        description,
        expected,
        actual,
        status,
        status_reason,
        note
    from article_checks
    union all
    select
        check_type,
        figure_id,
        breakdown,
        figure_ids,
        foi_file_name,
        description,
        expected,
        actual,
        status,
        status_reason,
        note
    from foi_comparisons
)

select
    checks.check_type || ':' || checks.figure_id || coalesce(':' || checks.breakdown, '')
    || coalesce(':' || checks.foi_file_name, '') as check_id,
    checks.check_type,
    checks.figure_id,
    checks.figure_ids,
    figures.document_id,
    figures.file_name,
    figures.line_number,
    checks.breakdown,
    checks.foi_file_name,
    checks.description,
    cast(checks.expected as double) as expected,
    cast(checks.actual as double) as actual,
    -- rounded so that 0.26 - 0.25 reads 0.01, not 0.010000000000000009
    cast(round(checks.actual - checks.expected, 9) as double) as difference,
    checks.status,
    checks.status_reason,
    checks.note
from checks
inner join figures on checks.figure_id = figures.figure_id

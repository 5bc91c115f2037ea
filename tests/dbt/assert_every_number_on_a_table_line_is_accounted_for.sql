-- Nothing is lost: every number printed at the end of a table row's line is a cell of that
-- row (its printed token), or part of the row's label (a code such as 195/12 or a number the
-- label ends with), or the subject of an issue recorded on that line.
with

row_lines as (
    select
        document_id,
        line_number,
        line_text,
        regexp_extract(
            line_text, '((?:\s+(?:\d{1,3}(?:,\d{3})+|\d+|\*|\.\.|n/a|<\d+))+)\s*$', 1
        ) as trailing_run
    from {{ ref('stg_raw__document_lines') }}
    where line_kind in ('table_row', 'table_group_row', 'table_total_row')
),

printed_tokens as (
    select
        row_lines.document_id,
        row_lines.line_number,
        row_lines.line_text,
        len(string_split(trim(row_lines.trailing_run), ' ')) as printed_numbers
    from row_lines
    where trim(row_lines.trailing_run) != ''
),

cells_on_line as (
    select
        document_id,
        line_number,
        count(printed_token) as printed_cells
    from {{ ref('stg_raw__foi_table_cells') }}
    group by document_id, line_number
),

label_numbers as (
    -- Numbers the parser kept in the label because the row had more than the columns.
    select
        document_id,
        line_number,
        len(
            list_filter(
                string_split(row_label, ' '),
                label_word -> regexp_full_match(label_word, '\d{1,3}(?:,\d{3})+|\d+')
            )
        ) as numbers_in_label
    from {{ ref('stg_raw__foi_table_rows') }}
),

issues_on_line as (
    select distinct
        document_id,
        line_number
    from {{ ref('stg_raw__parse_issues') }}
)

select
    printed_tokens.document_id,
    printed_tokens.line_number,
    printed_tokens.line_text,
    printed_tokens.printed_numbers,
    coalesce(cells_on_line.printed_cells, 0) as printed_cells,
    coalesce(label_numbers.numbers_in_label, 0) as numbers_in_label
from printed_tokens
left join cells_on_line
    on
        printed_tokens.document_id = cells_on_line.document_id
        and printed_tokens.line_number = cells_on_line.line_number
left join label_numbers
    on
        printed_tokens.document_id = label_numbers.document_id
        and printed_tokens.line_number = label_numbers.line_number
left join issues_on_line
    on
        printed_tokens.document_id = issues_on_line.document_id
        and printed_tokens.line_number = issues_on_line.line_number
where
    issues_on_line.line_number is null
    and printed_tokens.printed_numbers
    > coalesce(cells_on_line.printed_cells, 0) + coalesce(label_numbers.numbers_in_label, 0)

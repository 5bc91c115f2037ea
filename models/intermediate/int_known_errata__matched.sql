-- Each row of seeds/reference/known_errata.csv with the document and table it names: the
-- table whose printed total (a total row or a total column) is on the erratum's line.
-- match_status says whether it names anything: an erratum that matches no loaded document,
-- or no printed total on its line, accepts nothing (rpt_data_quality_issues warns).
with

errata as (
    select * from {{ ref('known_errata') }}
),

documents as (
    select
        document_id,
        file_name,
        load_status
    from {{ ref('stg_raw__documents') }}
),

-- The table whose printed total is on each line (one per line: a line is read into one table).
total_lines as (
    select
        document_id,
        line_number,
        min(table_id) as table_id,
        min(table_number) as table_number
    from {{ ref('int_foi_table_cells__resolved') }}
    where is_total
    group by document_id, line_number
)

select
    errata.erratum_id,
    errata.document_id,
    errata.file_name,
    documents.file_name as loaded_file_name,
    errata.line_number,
    total_lines.table_id,
    total_lines.table_number,
    errata.what_is_wrong,
    errata.source,
    errata.judged_by,
    errata.judged_on,
    errata.action,
    case
        when documents.document_id is null then 'no_such_document'
        when total_lines.table_id is null then 'no_printed_total_on_line'
        else 'matched'
    end as match_status
from errata
left join documents on errata.document_id = documents.document_id
left join total_lines
    on errata.document_id = total_lines.document_id and errata.line_number = total_lines.line_number

-- Lists, as WARN, every error that is contained: its table's figures are held back from the
-- facts (or it names a line no table was read from), so the build publishes the rest. Each
-- row names the file, line, check and message (for a failed check: expected and found).
{{ config(severity='warn') }}

select
    file_name,
    line_number,
    table_id,
    issue_code,
    message
from {{ ref('rpt_data_quality_issues') }}
where
    severity = 'error'
    and {{ is_contained() }}

-- The recording-system statements of each FOI response with the system they are about:
-- 'CMS(ii)' and 'CMS', 'CONNECT' and 'Connect' name one system (a trailing bracket and
-- letter case are not part of the name), as the parser reads them when it compares ranges.
with

statements as (
    select * from {{ ref('stg_raw__recording_systems') }}
)

select
    document_id,
    coalesce(
        nullif(lower(trim(regexp_replace(system_name, '\s*\([^)]*\)\s*$', ''))), ''),
        'unnamed'
    ) as system_key,
    system_name,
    line_number,
    statement_kind,
    date_field,
    range_start_printed,
    range_end_printed,
    range_start,
    range_end,
    range_start_interpreted,
    range_end_interpreted,
    is_interpretation,
    statement_text
from statements

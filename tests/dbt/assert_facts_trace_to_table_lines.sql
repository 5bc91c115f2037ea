-- Every figure in a fact table points at a line of its document that the parser read as a
-- row of a table: the provenance an analyst follows back to the document is never dangling.
with

facts as (
    select
        'fct_recorded_crimes' as model_name,
        document_id,
        line_number
    from {{ ref('fct_recorded_crimes') }}
    union all
    select
        'fct_offence_counts' as model_name,
        document_id,
        line_number
    from {{ ref('fct_offence_counts') }}
    union all
    select
        'fct_suspect_role_counts' as model_name,
        document_id,
        line_number
    from {{ ref('fct_suspect_role_counts') }}
    union all
    select
        'fct_outcome_counts' as model_name,
        document_id,
        line_number
    from {{ ref('fct_outcome_counts') }}
    union all
    select
        'fct_victim_counts' as model_name,
        document_id,
        line_number
    from {{ ref('fct_victim_counts') }}
),

document_lines as (
    select * from {{ ref('stg_raw__document_lines') }}
)

select
    facts.model_name,
    facts.document_id,
    facts.line_number,
    document_lines.line_kind
from facts
left join document_lines
    on facts.document_id = document_lines.document_id and facts.line_number = document_lines.line_number
where document_lines.line_kind is null or document_lines.line_kind != 'table_row'
